import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/components/id-form/id-form.js';
import type { HersysIdForm } from '../../src/components/id-form/id-form.component.js';
import type { HersysDuplicateCheck } from '../../src/components/duplicate-check/duplicate-check.component.js';
import type { DuplicateCandidate } from '../../src/components/id-form/patient-events.js';
import { findDuplicateCandidates, type OccurrenceReport, type Person } from '../../src/schema/index.js';
import type { PostalLookup } from '../../src/components/postal/postal-lookup.js';
import { PatientHarness, waitFor } from './harness/patient-harness.js';

const postalLookup: PostalLookup = async (code) =>
  code === '1008916' ? [{ prefectureCode: '13', city: '千代田区', town: '霞が関' }] : [];

/** A fake registry: what the server would hold, with the SDK's matcher as the duplicate check. */
function registry(people: DuplicateCandidate[]) {
  const registered: Person[] = [];
  let next = 12345678;
  return {
    registered,
    register: async (person: Person) => {
      registered.push(person);
      return { herSysId: String(next++) };
    },
    checkDuplicates: async (person: Person) => findDuplicateCandidates(person, people),
  };
}

async function mount(reg = registry([])) {
  const el = await fixture<HersysIdForm>(
    html`<hersys-id-form
      lang="ja"
      today="2022-10-01"
      duplicate-delay="10"
      .register=${reg.register}
      .checkDuplicates=${reg.checkDuplicates}
      .postalLookup=${postalLookup}
    ></hersys-id-form>`,
  );
  return { el, h: new PatientHarness(el), reg };
}

function dupCheck(el: HersysIdForm): HersysDuplicateCheck {
  return el.shadowRoot!.querySelector('hersys-duplicate-check')!;
}

describe('<hersys-id-form> 発生届の提出前に使用', () => {
  it('確認 → 登録 → 完了: the HER-SYS ID is issued at 登録 and shown; hersys-registered carries it', async () => {
    const { el, h, reg } = await mount();
    await h.type('セイ', 'コウロウショウ');
    await h.type('メイ', 'タロウ');
    await h.type('姓', '厚労省');
    await h.type('名', '太郎');
    await h.select('元号', '平成');
    await h.type('生年月日（年/月/日）', '11/01/01');
    expect(h.text(h.root.querySelector('#idf-dobText-hint'))).to.contain('1999-01-01');
    await h.check('非公開', 1); // 性別 非公開
    // 国籍: the combobox, by keyboard.
    await h.type('国籍', 'にほ', { leave: false });
    const combo = h.control('国籍');
    expect(combo.getAttribute('role')).to.equal('combobox');
    expect(combo.getAttribute('aria-expanded')).to.equal('true');
    await h.key('Enter');
    expect(combo.value).to.equal('日本');
    combo.blur();
    await h.type('郵便番号', '1008916');
    await waitFor(() => expect(h.control<HTMLSelectElement>('都道府県').value).to.equal('13'));
    expect(h.control('市区町村').value).to.equal('千代田区霞が関');
    await h.type('電話番号', '09012345678');
    expect(h.control('電話番号').value).to.equal('090-1234-5678');
    await h.fill(h.control('氏名', 0), '厚労花子'); // 緊急連絡先 氏名
    await h.fill('続柄', '妻');

    await h.press('確認');
    const confirm = h.text(h.root.querySelector('dl.review'));
    expect(confirm).to.contain('厚労省 太郎');
    expect(confirm).to.contain('平成11年1月1日');
    expect(confirm).to.contain('日本');
    expect(confirm).to.contain('厚労花子');
    expect(reg.registered).to.have.length(0);

    await h.press('登録');
    await waitFor(() => expect(el.herSysId).to.equal('12345678'));
    await h.settle();
    expect(reg.registered[0]).to.include({
      familyName: '厚労省',
      dateOfBirth: '1999-01-01',
      sexPrivate: true,
      nationality: 'JP',
    });
    const dialog = h.root.querySelector('dialog')!;
    expect(dialog.open).to.equal(true);
    expect(h.text(dialog)).to.contain('完了しました');
    expect(h.text(dialog.querySelector('[data-her-sys-id]'))).to.equal('12345678');

    const registered = oneEvent(el, 'hersys-registered');
    await h.press('完了');
    const e = await registered;
    expect(e.detail.herSysId).to.equal('12345678');
    expect(e.detail.person.postalCode).to.equal('1008916');
  });

  it('氏名 is required: 確認 lists the error, marks the field and moves focus to it', async () => {
    const { el, h } = await mount();
    await h.type('セイ', 'ヤマダ');
    await h.press('確認');
    expect(el.step).to.equal('edit');
    const alert = h.root.querySelector('[role=alert]');
    expect(h.text(alert)).to.contain('氏名（姓または名）を入力してください。');
    const family = h.control('姓');
    expect(family.getAttribute('aria-invalid')).to.equal('true');
    expect(h.focused).to.equal(family);
    // Nothing typed is lost.
    expect(h.control('セイ').value).to.equal('ヤマダ');
  });

  it('reads wareki typed into the text (S25.4.12) and rejects a date outside the era', async () => {
    const { el, h } = await mount();
    await h.type('生年月日（年/月/日）', 'S25.4.12');
    expect(el.value.dateOfBirth).to.equal('1950-04-12');
    await h.select('元号', '平成');
    await h.type('生年月日（年/月/日）', '31/05/01');
    expect(el.value.dateOfBirth).to.equal(undefined);
    expect(h.text(h.root.querySelector('#idf-dateOfBirth-error'))).to.contain('その元号にない日付です');
  });

  it('a failed 登録 keeps everything and says why', async () => {
    const reg = registry([]);
    reg.register = async () => {
      throw new Error('503 Service Unavailable');
    };
    const { el, h } = await mount(reg);
    await h.type('姓', '山田');
    await h.press('確認');
    await h.press('登録');
    await waitFor(() => expect(h.text(h.root.querySelector('[role=alert]'))).to.contain('503'));
    expect(el.step).to.equal('confirm');
    await h.press('再編集');
    expect(h.control('姓').value).to.equal('山田');
  });

  it('warns about the same person re-entered in half-width kana; the user links to the existing record', async () => {
    const existing: DuplicateCandidate = {
      herSysId: '10000001',
      familyNameKana: 'ヤマダ',
      givenNameKana: 'ハナコ',
      familyName: '山田',
      givenName: '花子',
      dateOfBirth: '1950-04-12',
      prefectureCode: '13',
      city: '千代田区大手町',
    };
    const { el, h } = await mount(registry([existing]));
    // Half-width kana typed straight in, with the DOB.
    await h.type('セイ', 'ﾔﾏﾀﾞ', { leave: false });
    await h.type('メイ', 'ﾊﾅｺ', { leave: false });
    await h.type('姓', '山田');
    await h.type('名', '花子');
    await h.type('生年月日（年/月/日）', 'S25.4.12');
    const dup = dupCheck(el);
    const panel = new PatientHarness(dup);
    // The check runs again as each field is committed: the candidate is listed after the names already, so
    // wait for the answer that includes the date of birth.
    await waitFor(() =>
      expect(panel.texts('tr[data-her-sys-id] li')).to.include.members([
        'フリガナが一致',
        '氏名が一致',
        '生年月日が一致',
      ]),
    );
    await dup.updateComplete;
    expect(dup.candidates).to.have.length(1);
    const row = dup.shadowRoot!.querySelector('tr[data-her-sys-id="10000001"]')!;
    expect(panel.text(row)).to.contain('昭和25年4月12日');
    // 確認 does not pass while a candidate is undecided; focus goes to the candidates.
    await h.press('確認');
    expect(el.step).to.equal('edit');
    const linked = oneEvent(el, 'hersys-link-existing');
    await panel.press('この登録を使う: 10000001 山田 花子');
    const e = await linked;
    expect(e.detail.herSysId).to.equal('10000001');
    expect(e.detail.person.familyName).to.equal('山田');
  });

  it('finds an old kanji form (髙橋 vs 高橋); 別人として新規登録 lets 確認 go on', async () => {
    const existing: DuplicateCandidate = {
      herSysId: '10000002',
      familyNameKana: 'タカハシ',
      givenNameKana: 'イチロウ',
      familyName: '髙橋',
      givenName: '一郎',
      dateOfBirth: '1970-02-03',
    };
    const { el, h } = await mount(registry([existing]));
    await h.type('セイ', 'タカハシ');
    await h.type('メイ', 'イチロウ');
    await h.type('姓', '高橋');
    await h.type('名', '一郎');
    const dup = dupCheck(el);
    // Listed once the kana match; the kanji reason comes with the answer that has the name too.
    await waitFor(() => expect(dup.candidates[0]?.reasons).to.include('variantKanji'));
    expect(dup.candidates).to.have.length(1);
    await dup.updateComplete;
    const panel = new PatientHarness(dup);
    expect(panel.texts('li[data-reason]')).to.include('旧字体・異体字（髙/高など）');
    await expect(dup).to.be.accessible();
    const confirmed = oneEvent(el, 'hersys-confirm-new');
    await panel.press('別人として新規登録');
    expect((await confirmed).detail.rejected).to.deep.equal(['10000002']);
    await h.press('確認');
    expect(el.step).to.equal('confirm');
  });

  it('is form-associated: FormData, validity and reset', async () => {
    const reg = registry([]);
    const form = await fixture<HTMLFormElement>(
      html`<form><hersys-id-form name="person" lang="ja" .register=${reg.register}></hersys-id-form></form>`,
    );
    const el = form.querySelector('hersys-id-form') as HersysIdForm;
    await el.updateComplete;
    expect(form.checkValidity()).to.equal(false);
    await new PatientHarness(el).type('姓', '佐藤');
    expect(form.checkValidity()).to.equal(true);
    expect(JSON.parse(new FormData(form).get('person') as string)).to.deep.equal({ familyName: '佐藤' });
    form.reset();
    await el.updateComplete;
    expect(el.value).to.deep.equal({});
  });

  it('is accessible (axe): empty, with errors, and at the confirmation', async () => {
    const { el, h } = await mount();
    await expect(el).to.be.accessible();
    await h.press('確認');
    await expect(el).to.be.accessible();
    await h.type('姓', '山田');
    await h.press('確認');
    await expect(el).to.be.accessible();
  });
});

describe('発生届の提出前に使用 → a report for that person pre-filled from the record (自動反映)', () => {
  it('registers the person, then <hersys-report-form> opens with their ID管理 data', async () => {
    const { prefillReport } = await import('../../src/schema/index.js');
    await import('../../src/components/report-form/report-form.js');
    const { el, h } = await mount();
    await h.type('セイ', 'コウロウショウ');
    await h.type('メイ', 'タロウ');
    await h.type('姓', '厚労省');
    await h.type('名', '太郎');
    await h.type('生年月日（年/月/日）', 'H11.1.1');
    await h.type('郵便番号', '1008916');
    await waitFor(() => expect(h.control('市区町村').value).to.equal('千代田区霞が関'));
    await h.type('電話番号', '090-1234-5678');
    await h.press('確認');
    await h.press('登録');
    await waitFor(() => expect(el.step).to.equal('done'));
    const registered = oneEvent(el, 'hersys-registered');
    await h.press('完了');
    const { herSysId, person } = (await registered).detail;
    expect(herSysId).to.equal('12345678');

    // The host opens a report for the registered person: the form starts from the record.
    const form = await fixture<
      HTMLElement & {
        value: OccurrenceReport;
        updateComplete: Promise<unknown>;
      }
    >(
      html`<hersys-report-form
        lang="ja"
        today="2022-10-01"
        .value=${prefillReport({ person })}
      ></hersys-report-form>`,
    );
    await form.updateComplete;
    expect(form.value.patient).to.deep.include({
      familyName: '厚労省',
      givenName: '太郎',
      familyNameKana: 'コウロウショウ',
      givenNameKana: 'タロウ',
      dateOfBirth: '1999-01-01',
      phone: '090-1234-5678',
    });
    const shown = [...form.shadowRoot!.querySelectorAll('input')].map((i) => i.value);
    expect(shown).to.include.members(['厚労省', '太郎', 'コウロウショウ']);
    expect(shown.some((v) => v.replace(/\D/g, '') === '1008916')).to.equal(true);
  });
});

describe('<hersys-id-form> in English', () => {
  it('labels and messages follow lang="en"', async () => {
    const el = await fixture<HersysIdForm>(html`<hersys-id-form lang="en"></hersys-id-form>`);
    const h = new PatientHarness(el);
    expect(h.control('Family name').id).to.equal('idf-familyName');
    expect(h.control('Nationality').getAttribute('role')).to.equal('combobox');
    await h.press('Confirm');
    expect(h.text(h.root.querySelector('[role=alert]'))).to.contain('Enter the name (family or given).');
    await expect(el).to.be.accessible();
  });
});
