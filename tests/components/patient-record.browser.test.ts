import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/components/patient-record/patient-record.js';
import {
  RecordConflictError,
  RECORD_TABS,
  type HersysPatientRecord,
} from '../../src/components/patient-record/patient-record.component.js';
import type { PatientRecord, RecordSection } from '../../src/schema/index.js';
import { tc1Report } from '../fixtures/reports.js';
import { PatientHarness, waitFor } from './harness/patient-harness.js';

function record(): PatientRecord {
  return {
    herSysId: '12345678',
    version: 1,
    status: 'homeCare',
    infectionClass: 'infected',
    myHerSys: true,
    person: {
      familyNameKana: 'ヤマダ',
      givenNameKana: 'ハナコ',
      familyName: '山田',
      givenName: '花子',
      dateOfBirth: '1950-04-12',
      sex: 'female',
      prefectureCode: '13',
      city: '千代田区大手町',
      phone: '090-1234-5678',
    },
    residences: [{ id: 'r1', type: 'home', startDate: '2022-09-27' }],
    reports: [
      {
        id: 'rep-1',
        report: tc1Report(),
        firstReportedBy: '東京中央クリニック',
        firstReportedAt: '2022-09-27',
        lastUpdatedBy: '千代田保健所',
        lastUpdatedAt: '2022-09-28',
        healthCenterConfirmedAt: '2022-09-28',
      },
    ],
    audit: [{ at: '2022-09-27T10:00:00+09:00', actor: '河野 和男', action: 'create', version: 1 }],
  };
}

type SaveCall = { section: RecordSection; data: unknown; version: number };

async function mount(save?: (call: SaveCall) => Promise<number>) {
  const calls: SaveCall[] = [];
  const el = await fixture<HersysPatientRecord>(
    html`<hersys-patient-record
      lang="ja"
      today="2022-10-01"
      .record=${record()}
      .save=${async (section: RecordSection, data: unknown, version: number) => {
        const call = { section, data: structuredClone(data), version };
        calls.push(call);
        return save ? save(call) : version + 1;
      }}
    ></hersys-patient-record>`,
  );
  return { el, h: new PatientHarness(el), calls };
}

describe('<hersys-patient-record> 閲覧・編集', () => {
  it('shows the header and switches tabs with the arrow keys (ARIA tabs)', async () => {
    const { el, h } = await mount();
    const header = h.text(h.root.querySelector('[part=header]'));
    for (const s of [
      '12345678',
      '山田 花子',
      '女',
      '72歳',
      '東京都千代田区大手町',
      '自宅療養中',
      'My HER-SYS健康調査 有',
    ]) {
      expect(header).to.contain(s);
    }
    const tabs = [...h.root.querySelectorAll<HTMLElement>('[role=tab]')];
    expect(tabs.map((x) => h.text(x))).to.deep.equal([
      '発生届',
      'ID管理',
      '基礎情報',
      '検査',
      '居所',
      '行動歴',
      '健康観察',
      '医療',
      '記録',
    ]);
    tabs[0]!.focus();
    await h.key('ArrowRight');
    expect(el.tab).to.equal('identity');
    expect(h.focused?.id).to.equal('tab-identity');
    expect(h.root.querySelector('[role=tabpanel]')!.getAttribute('aria-labelledby')).to.equal('tab-identity');
    await h.key('End');
    expect(el.tab).to.equal('notes');
    await h.key('ArrowRight');
    expect(el.tab).to.equal('reports');
    await h.key('ArrowLeft');
    expect(el.tab).to.equal('notes');
    await h.key('Home');
    expect(el.tab).to.equal('reports');
  });

  it('居所: adds a period, refuses an invalid one without calling save, then saves', async () => {
    const { el, h, calls } = await mount();
    await h.press('居所');
    await h.press('居所 追加');
    await h.fill('開始日 2行目', '2022-09-26'); // overlaps row 1 (from 09-27, open), and no 居所 chosen
    await h.press('保存');
    expect(calls).to.have.length(0);
    expect(h.text(h.root.querySelector('[role=tabpanel] [role=status]'))).to.contain('2件の誤り');
    const type2 = h.control<HTMLSelectElement>('居所 2行目');
    expect(type2.getAttribute('aria-invalid')).to.equal('true');
    expect(h.focused).to.equal(type2);
    // Fix: end the first stay, then a hotel stay.
    await h.fill('終了日 1行目', '2022-09-29');
    await h.fill('開始日 2行目', '2022-09-29');
    await h.select(type2, '宿泊療養');
    await h.fill('場所名 2行目', '東京都宿泊療養施設A');
    const saved = oneEvent(el, 'hersys-section-saved');
    await h.press('保存');
    expect((await saved).detail).to.deep.equal({
      herSysId: '12345678',
      section: 'residences',
      version: 2,
      merged: false,
    });
    expect(calls[0]!.version).to.equal(1);
    expect(calls[0]!.data).to.deep.equal([
      { id: 'r1', type: 'home', startDate: '2022-09-27', endDate: '2022-09-29' },
      {
        id: (calls[0]!.data as { id: string }[])[1]!.id,
        startDate: '2022-09-29',
        type: 'hotel',
        placeName: '東京都宿泊療養施設A',
      },
    ]);
    expect(el.record!.version).to.equal(2);
    expect(h.text(h.root.querySelector('[role=tabpanel] [role=status]'))).to.contain('保存しました');
    // Removing a row is an edit too.
    await h.press('居所 1行目を削除');
    expect(el.isDirty('residences')).to.equal(true);
  });

  it('健康観察 and 検査 validate their rows (SpO2, result before collection)', async () => {
    const { h, calls } = await mount();
    await h.press('健康観察');
    await h.fill('開始日', '2022-09-27');
    await h.fill('終了日', '2022-10-07');
    await h.press('日々の記録 追加');
    await h.fill('日付 1行目', '2022-09-28');
    await h.fill('体温（℃） 1行目', '37.8');
    // Unreadable numbers stay as typed and block the save; full-width digits are read.
    await h.type('体温（℃） 1行目', '37..8');
    expect(h.control('体温（℃） 1行目').value).to.equal('37..8');
    await h.press('保存');
    expect(calls).to.have.length(0);
    expect(h.texts('.cell-error')).to.include('数値で入力してください。');
    await h.type('体温（℃） 1行目', '３７．８');
    await h.fill('SpO2（%） 1行目', '101');
    await h.press('保存');
    expect(calls).to.have.length(0);
    expect(h.text(h.root.querySelector('.cell-error'))).to.contain('SpO2は50〜100の整数');
    await h.fill('SpO2（%） 1行目', '95');
    await h.press('保存');
    expect(calls[0]!.section).to.equal('healthObservation');
    expect(calls[0]!.data).to.deep.include({ startDate: '2022-09-27', endDate: '2022-10-07' });

    await h.press('検査');
    await h.press('検査 追加');
    await h.select('検査方法 1行目', 'PCR検査');
    await h.fill('検体採取日 1行目', '2022-09-27');
    await h.fill('結果判明日 1行目', '2022-09-26');
    await h.press('保存');
    expect(h.text(h.root.querySelector('.cell-error'))).to.contain('結果判明日が検体採取日より前です');
    expect(calls).to.have.length(1);
  });

  it('医療: 措置判定記録 (ステータス, 処置日) saves its own section and the header follows; admissions validate', async () => {
    const { h, calls } = await mount();
    await h.press('医療');
    await h.select('現在のステータス', '入院中');
    await h.fill('処置日', '2022-09-30');
    await h.press('保存: 措置判定記録');
    expect(calls[0]).to.deep.equal({
      section: 'measures',
      data: {
        infectionClass: 'infected',
        status: 'hospitalized',
        treatmentDate: '2022-09-30',
        myHerSys: true,
      },
      version: 1,
    });
    expect(h.text(h.root.querySelector('[part=header]'))).to.contain('入院中');
    await h.press('入院 追加');
    await h.fill('入院医療機関 1行目', '都立中央病院');
    await h.fill('入院年月日 1行目', '2022-09-30');
    await h.fill('退院年月日 1行目', '2022-09-29');
    await h.press('保存: 医療');
    expect(calls).to.have.length(1);
    expect(h.text(h.root.querySelector('.cell-error'))).to.contain('終了日が開始日（2022-09-30）より前です');
  });

  it('a stale edit shows theirs vs mine per field and saves the user’s merge, never overwriting', async () => {
    const current = record();
    current.version = 5;
    current.person.givenName = 'ハナ子'; // they changed the given name
    current.person.phone = '090-9999-0000'; // and the phone the user is also changing
    let first = true;
    const { el, h, calls } = await mount(async ({ version }) => {
      if (first) {
        first = false;
        throw new RecordConflictError(current);
      }
      return version + 1;
    });
    await h.press('ID管理');
    // Passing through a field without changing it is not an edit.
    h.control('電話番号').focus();
    h.control('電話番号').blur();
    await h.settle();
    expect(el.isDirty('identity')).to.equal(false);
    await h.type('電話番号', '080-1111-2222');
    await h.type('市区町村', '千代田区丸の内');
    await h.press('保存');
    await waitFor(() => expect(h.root.querySelector('.conflict')).to.exist);
    expect(h.text(h.root.querySelector('#conflict-title'))).to.contain(
      '他の利用者がこの情報を先に更新しました',
    );
    const rows = [...h.root.querySelectorAll('.conflict tbody tr')].map((r) => r.getAttribute('data-path'));
    expect(rows).to.have.members(['givenName', 'phone', 'city']);
    const phoneRow = h.root.querySelector('.conflict tr[data-path=phone]')!;
    expect(h.text(phoneRow)).to.contain('双方が変更');
    expect(h.text(phoneRow.querySelector('[data-side=theirs]'))).to.equal('090-9999-0000');
    expect(h.text(phoneRow.querySelector('[data-side=mine]'))).to.equal('080-1111-2222');
    // Defaults: their given name (only they changed it), my city (only I changed it), theirs for the clash.
    expect(el.record!.version).to.equal(1);
    await h.within(phoneRow).check('自分の値'); // the clash: keep mine
    await h.press('選んだ内容で保存');
    await waitFor(() => expect(calls).to.have.length(2));
    expect(calls[1]!.version).to.equal(5);
    expect(calls[1]!.data).to.deep.include({
      givenName: 'ハナ子',
      phone: '080-1111-2222',
      city: '千代田区丸の内',
    });
    await waitFor(() => expect(el.record!.version).to.equal(6));
    expect(el.record!.person.givenName).to.equal('ハナ子');
    await expect(el).to.be.accessible();
  });

  it('発生届 tab: 初回報告/最終更新/保健所確認済, menu at top and bottom, 削除 asks with the report date', async () => {
    const { el, h } = await mount();
    const panel = h.text(h.root.querySelector('[role=tabpanel]'));
    expect(panel).to.contain('初回報告：東京中央クリニック（2022年09月27日）');
    expect(panel).to.contain('最終更新：千代田保健所（2022年09月28日）');
    expect(panel).to.contain('保健所確認済：2022年09月28日');
    expect(panel).to.contain('山田'); // the summary uses the schema's labels
    expect(panel).to.contain('届出に必要な項目'); // the summary's headings (ui:flow.summary, the record's own strings)
    expect(h.root.querySelectorAll('nav.menu')).to.have.length(2);

    await h.check('HER-SYS ID印字');
    const pdf = oneEvent(el, 'hersys-report-action');
    await h.press('PDF（印刷用）');
    expect((await pdf).detail).to.deep.equal({
      action: 'pdf',
      reportId: 'rep-1',
      herSysId: '12345678',
      printHerSysId: true,
    });

    await h.press('削除', 1); // bottom menu
    const dialog = h.root.querySelector<HTMLDialogElement>('dialog#delete')!;
    await waitFor(() => expect(dialog.open).to.equal(true));
    expect(h.text(dialog)).to.contain('以下の内容を削除します');
    expect(h.text(dialog.querySelector('[data-report-date]'))).to.equal('2022年09月27日');
    let fired = false;
    el.addEventListener('hersys-report-action', () => (fired = true), { once: true });
    await h.within(dialog).press('キャンセル');
    expect(fired).to.equal(false);
    await h.press('削除', 0);
    await waitFor(() => expect(dialog.open).to.equal(true));
    const del = oneEvent(el, 'hersys-report-action');
    await h.within(dialog).press('削除');
    expect((await del).detail.action).to.equal('delete');
    const add = oneEvent(el, 'hersys-report-action');
    await h.press('追加登録');
    expect((await add).detail.action).to.equal('add');
    // The host deleted it: the report moves to 削除済み and can be restored.
    const next = structuredClone(el.record!);
    next.reports![0]!.deleted = true;
    el.record = next;
    await h.settle();
    expect(h.text(h.root.querySelector('[role=tabpanel]'))).to.contain('発生届はまだ登録されていません');
    const restore = oneEvent(el, 'hersys-report-action');
    await h.press('復元: 2022-09-27');
    expect((await restore).detail).to.include({ action: 'restore', reportId: 'rep-1' });
  });

  it('is accessible (axe) on every tab', async () => {
    const { el, h } = await mount();
    for (const tab of RECORD_TABS) {
      el.tab = tab;
      await h.settle();
      if (tab === 'notes') await h.press('記録 追加');
      await expect(el).to.be.accessible();
    }
  });
});
