import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import type { HersysReportForm } from '../../src/components/report-form/report-form.component.js';
import type { HersysChangeDetail, HersysSubmitDetail } from '../../src/components/events.js';
import { MemoryDraftStore } from '../../src/components/stores/memory-draft-store.js';
import type { DoctorEntry, DoctorStore, FacilityOption } from '../../src/components/stores/types.js';
import type { PostalLookup } from '../../src/components/postal/postal-lookup.js';
import { tc1Report, minimalReport, FIXTURE_TODAY } from '../fixtures/reports.js';
import { ReportFormHarness } from './harness/report-form-harness.js';

const TODAY = FIXTURE_TODAY; // 2022-09-27

class MemoryDoctorStore implements DoctorStore {
  doctors: DoctorEntry[] = [];
  async list() {
    return [...this.doctors];
  }
  async add(e: DoctorEntry) {
    this.doctors = [
      e,
      ...this.doctors.filter((d) => d.familyName !== e.familyName || d.givenName !== e.givenName),
    ];
  }
  async remove(e: DoctorEntry) {
    this.doctors = this.doctors.filter((d) => d.familyName !== e.familyName || d.givenName !== e.givenName);
  }
}

const HEALTH_CENTERS: FacilityOption[] = [
  { code: '13101', name: '千代田保健所', detail: '東京都千代田区' },
  { code: '13103', name: 'みなと保健所', detail: '東京都港区' },
];
const searchHealthCenters = async (q: string) => HEALTH_CENTERS.filter((h) => h.name.includes(q));
const searchInstitutions = async (q: string): Promise<FacilityOption[]> =>
  [
    {
      code: '1311234567',
      name: '東京中央クリニック',
      address: '東京都港区海岸1-1-1',
      phone: '03-1234-1234',
      detail: '東京都港区',
    },
  ].filter((o) => o.name.includes(q));

async function mount(
  opts: { layout?: 'standard' | 'fax'; locale?: 'ja' | 'en'; doctorStore?: DoctorStore } = {},
): Promise<{ el: HersysReportForm; h: ReportFormHarness }> {
  const el = await fixture<HersysReportForm>(
    html`<hersys-report-form
      today=${TODAY}
      layout=${opts.layout ?? 'standard'}
      locale=${opts.locale ?? 'ja'}
      .doctorStore=${opts.doctorStore ?? new MemoryDoctorStore()}
      .searchHealthCenters=${searchHealthCenters}
      .searchInstitutions=${searchInstitutions}
    ></hersys-report-form>`,
  );
  const h = new ReportFormHarness(el);
  await h.settle();
  return { el, h };
}

describe('<hersys-report-form>', () => {
  it('is accessible (axe) in the standard and the FAX layout, empty and filled', async () => {
    const { el, h } = await mount();
    await expect(el).to.be.accessible();
    el.value = tc1Report();
    await h.settle();
    await expect(el).to.be.accessible();
    el.layout = 'fax';
    await h.settle();
    await expect(el).to.be.accessible();
    el.value = {};
    await h.submit();
    await expect(el).to.be.accessible();
  });

  it('renders the manual’s sections in order with 必須 marks and yellow frames', async () => {
    const { h } = await mount();
    const titles = [...h.root.querySelectorAll('[part~="section-title"]')].map((t) => t.textContent!.trim());
    const numbered = titles.filter((t) => /^\d+ /.test(t)).map((t) => Number(t.split(' ')[0]));
    expect(numbered.slice(0, 7)).to.deep.equal([1, 2, 3, 4, 5, 6, 7]);
    expect(numbered.slice(-4)).to.deep.equal([10, 11, 12, 13]);
    const dob = h.control('生年月日');
    expect(dob.getAttribute('aria-required')).to.equal('true');
    expect(h.root.querySelector(`label[for="${dob.id}"] .req`)?.textContent).to.equal('必須');
    // 初診年月日 is recommended: framed yellow while empty, not once filled.
    expect(h.control('初診年月日').closest('.field')!.classList.contains('recommended')).to.equal(true);
    await h.type('初診年月日', '2022/9/27');
    expect(h.control('初診年月日').closest('.field')!.classList.contains('recommended')).to.equal(false);
  });

  it('types a whole report like a user and files it with 確認', async () => {
    const doctors = new MemoryDoctorStore();
    const { el, h } = await mount({ doctorStore: doctors });
    await h.type('報告年月日', 'R4.9.27');
    await h.type('医師の氏名 姓', '河野');
    await h.type('医師の氏名 名', '和男');
    await h.type('従事する病院・診療所の名称', '東京中央', { commit: false });
    await h.until(() => h.listOptions().length > 0);
    await h.pickOption('東京中央クリニック');
    expect(h.valueOf('上記病院・診療所の所在地(※)')).to.equal('東京都港区海岸1-1-1');
    expect(h.valueOf('電話番号(※)')).to.equal('03-1234-1234');
    await h.check('患者（確定例）');
    await h.type('当該者氏名 姓', '山田');
    await h.type('当該者氏名 名', '花子');
    await h.type('フリガナ 姓（フリガナ）', 'やまだ');
    await h.type('フリガナ 名（フリガナ）', 'ﾊﾅｺ');
    expect(h.valueOf('フリガナ 姓（フリガナ）')).to.equal('ヤマダ');
    expect(h.valueOf('フリガナ 名（フリガナ）')).to.equal('ハナコ');
    await h.check('女');
    await h.type('生年月日', 'S25.4.12');
    await h.type('郵便番号', '1000004');
    await h.until(() => h.valueOf('市区町村') === '千代田区');
    await h.type('丁目番地', '1-2-3', { append: true });
    await h.type('当該者電話番号', '09012345678');
    expect(h.valueOf('当該者電話番号')).to.equal('090-1234-5678');
    await h.type('当該者電話番号（確認のため再入力）', '090-1234-5678');
    await h.check('当該者所在地と同じ');
    await h.type('職業', '無職');
    await h.type('診断（検案）年月日', '2022/09/27');
    await h.type('検体採取日（診断の根拠となったもの）', '20220927');
    await h.type('発病年月日（有症状の場合）', '令和4年9月25日');
    await h.type('初診年月日', 'R4.9.27');
    await h.type('感染したと推定される年月日', 'R4.9.22');
    await h.check('発熱');
    await h.check('咳');
    await h.check('全身倦怠感');
    await h.type('酸素飽和度（室内気）', '97');
    await h.click('診断方法を追加');
    await h.select('診断方法 1 方法', '抗原定性検査による病原体の抗原の検出');
    await h.select('診断方法 1 検体', '鼻咽頭拭い液');
    await h.type('診断方法 1 検体採取日', 'R4.9.27');
    await h.check('陽性');
    await h.check('推定', '感染原因・感染経路（確定・推定）');
    await h.check('飛沫・飛沫核感染');
    await h.type('感染源・接触した人・物の種類・状況', '同居家族');
    await h.check('推定', '感染地域（確定・推定）');
    await h.check('日本国内');
    await h.select('感染地域の都道府県', '東京都');
    await h.type('感染地域の市区町村', '千代田区');
    await h.select('新型コロナウイルスワクチン接種回数', '4回');
    await h.type('最近の新型コロナウイルスワクチン接種年月日', 'R4.6.15');
    await h.select('最近の接種ワクチン', 'ファイザー（コミナティ）');
    await h.check('7. 高血圧');
    expect(h.isChecked('有', '重症化リスク因子となる疾患等の有無')).to.equal(true);
    await h.check('軽症');
    await h.check('無', '届出時点の入院の必要性の有無');
    await h.check('無', '届出時点の入院の有無');
    await h.check('無', '治療薬の投与の必要性の有無');
    await h.check('無', '酸素投与の必要性の有無');
    await h.check('無', '電話や情報通信機器を用いた診療（オンライン診療）の有無');
    await h.type('届出先保健所', 'みなと', { commit: false });
    await h.until(() => h.listOptions().some((o) => o.startsWith('みなと保健所')));
    await h.press('ArrowDown');
    await h.press('Enter');
    await h.type('担当保健所', '千代田', { commit: false });
    await h.until(() => h.listOptions().some((o) => o.startsWith('千代田保健所')));
    await h.pickOption('千代田保健所');

    expect(h.age).to.equal('72歳');
    const submitted = oneEvent(el, 'hersys-submit');
    await h.submit();
    const { detail } = (await submitted) as CustomEvent<HersysSubmitDetail>;
    expect(detail.issues.filter((i) => i.severity === 'error')).to.deep.equal([]);
    const r = detail.report;
    const tc1 = tc1Report();
    expect(r.reportDate).to.equal('2022-09-27');
    expect(r.reporter).to.deep.include({ ...tc1.reporter, institutionCode: '1311234567' });
    expect(r.patient).to.deep.include({
      category: 'confirmed',
      familyName: '山田',
      givenName: '花子',
      familyNameKana: 'ヤマダ',
      givenNameKana: 'ハナコ',
      sex: 'female',
      dateOfBirth: '1950-04-12',
      occupation: '無職',
      phone: '090-1234-5678',
      phoneConfirmation: '090-1234-5678',
      addressSameAsLocation: true,
    });
    expect(r.patient!.location).to.deep.equal({
      postalCode: '1000004',
      prefectureCode: '13',
      city: '千代田区',
      street: '大手町1-2-3',
    });
    expect(r.diagnosis).to.deep.equal(tc1.diagnosis);
    expect(r.infection).to.deep.equal(tc1.infection);
    expect(r.vaccination).to.deep.equal({ doseCount: 4, latestDate: '2022-06-15', latestVaccine: 'pfizer' });
    expect(r.riskFactors).to.deep.equal(tc1.riskFactors);
    expect(r.clinical).to.deep.equal(tc1.clinical);
    expect(r.healthCenters).to.deep.equal(tc1.healthCenters);
  });

  it('reads 和暦 and 西暦 typing, shows both, and keeps unreadable input with an error', async () => {
    const { el, h } = await mount();
    await h.type('生年月日', 'S25.4.12');
    expect(el.value.patient?.dateOfBirth).to.equal('1950-04-12');
    expect(h.valueOf('生年月日')).to.equal('1950/04/12');
    expect(h.descriptionOf('生年月日')).to.contain('昭和25年4月12日').and.contain('1950-04-12');
    await h.type('報告年月日', '令和4年9月27日');
    expect(el.value.reportDate).to.equal('2022-09-27');
    await h.type('診断（検案）年月日', '20220926');
    expect(el.value.diagnosis?.diagnosisDate).to.equal('2022-09-26');
    // Enter normalizes too.
    await h.type('初診年月日', 'H31.4.30', { commit: false });
    await h.press('Enter');
    expect(h.valueOf('初診年月日')).to.equal('2019/04/30');
    // Unreadable: the text stays, an error sits next to it and the value is not set.
    await h.type('初診年月日', 'R4.13.45');
    expect(h.valueOf('初診年月日')).to.equal('R4.13.45');
    expect(el.value.diagnosis?.firstVisitDate).to.equal(undefined);
    expect(h.messagesFor('初診年月日')).to.have.length(1);
    expect(h.messagesFor('初診年月日').join()).to.contain('日付として読めません');
    expect(h.control('初診年月日').getAttribute('aria-invalid')).to.equal('true');
    expect(
      el.validate().issues.some((i) => i.path === 'diagnosis.firstVisitDate' && i.severity === 'error'),
    ).to.equal(true);
  });

  it('computes the age at diagnosis (months for 0歳) and shows guardian fields for minors only', async () => {
    const { h } = await mount();
    await h.type('診断（検案）年月日', '2022/9/21');
    await h.type('生年月日', '1950/4/12');
    expect(h.age).to.equal('72歳');
    expect(h.has('保護者氏名')).to.equal(false);
    await h.type('生年月日', '2022/3/15');
    expect(h.age).to.equal('0歳（6か月）');
    expect(h.has('保護者氏名')).to.equal(true);
    expect(h.has('保護者電話番号')).to.equal(true);
    await h.type('保護者氏名', '山田 太郎');
    await h.type('生年月日', '2000/1/1');
    expect(h.has('保護者氏名')).to.equal(false);
    // The hidden answer is not filed, but comes back if the date is corrected.
    expect(h.el.value.patient?.guardian).to.equal(undefined);
    await h.type('生年月日', '2010/1/1');
    expect(h.valueOf('保護者氏名')).to.equal('山田 太郎');
  });

  it('asks the onset date only for 患者（確定例） and the death date only for death categories', async () => {
    const { h } = await mount();
    expect(h.has('発病年月日（有症状の場合）')).to.equal(false);
    await h.check('患者（確定例）');
    expect(h.has('発病年月日（有症状の場合）')).to.equal(true);
    expect(h.has('死亡年月日（死亡者検案の場合）')).to.equal(false);
    await h.check('無症状病原体保有者');
    expect(h.has('発病年月日（有症状の場合）')).to.equal(false);
    await h.check('感染症死亡者の死体');
    expect(h.has('死亡年月日（死亡者検案の場合）')).to.equal(true);
  });

  it('switches to the FAX layout and back with the visible switch, keeping every value', async () => {
    const { el, h } = await mount();
    await h.type('当該者氏名 姓', '山田');
    await h.type('生年月日', 'S25.4.12');
    await h.check('女');
    await h.type('当該者電話番号', '03-3210-0000');
    const before = el.value;
    expect(h.layoutSwitch.getAttribute('aria-checked')).to.equal('false');
    expect(h.layoutSwitch.textContent).to.contain('FAX様式');
    await h.toggleLayout();
    expect(el.layout).to.equal('fax');
    expect(el.getAttribute('layout')).to.equal('fax');
    expect(h.layoutSwitch.getAttribute('aria-checked')).to.equal('true');
    expect(h.hasSection('19 その他感染症のまん延の防止')).to.equal(true);
    expect(h.valueOf('当該者氏名 姓')).to.equal('山田');
    expect(h.valueOf('4 生年月日')).to.equal('1950/04/12');
    expect(h.isChecked('女')).to.equal(true);
    // In the FAX layout the category is an inline choice, as on paper.
    await h.check('患者（確定例）', '診断（検案）した者（死体）の類型');
    await h.toggleLayout();
    expect(el.layout).to.equal('standard');
    expect(el.value).to.deep.equal({ ...before, patient: { ...before.patient, category: 'confirmed' } });
    expect(h.valueOf('診断（検案）した者（死体）の類型')).to.equal('患者（確定例）');
  });

  for (const layout of ['standard', 'fax'] as const) {
    it(`is a form-associated control (${layout}): FormData carries the report as JSON, reset empties, validity`, async () => {
      const form = await fixture<HTMLFormElement>(
        html`<form>
          <hersys-report-form name="report" layout=${layout} today=${TODAY}></hersys-report-form>
        </form>`,
      );
      const el = form.querySelector('hersys-report-form')!;
      await el.updateComplete;
      expect(el.checkValidity()).to.equal(false);
      expect(form.checkValidity()).to.equal(false);
      el.value = minimalReport();
      await el.updateComplete;
      expect(el.checkValidity()).to.equal(true);
      const data = new FormData(form);
      expect(JSON.parse(data.get('report') as string)).to.deep.equal(minimalReport());
      const h = new ReportFormHarness(el);
      expect(h.valueOf('当該者氏名 姓')).to.equal('鈴木');
      form.reset();
      await h.settle();
      expect(el.value).to.deep.equal({ schemaVersion: 2 });
      expect(h.valueOf('当該者氏名 姓')).to.equal('');
      expect(JSON.parse(new FormData(form).get('report') as string)).to.deep.equal({ schemaVersion: 2 });
      expect(el.reportValidity()).to.equal(false);
      // The browser's form state restore (back/forward) brings the report back.
      el.formStateRestoreCallback(JSON.stringify(minimalReport()));
      await h.settle();
      expect(h.valueOf('当該者氏名 姓')).to.equal('鈴木');
      el.formStateRestoreCallback('not json');
      expect(el.value).to.deep.equal(minimalReport());
      el.disabled = true;
      await h.settle();
      expect(h.control('当該者氏名 姓').matches(':disabled')).to.equal(true);
    });
  }

  it('pre-fills from value (as an EMR does), validates, and reset() empties', async () => {
    const { el, h } = await mount();
    el.value = tc1Report();
    await h.settle();
    expect(h.valueOf('当該者氏名 姓')).to.equal('山田');
    expect(h.valueOf('生年月日')).to.equal('1950/04/12');
    expect(h.valueOf('市区町村')).to.equal('千代田区');
    expect(h.isChecked('女')).to.equal(true);
    expect(h.age).to.equal('72歳');
    const result = el.validate();
    expect(result.ok).to.equal(true);
    expect(el.value).to.deep.equal(tc1Report());
    el.reset();
    await h.settle();
    expect(h.valueOf('当該者氏名 姓')).to.equal('');
    expect(el.value).to.deep.equal({ schemaVersion: 2 });
  });

  it('shows a label, never a resource key or a field path, in both languages and layouts', async () => {
    for (const locale of ['ja', 'en'] as const) {
      for (const layout of ['standard', 'fax'] as const) {
        const { el, h } = await mount({ locale, layout });
        el.value = tc1Report();
        await h.settle();
        // Every text the user reads, shadow roots included (a path like diagnosis.methods or a key like
        // form.label.x would be a label that was not found).
        const texts: string[] = [];
        const walk = (root: Node) => {
          const it = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
          for (let n: Node | null = it.currentNode; n; n = it.nextNode()) {
            if (n.nodeType === Node.TEXT_NODE) texts.push((n.textContent ?? '').trim());
            else if ((n as Element).shadowRoot) walk((n as Element).shadowRoot!);
          }
        };
        walk(el.shadowRoot!);
        const keys = texts.filter((t) => /^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9_]+)+$/.test(t));
        expect(keys, `${locale} ${layout}`).to.deep.equal([]);
      }
    }
  });

  it('switches to English at runtime', async () => {
    const { el, h } = await mount();
    expect(h.has('生年月日')).to.equal(true);
    el.locale = 'en';
    await h.settle();
    expect(h.has('Date of birth')).to.equal(true);
    await expect(el).to.be.accessible();
    expect(h.layoutSwitch.textContent).to.contain('FAX layout');
    await h.submit();
    expect(h.summary).to.match(/field\(s\) need attention/);
    expect(h.messagesFor('Date of birth').length).to.be.greaterThan(0);
    expect(h.messagesFor('Date of birth').join()).to.not.match(/[ぁ-んァ-ン]/);
    el.removeAttribute('locale');
    el.locale = undefined;
    el.setAttribute('lang', 'en');
    await h.settle();
    expect(h.has('Date of birth')).to.equal(true);
  });

  it('blocks 確認 until the mobile number is typed twice the same, and warns when SMS cannot reach it', async () => {
    const { el, h } = await mount();
    el.value = minimalReport();
    await h.settle();
    await h.type('当該者電話番号', '090-1234-5678');
    await h.type('当該者電話番号（確認のため再入力）', '090-1234-5679');
    let fired = false;
    el.addEventListener('hersys-submit', () => (fired = true));
    await h.submit();
    expect(fired).to.equal(false);
    expect(h.focusedLabel).to.equal('当該者電話番号（確認のため再入力）');
    expect(h.messagesFor('当該者電話番号（確認のため再入力）').join()).to.match(/一致しません/);
    expect(h.summary).to.contain('1 件');
    await h.type('当該者電話番号（確認のため再入力）', '09012345678');
    await h.submit();
    expect(fired).to.equal(true);
    // A landline needs no confirmation but is flagged: SMS cannot reach it.
    await h.type('当該者電話番号', '03-3210-0000');
    expect(h.has('当該者電話番号（確認のため再入力）')).to.equal(false);
    expect(h.messagesFor('当該者電話番号').join()).to.match(/SMS/);
  });

  it('fills prefecture and city from the postal code, offering a choice when one code has several towns', async () => {
    const { el, h } = await mount();
    const calls: string[] = [];
    const fake: PostalLookup = async (code) => {
      calls.push(code);
      return code === '4980000'
        ? [
            { prefectureCode: '23', city: '弥富市', town: '' },
            { prefectureCode: '24', city: '桑名郡木曽岬町', town: '' },
          ]
        : [];
    };
    el.postalLookup = fake;
    await h.type('郵便番号', '498-0000', { commit: false });
    await h.until(() => h.listOptions().length === 2);
    expect(calls).to.deep.equal(['4980000']);
    expect(h.listOptions()).to.deep.equal(['愛知県 弥富市', '三重県 桑名郡木曽岬町']);
    // Tabbing away closes the list without choosing; ↓ in the field reopens it.
    await h.press('Tab');
    expect(h.listOptions()).to.deep.equal([]);
    expect(h.valueOf('都道府県')).to.equal('');
    await h.press('Shift+Tab');
    await h.press('ArrowDown');
    expect(h.listOptions().length).to.equal(2);
    await h.press('ArrowDown');
    await h.press('Enter');
    expect(h.valueOf('都道府県')).to.equal('三重県');
    expect(h.valueOf('市区町村')).to.equal('桑名郡木曽岬町');
    expect(el.value.patient?.location).to.deep.equal({
      postalCode: '4980000',
      prefectureCode: '24',
      city: '桑名郡木曽岬町',
    });
  });

  it('looks postal codes up in the bundled offline data (lazy-loaded)', async () => {
    const { el, h } = await mount();
    await h.type('郵便番号', '〒100-0004', { commit: false });
    await h.until(() => h.valueOf('市区町村') === '千代田区');
    expect(h.valueOf('都道府県')).to.equal('東京都');
    expect(h.valueOf('丁目番地')).to.equal('大手町');
    expect(el.value.patient?.location?.postalCode).to.equal('1000004');
  });

  it('focusField() moves focus to the control of a path (the dialogs’ 修正する)', async () => {
    const { el, h } = await mount();
    expect(await el.focusField('patient.phone')).to.equal(true);
    expect(h.focusedLabel).to.equal('当該者電話番号');
    expect(await el.focusField('patient.location')).to.equal(true);
    expect(h.focusedLabel).to.contain('郵便番号');
    expect(await el.focusField('patient.sex')).to.equal(true);
    expect((h.focused as HTMLInputElement).type).to.equal('radio');
  });

  it('focuses the first invalid field on 確認 and announces the error count', async () => {
    const { el, h } = await mount();
    let fired = false;
    el.addEventListener('hersys-submit', () => (fired = true));
    await h.submit();
    expect(fired).to.equal(false);
    expect(h.focusedLabel).to.equal('報告年月日');
    expect(h.summary).to.match(/入力に誤りが \d+ 件あります/);
    expect(h.root.querySelector('[part~="summary"]')!.getAttribute('aria-live')).to.equal('polite');
    expect(h.messagesFor('報告年月日').length).to.equal(1);
  });

  it('registers the doctor in the doctor master and offers it next time', async () => {
    const doctors = new MemoryDoctorStore();
    const first = await mount({ doctorStore: doctors });
    expect(first.h.has('医師マスタに登録する')).to.equal(false);
    await first.h.type('医師の氏名 姓', '河野');
    await first.h.type('医師の氏名 名', '和男');
    await first.h.check('医師マスタに登録する');
    await first.h.until(() => doctors.doctors.length === 1);
    expect(doctors.doctors).to.deep.equal([{ familyName: '河野', givenName: '和男' }]);

    const second = await mount({ doctorStore: doctors });
    await second.h.until(() => true);
    second.h.control('医師の氏名 姓').focus();
    await second.h.until(() => second.h.listOptions().length === 1);
    await second.h.press('Enter');
    expect(second.el.value.reporter).to.deep.equal({ doctorFamilyName: '河野', doctorGivenName: '和男' });
  });

  it('autosaves a draft within a second and offers to restore it', async () => {
    const store = new MemoryDraftStore();
    const { el, h } = await mount();
    el.draftStore = store;
    await h.type('当該者氏名 姓', '山田');
    await new Promise((r) => setTimeout(r, 1000));
    const saved = await store.load('report-form');
    expect(saved?.report.patient?.familyName).to.equal('山田');
    await h.settle();
    expect(h.root.querySelector('[part~="draft-status"]')!.textContent).to.contain('下書きを保存しました');

    const again = await fixture<HersysReportForm>(
      html`<hersys-report-form today=${TODAY} .draftStore=${store}></hersys-report-form>`,
    );
    const h2 = new ReportFormHarness(again);
    await h2.until(() => !!h2.root.querySelector('[part~="draft-banner"]'));
    expect(h2.root.querySelector('[part~="draft-banner"]')!.textContent).to.contain(
      '保存されていない入力があります',
    );
    await h2.click('復元する');
    expect(h2.valueOf('当該者氏名 姓')).to.equal('山田');
    await again.clearDraft();
    expect(await store.load('report-form')).to.equal(undefined);
  });

  it('fires hersys-change with the value and issues on every committed change', async () => {
    const { el, h } = await mount();
    const events: CustomEvent<HersysChangeDetail>[] = [];
    el.addEventListener('hersys-change', (e) => events.push(e));
    await h.type('当該者氏名 姓', '山田');
    await h.check('男');
    expect(events.length).to.equal(2);
    expect(events[0]!.bubbles && events[0]!.composed).to.equal(true);
    expect(events[1]!.detail.value.patient).to.deep.equal({ familyName: '山田', sex: 'male' });
    expect(
      events[1]!.detail.issues.some((i) => i.path === 'patient.dateOfBirth' && i.code === 'required'),
    ).to.equal(true);
  });

  it('normalizes katakana only after IME composition ends', async () => {
    const { el, h } = await mount();
    const input = h.control('フリガナ 姓（フリガナ）');
    input.focus();
    input.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true, composed: true }));
    input.value = 'やまだ';
    input.dispatchEvent(
      new InputEvent('input', {
        bubbles: true,
        composed: true,
        isComposing: true,
        inputType: 'insertCompositionText',
      }),
    );
    await h.settle();
    expect(input.value).to.equal('やまだ');
    input.dispatchEvent(
      new CompositionEvent('compositionend', { bubbles: true, composed: true, data: 'やまだ' }),
    );
    await h.settle();
    expect(input.value).to.equal('ヤマダ');
    expect(el.value.patient?.familyNameKana).to.equal('ヤマダ');
  });

  it('clears the risk items when 無 is chosen, and reads SpO2 with decimals or full-width digits', async () => {
    const { el, h } = await mount();
    await h.check('7. 高血圧');
    await h.check('13. その他');
    await h.type('13. その他（内容）', '透析');
    expect(el.value.riskFactors).to.deep.equal({
      presence: 'yes',
      items: ['hypertension', 'other'],
      other: '透析',
    });
    await h.check('無', '重症化リスク因子となる疾患等の有無');
    expect(el.value.riskFactors).to.deep.equal({ presence: 'no' });
    expect(h.isChecked('7. 高血圧')).to.equal(false);
    await h.type('酸素飽和度（室内気）', '９６');
    expect(el.value.diagnosis?.spo2).to.equal(96);
    await h.type('酸素飽和度（室内気）', 'abc');
    expect(el.value.diagnosis?.spo2).to.equal(undefined);
    expect(h.messagesFor('酸素飽和度（室内気）').join()).to.contain('数値で入力してください');
  });

  it('is keyboard-first: Tab walks the manual’s order without stopping on calendar buttons', async () => {
    const { h } = await mount();
    h.control('報告年月日').focus();
    await h.press('Tab');
    expect(h.focusedLabel).to.equal('医師の氏名 姓');
    await h.press('Tab');
    expect(h.focusedLabel).to.equal('医師の氏名 名');
    await h.press('Tab');
    expect(h.focusedLabel).to.equal('従事する病院・診療所の名称');
  });

  it('edits the paper form’s per-dose vaccination history in the FAX layout (same value)', async () => {
    const { el, h } = await mount({ layout: 'fax' });
    el.value = tc1Report();
    await h.settle();
    expect(h.valueOf('2回目 接種年月日')).to.equal('2021/06/10');
    expect(h.valueOf('3回目 ワクチンの種類／製造会社')).to.equal(
      'モデルナ（スパイクバックス）・武田/モデルナ',
    );
    expect(el.value.vaccination).to.deep.equal(tc1Report().vaccination);

    el.value = {};
    await h.settle();
    await h.check('有', '2回目');
    await h.select('2回目 ワクチンの種類／製造会社', 'ファイザー（コミナティ）');
    await h.type('2回目 接種年月日', 'R3.6.10');
    expect(el.value.vaccination).to.deep.equal({
      doses: [{ dose: 2, given: 'yes', vaccine: 'pfizer', date: '2021-06-10' }],
    });
  });

  it('says so when the draft cannot be saved', async () => {
    const { el, h } = await mount();
    el.draftStore = {
      load: async () => undefined,
      save: async () => {
        throw new Error('quota');
      },
      remove: async () => {},
      clear: async () => {},
    };
    await h.type('当該者氏名 姓', '山田');
    await h.until(() => !!h.root.querySelector('[part~="draft-status"][role="alert"]'), 3000);
    expect(h.root.querySelector('[part~="draft-status"]')!.textContent).to.contain(
      '下書きを保存できませんでした',
    );
    expect(el.value.patient?.familyName).to.equal('山田');
  });

  it('never leaves the focused field hidden under the sticky 確認 bar (WCAG 2.4.11)', async () => {
    const { h } = await mount();
    window.scrollTo(0, 0);
    for (const label of [
      '感染したと推定される年月日',
      '新型コロナウイルスワクチン接種回数',
      '届出先保健所',
    ]) {
      const control = h.control(label);
      // Put the field inside the viewport but under the bar: the browser sees no reason to scroll.
      const r0 = control.getBoundingClientRect();
      window.scrollBy(0, r0.bottom - (window.innerHeight - 4));
      expect(control.getBoundingClientRect().bottom).to.be.greaterThan(
        h.root.querySelector<HTMLElement>('[part~="actions"]')!.getBoundingClientRect().top,
      );
      control.focus();
      await h.settle();
      const bar = h.root.querySelector<HTMLElement>('[part~="actions"]')!.getBoundingClientRect();
      const rect = control.getBoundingClientRect();
      expect(rect.bottom, label).to.be.at.most(bar.top);
      expect(rect.top, label).to.be.at.least(0);
    }
  });

  it('asks to pick a health center from the host’s list when a name was typed but not picked', async () => {
    const { el, h } = await mount();
    await h.type('届出先保健所', '架空保健所');
    expect(h.messagesFor('届出先保健所')).to.deep.equal(['候補から選択してください。']);
    expect(h.valueOf('届出先保健所')).to.equal('架空保健所');
    expect(el.value.healthCenters).to.equal(undefined);
    await h.type('届出先保健所', 'みなと', { commit: false });
    await h.until(() => h.listOptions().length === 1);
    await h.press('Enter');
    expect(h.messagesFor('届出先保健所')).to.deep.equal([]);
    expect(el.value.healthCenters).to.deep.equal({ notified: { code: '13103', name: 'みなと保健所' } });
  });

  it('files with Ctrl+Enter from any field, committing the field being typed', async () => {
    const { el, h } = await mount();
    el.value = minimalReport();
    await h.settle();
    const submitted = oneEvent(el, 'hersys-submit');
    await h.type('職業', '調理師', { commit: false });
    await h.press('Control+Enter');
    const { detail } = (await submitted) as CustomEvent<HersysSubmitDetail>;
    expect(detail.report.patient?.occupation).to.equal('調理師');
  });
});
