import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/components/patient-list/patient-list.js';
import type { HersysPatientList } from '../../src/components/patient-list/patient-list.component.js';
import type { PatientListQuery, PatientListRow } from '../../src/schema/index.js';
import { PatientHarness, waitFor } from './harness/patient-harness.js';

const CLASSES = ['infected', 'closeContact', 'omicronCloseContact'] as const;

function people(n: number): PatientListRow[] {
  return Array.from({ length: n }, (_, i) => ({
    herSysId: String(10000000 + i),
    localId: i % 3 === 0 ? `A${i}` : undefined,
    name: `患者 ${i}`,
    kana: `カンジャ ${i}`,
    diagnosisDate: `2022-09-${String((i % 28) + 1).padStart(2, '0')}`,
    infectionClass: CLASSES[i % 3],
    status: i % 2 ? 'homeCare' : 'awaitingResult',
    severity: i % 2 ? 'mild' : undefined,
    periodStart: `2022-09-${String((i % 28) + 1).padStart(2, '0')}`,
    residence: 'home',
  }));
}

/** A fake source: filters by infection class, sorts by period start, pages; records every query. */
function fakeSource(all: PatientListRow[]) {
  const queries: PatientListQuery[] = [];
  const source = async (q: PatientListQuery) => {
    queries.push(q);
    let rows = all.filter((r) => !q.infectionClass || r.infectionClass === q.infectionClass);
    rows = [...rows].sort((a, b) =>
      q.sort === 'periodStartAsc'
        ? a.periodStart!.localeCompare(b.periodStart!) || a.herSysId.localeCompare(b.herSysId)
        : b.periodStart!.localeCompare(a.periodStart!) || a.herSysId.localeCompare(b.herSysId),
    );
    const size = q.pageSize ?? 10;
    const page = q.page ?? 1;
    return { rows: rows.slice((page - 1) * size, page * size), total: rows.length };
  };
  return { source, queries };
}

async function mount(rows = people(57), attrs: { syncUrl?: boolean; variant?: string } = {}) {
  const src = fakeSource(rows);
  const el = await fixture<HersysPatientList>(
    html`<hersys-patient-list
      lang="ja"
      ?sync-url=${attrs.syncUrl ?? false}
      variant=${attrs.variant ?? 'registered'}
      .source=${src.source}
      .searchHealthCenters=${async (text: string) =>
        [
          { code: 'HC131', name: '千代田保健所' },
          { code: 'HC132', name: '中央区保健所' },
        ].filter((hc) => hc.name.includes(text))}
    ></hersys-patient-list>`,
  );
  await el.loadComplete;
  return { el, h: new PatientHarness(el), ...src };
}

const bodyRows = (h: PatientHarness) => h.root.querySelectorAll('tbody tr[aria-rowindex]');

describe('<hersys-patient-list> 登録情報一覧', () => {
  const originalUrl = location.href;
  afterEach(() => history.replaceState(null, '', originalUrl));

  it('loads the first page: 10 rows, 期間開始日 descending, the manual’s columns, count announced', async () => {
    const { h, queries } = await mount();
    expect(queries[0]).to.deep.equal({ page: 1, pageSize: 10, sort: 'periodStartDesc' });
    expect(h.texts('thead th')).to.deep.equal([
      'HER-SYS ID',
      '保健所独自ID',
      '氏名',
      '診断年月日',
      '感染区分',
      '現在のステータス',
      '重症度',
      '期間 ▼',
      '居所',
      '場所名',
    ]);
    expect(h.root.querySelector('th[aria-sort]')!.getAttribute('aria-sort')).to.equal('descending');
    expect(bodyRows(h)).to.have.length(10);
    expect(h.text(h.root.querySelector('caption'))).to.equal('登録情報一覧（57件中 1〜10件を表示）');
    expect(h.text(h.root.querySelector('#live'))).to.equal('57件見つかりました。1〜10件目を表示しています。');
    const first = h.texts('tbody tr:first-child td, tbody tr:first-child th');
    expect(first).to.deep.equal([
      '10000027',
      'A27',
      '患者 27',
      '2022/09/28',
      '感染者',
      '自宅療養中',
      '軽症',
      '2022/09/28-',
      '自宅',
      '-',
    ]);
    expect(h.texts('tbody tr:nth-child(3) td')).to.include.members(['未選択', '検査結果待ち', '-']);
  });

  it('sends every filter of the manual to the source on 検索', async () => {
    const { h, queries } = await mount();
    await h.type('担当保健所', '千代田', { leave: false });
    await h.press('保健所を検索');
    await h.press('千代田保健所');
    await h.fill('保健所独自ID', 'A001');
    await h.fill('HER-SYS ID', '12345678');
    await h.fill('フリガナ', 'ﾔﾏﾀﾞ');
    await h.fill('氏名', '山田');
    await h.fill('生年月日', '1950-04-12');
    await h.fill('電話番号', '090-1234-5678');
    await h.fill('パスポート番号', 'TK1234567');
    await h.fill('報告年月日（から）', '2022-09-01');
    await h.fill('報告年月日（まで）', '2022-09-30');
    await h.fill('診断年月日（から）', '2022-09-02');
    await h.fill('診断年月日（まで）', '2022-09-29');
    await h.select('現在のステータス', '自宅療養中');
    await h.select('重症度', '軽症');
    await h.fill('処置日（から）', '2022-09-03');
    await h.fill('処置日（まで）', '2022-09-28');
    await h.select('居所', '宿泊療養');
    await h.press('検索');
    expect(queries.at(-1)).to.deep.equal({
      healthCenter: 'HC131',
      localId: 'A001',
      herSysId: '12345678',
      kana: 'ヤマダ',
      name: '山田',
      dateOfBirth: '1950-04-12',
      phone: '09012345678',
      passportNumber: 'TK1234567',
      reportDateFrom: '2022-09-01',
      reportDateTo: '2022-09-30',
      diagnosisDateFrom: '2022-09-02',
      diagnosisDateTo: '2022-09-29',
      status: 'homeCare',
      severity: 'mild',
      treatmentDateFrom: '2022-09-03',
      treatmentDateTo: '2022-09-28',
      residence: 'hotel',
      page: 1,
      pageSize: 10,
      sort: 'periodStartDesc',
    });
  });

  it('refuses a reversed date range without querying', async () => {
    const { h, queries } = await mount();
    await h.fill('診断年月日（から）', '2022-09-30');
    await h.fill('診断年月日（まで）', '2022-09-01');
    await h.press('検索');
    expect(queries).to.have.length(1);
    expect(h.text(h.root.querySelector('#f-diagnosisDate-error'))).to.contain('「から」が「まで」より後');
    expect(h.focused?.id).to.equal('f-diagnosisDateFrom');
  });

  it('tabs by 感染区分 (click and arrow keys), paging and page size', async () => {
    const { h, queries, el } = await mount();
    await h.press('感染者');
    await el.loadComplete;
    expect(queries.at(-1)!.infectionClass).to.equal('infected');
    expect(h.text(h.root.querySelector('caption'))).to.contain('19件中');
    h.button('感染者').focus();
    await h.key('ArrowRight');
    await el.loadComplete;
    expect(queries.at(-1)!.infectionClass).to.equal('closeContact');
    expect(h.focused?.id).to.equal('ltab-closeContact');
    await h.key('Home');
    await el.loadComplete;
    expect(queries.at(-1)!.infectionClass).to.equal(undefined);

    expect(h.button('前のページ').disabled).to.equal(true);
    await h.press('次のページ');
    await el.loadComplete;
    expect(queries.at(-1)!.page).to.equal(2);
    expect(h.text(h.root.querySelector('caption'))).to.contain('11〜20件');
    await h.select('表示件数', '50件表示');
    await el.loadComplete;
    expect(queries.at(-1)).to.include({ page: 1, pageSize: 50 });
    expect(bodyRows(h)).to.have.length(50);
    // Sorting by the 期間 header toggles the order and its aria-sort.
    await h.press('期間 ▼');
    await el.loadComplete;
    expect(queries.at(-1)!.sort).to.equal('periodStartAsc');
    expect(h.root.querySelector('th[aria-sort]')!.getAttribute('aria-sort')).to.equal('ascending');
  });

  it('clicking a name opens the record (hersys-open-patient)', async () => {
    const { el, h } = await mount();
    const name = h.root.querySelector<HTMLButtonElement>('tbody tr:first-child button.name')!;
    const opened = oneEvent(el, 'hersys-open-patient');
    name.click();
    expect((await opened).detail.herSysId).to.equal(name.closest('tr')!.getAttribute('data-her-sys-id'));
  });

  it('mirrors the query in the URL (sync-url) and restores it from a bookmark', async () => {
    const { el, h } = await mount(people(57), { syncUrl: true });
    await h.fill('氏名', '山田');
    await h.press('感染者');
    await el.loadComplete;
    await h.press('検索');
    await el.loadComplete;
    const params = new URLSearchParams(location.search);
    expect(params.get('name')).to.equal('山田');
    expect(params.get('infectionClass')).to.equal('infected');
    await h.press('次のページ');
    await el.loadComplete;
    expect(new URLSearchParams(location.search).get('page')).to.equal('2');
    const bookmark = location.href;
    el.remove();

    history.replaceState(null, '', bookmark);
    const again = await mount(people(57), { syncUrl: true });
    expect(again.queries[0]).to.include({ name: '山田', infectionClass: 'infected', page: 2 });
    expect(again.h.control('氏名').value).to.equal('山田');
    expect(again.h.button('感染者').getAttribute('aria-selected')).to.equal('true');
  });

  it('windows a large page: few rows in the DOM, the full size announced, rows follow the scroll', async () => {
    const { el, h } = await mount(people(3000));
    await h.select('表示件数', '1000件表示');
    await el.loadComplete;
    const table = h.root.querySelector('table')!;
    expect(table.getAttribute('aria-rowcount')).to.equal('1001');
    const rendered = bodyRows(h).length;
    expect(rendered).to.be.greaterThan(10).and.lessThan(120);
    const scroller = h.root.querySelector<HTMLElement>('.scroller')!;
    scroller.scrollTop = 20000;
    scroller.dispatchEvent(new Event('scroll'));
    await waitFor(() => expect(Number(bodyRows(h)[0]!.getAttribute('aria-rowindex'))).to.be.greaterThan(400));
    await expect(el).to.be.accessible();
  });

  it('the other list screens choose their columns and filters (検査結果一覧, 入院状況一覧)', async () => {
    const tests = await mount(people(5), { variant: 'tests' });
    expect(tests.h.text(tests.h.root.querySelector('h2'))).to.equal('検査結果一覧');
    expect(tests.h.texts('thead th')).to.include.members(['検体採取日', '検査方法', '結果']);
    expect(tests.h.root.querySelector('[role=tablist]')).to.equal(null);
    expect(tests.queries[0]!.variant).to.equal('tests');
    const inpatients = await mount(people(5), { variant: 'inpatients' });
    expect(inpatients.h.texts('thead th')).to.include.members(['入院医療機関', '入院年月日', '退院年月日']);
    expect(() => inpatients.h.control('電話番号')).to.throw();
  });

  it('a failing source keeps the filters and offers a retry', async () => {
    let fail = true;
    const el = await fixture<HersysPatientList>(
      html`<hersys-patient-list
        lang="ja"
        .source=${async () => {
          if (fail) throw new Error('HTTP 500');
          return { rows: people(3), total: 3 };
        }}
      ></hersys-patient-list>`,
    );
    await el.loadComplete;
    const h = new PatientHarness(el);
    expect(h.text(h.root.querySelector('[role=alert]'))).to.contain('HTTP 500');
    fail = false;
    await h.press('再試行');
    await el.loadComplete;
    expect(bodyRows(h)).to.have.length(3);
  });

  it('is accessible (axe) with data', async () => {
    const { el } = await mount();
    await expect(el).to.be.accessible();
  });
});
