import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/components/optional-fields-dialog/optional-fields-dialog.js';
import '../../src/components/date-consistency-dialog/date-consistency-dialog.js';
import type { HersysOptionalFieldsDialog } from '../../src/components/optional-fields-dialog/optional-fields-dialog.js';
import type {
  DateConsistencyView,
  HersysDateConsistencyDialog,
} from '../../src/components/date-consistency-dialog/date-consistency-dialog.js';
import { checkDateConsistency, type Issue } from '../../src/schema/index.js';
import { FIXTURE_TODAY, manualDateExampleReport, MANUAL_DATE_EXAMPLE } from '../fixtures/reports.js';
import { DateConsistencyDialogHarness, OptionalFieldsDialogHarness } from './harness/dialog-harness.js';

const recommended: Issue[] = [
  { path: 'patient.occupation', code: 'recommended', severity: 'warning' },
  { path: 'diagnosis.onsetDate', code: 'recommended', severity: 'warning' },
  { path: 'patient.occupation', code: 'recommended', severity: 'warning' },
];

async function openerAndDialog<T extends HTMLElement>(tpl: ReturnType<typeof html>) {
  const wrap = await fixture<HTMLDivElement>(html`<div><button id="opener">確認</button>${tpl}</div>`);
  const opener = wrap.querySelector<HTMLButtonElement>('#opener')!;
  const dialog = wrap.lastElementChild as T;
  opener.focus();
  return { wrap, opener, dialog };
}

describe('<hersys-optional-fields-dialog>', () => {
  it('is accessible when open', async () => {
    const { dialog } = await openerAndDialog<HersysOptionalFieldsDialog>(
      html`<hersys-optional-fields-dialog .issues=${recommended}></hersys-optional-fields-dialog>`,
    );
    await dialog.show();
    await expect(dialog).to.be.accessible();
  });

  it('shows the manual wording and one entry per empty field, and traps focus as a modal', async () => {
    const { dialog } = await openerAndDialog<HersysOptionalFieldsDialog>(
      html`<hersys-optional-fields-dialog .issues=${recommended}></hersys-optional-fields-dialog>`,
    );
    const h = new OptionalFieldsDialogHarness(dialog);
    expect(h.isOpen).to.equal(false);
    await dialog.show();
    expect(h.isOpen).to.equal(true);
    expect(dialog.hasAttribute('open')).to.equal(true);
    expect(h.title).to.equal('任意入力の確認');
    expect(h.message).to.equal('黄枠の項目が入力されていません。可能な限りご入力ください');
    expect(h.fieldPaths).to.deep.equal(['patient.occupation', 'diagnosis.onsetDate']);
    expect(h.fieldLabels.every((l) => l.length > 0)).to.equal(true);
    expect(h.buttonLabels).to.deep.equal(['続ける', '修正する']);
    expect(h.focusedPart).to.equal('continue');
    await h.tab();
    expect(h.focusedPart).to.equal('fix');
    await h.tab();
    // Focus stays inside the modal (wraps to the browser chrome or back into the dialog, never the page).
    expect(document.activeElement?.id).not.to.equal('opener');
  });

  it('続ける closes, fires hersys-continue and returns focus to the opener', async () => {
    const { dialog, opener } = await openerAndDialog<HersysOptionalFieldsDialog>(
      html`<hersys-optional-fields-dialog .issues=${recommended}></hersys-optional-fields-dialog>`,
    );
    const h = new OptionalFieldsDialogHarness(dialog);
    await dialog.show();
    const ev = oneEvent(dialog, 'hersys-continue');
    await h.clickContinue();
    const { detail, bubbles, composed } = await ev;
    expect(detail).to.deep.equal({ source: 'optional-fields', confirmedWarnings: [] });
    expect(bubbles && composed).to.equal(true);
    expect(h.isOpen).to.equal(false);
    expect(dialog.open).to.equal(false);
    expect(dialog.returnValue).to.equal('continue');
    expect(document.activeElement).to.equal(opener);
  });

  it('修正する and Escape fire hersys-fix with the first empty field', async () => {
    const { dialog } = await openerAndDialog<HersysOptionalFieldsDialog>(
      html`<hersys-optional-fields-dialog .issues=${recommended}></hersys-optional-fields-dialog>`,
    );
    const h = new OptionalFieldsDialogHarness(dialog);
    await dialog.show();
    let ev = oneEvent(dialog, 'hersys-fix');
    await h.clickFix();
    expect((await ev).detail).to.deep.equal({ source: 'optional-fields', path: 'patient.occupation' });
    expect(h.isOpen).to.equal(false);

    await dialog.show();
    ev = oneEvent(dialog, 'hersys-fix');
    await h.pressEscape();
    expect((await ev).detail.path).to.equal('patient.occupation');
    expect(h.isOpen).to.equal(false);
    expect(dialog.returnValue).to.equal('fix');
  });

  it('hersys-request-close can keep it open (button or Escape); nothing is answered then', async () => {
    const { dialog } = await openerAndDialog<HersysOptionalFieldsDialog>(
      html`<hersys-optional-fields-dialog .issues=${recommended}></hersys-optional-fields-dialog>`,
    );
    const h = new OptionalFieldsDialogHarness(dialog);
    const sources: string[] = [];
    const answers: string[] = [];
    const keepOpen = (e: CustomEvent<{ source: string }>) => {
      sources.push(e.detail.source);
      e.preventDefault();
    };
    dialog.addEventListener('hersys-request-close', keepOpen);
    dialog.addEventListener('hersys-continue', () => answers.push('continue'));
    dialog.addEventListener('hersys-fix', () => answers.push('fix'));
    await dialog.show();
    await h.clickContinue();
    await h.clickFix();
    await h.pressEscape();
    expect(sources).to.deep.equal(['continue', 'fix', 'escape']);
    expect(answers).to.deep.equal([]);
    expect(h.isOpen).to.equal(true);
    dialog.removeEventListener('hersys-request-close', keepOpen);
    await h.pressEscape();
    expect(answers).to.deep.equal(['fix']);
    expect(h.isOpen).to.equal(false);
  });

  it('switches to English', async () => {
    const { dialog } = await openerAndDialog<HersysOptionalFieldsDialog>(
      html`<hersys-optional-fields-dialog
        locale="en"
        .issues=${recommended}
      ></hersys-optional-fields-dialog>`,
    );
    const h = new OptionalFieldsDialogHarness(dialog);
    await dialog.show();
    expect(h.title).to.equal('Optional fields check');
    expect(h.buttonLabels).to.deep.equal(['Continue', 'Fix']);
  });
});

const handMade: DateConsistencyView = {
  timeline: [
    { field: 'dateOfBirth', path: 'patient.dateOfBirth', date: '1990-09-09', flagged: false },
    { field: 'onsetDate', path: 'diagnosis.onsetDate', date: '2022-06-24', flagged: false },
    {
      field: 'specimenCollectionDate',
      path: 'diagnosis.specimenCollectionDate',
      date: '2022-06-24',
      flagged: true,
    },
    { field: 'diagnosisDate', path: 'diagnosis.diagnosisDate', date: '2022-06-23', flagged: true },
    { field: 'deathDate', path: 'diagnosis.deathDate', flagged: false },
    { field: 'reportDate', path: 'reportDate', date: '2022-06-27', flagged: false },
  ],
  issues: [
    { path: 'diagnosis.specimenCollectionDate', code: 'date.D8.specimenAfterDiagnosis', severity: 'warning' },
  ],
};

describe('<hersys-date-consistency-dialog>', () => {
  it('is accessible when open (the chart is hidden from assistive technology)', async () => {
    const { dialog } = await openerAndDialog<HersysDateConsistencyDialog>(
      html`<hersys-date-consistency-dialog .result=${handMade}></hersys-date-consistency-dialog>`,
    );
    await dialog.show();
    await expect(dialog).to.be.accessible();
    expect(new DateConsistencyDialogHarness(dialog).chartIsHidden).to.equal(true);
  });

  it('shows the timeline as given, × on flagged dates, 入力なし, and the oldest/newest notes', async () => {
    const { dialog } = await openerAndDialog<HersysDateConsistencyDialog>(
      html`<hersys-date-consistency-dialog .result=${handMade}></hersys-date-consistency-dialog>`,
    );
    const h = new DateConsistencyDialogHarness(dialog);
    await dialog.show();
    expect(h.title).to.equal('日付の整合性確認');
    expect(h.message).to.equal('以下の×が表示された日付は他の日付と前後関係が正しくありません。');
    expect(h.rows.map((r) => r.text)).to.deep.equal([
      '生年月日 (1990/9/9)',
      '発病年月日 (2022/6/24)',
      '検体採取日 (2022/6/24)',
      '診断 (検案) 年月日 (2022/6/23)',
      '死亡年月日 (入力なし)',
      '報告年月日 (2022/6/27)',
    ]);
    expect(h.rows.map((r) => r.flagged)).to.deep.equal([false, false, true, true, false, false]);
    expect(h.rows[0]!.note).to.equal('※ 最も古い日付');
    expect(h.rows[5]!.note).to.equal('※ 最も新しい日付');
    expect(h.rowTexts[2]).to.include('前後関係が正しくありません');
    expect(h.chartFlaggedDates).to.deep.equal(['2022-06-24', '2022-06-23']);
    expect(h.chartPointCount).to.equal(5);
    expect(h.focusedPart).to.equal('fix');
  });

  it('続ける records each flagged issue as a confirmed warning with the reason', async () => {
    const now = () => new Date('2022-06-27T09:30:00Z');
    const { dialog, opener } = await openerAndDialog<HersysDateConsistencyDialog>(
      html`<hersys-date-consistency-dialog .result=${handMade} .now=${now}></hersys-date-consistency-dialog>`,
    );
    const h = new DateConsistencyDialogHarness(dialog);
    await dialog.show();
    await h.typeReason('検体は前日採取');
    const ev = oneEvent(dialog, 'hersys-continue');
    await h.clickContinue();
    const { detail } = await ev;
    expect(detail).to.deep.equal({
      source: 'date-consistency',
      reason: '検体は前日採取',
      confirmedWarnings: [
        {
          code: 'date.D8.specimenAfterDiagnosis',
          path: 'diagnosis.specimenCollectionDate',
          confirmedAt: '2022-06-27T09:30:00.000Z',
          reason: '検体は前日採取',
        },
      ],
    });
    expect(h.isOpen).to.equal(false);
    expect(document.activeElement).to.equal(opener);
  });

  it('never carries a typed reason over to a new result (the next patient)', async () => {
    const { dialog } = await openerAndDialog<HersysDateConsistencyDialog>(
      html`<hersys-date-consistency-dialog .result=${handMade}></hersys-date-consistency-dialog>`,
    );
    const h = new DateConsistencyDialogHarness(dialog);
    await dialog.show();
    await h.typeReason('前の患者の理由');
    await h.clickFix();
    dialog.result = { ...handMade };
    await dialog.show();
    const ev = oneEvent(dialog, 'hersys-continue');
    await h.clickContinue();
    const { detail } = await ev;
    expect(detail.reason).to.equal(undefined);
    expect(detail.confirmedWarnings.every((w: { reason?: string }) => w.reason === undefined)).to.equal(true);
  });

  it('修正する and Escape fire hersys-fix with the first × date', async () => {
    const { dialog } = await openerAndDialog<HersysDateConsistencyDialog>(
      html`<hersys-date-consistency-dialog .result=${handMade}></hersys-date-consistency-dialog>`,
    );
    const h = new DateConsistencyDialogHarness(dialog);
    await dialog.show();
    let ev = oneEvent(dialog, 'hersys-fix');
    await h.clickFix();
    expect((await ev).detail).to.deep.equal({
      source: 'date-consistency',
      path: 'diagnosis.specimenCollectionDate',
    });
    await dialog.show();
    ev = oneEvent(dialog, 'hersys-fix');
    await h.pressEscape();
    expect((await ev).detail.path).to.equal('diagnosis.specimenCollectionDate');
    expect(h.isOpen).to.equal(false);
  });

  it("the manual's example: × on 検体採取日 and 診断(検案)年月日 only, in the manual's order", async () => {
    const result = checkDateConsistency(manualDateExampleReport(), { today: FIXTURE_TODAY });
    expect(result.consistent).to.equal(false);
    const { dialog } = await openerAndDialog<HersysDateConsistencyDialog>(
      html`<hersys-date-consistency-dialog .result=${result}></hersys-date-consistency-dialog>`,
    );
    const h = new DateConsistencyDialogHarness(dialog);
    await dialog.show();
    const d = (iso: string) => iso.split('-').map(Number).join('/');
    expect(h.rows.map((r) => r.text)).to.deep.equal([
      `生年月日 (${d(MANUAL_DATE_EXAMPLE.dateOfBirth)})`,
      `発病年月日 (${d(MANUAL_DATE_EXAMPLE.onsetDate)})`,
      `検体採取日 (${d(MANUAL_DATE_EXAMPLE.specimenCollectionDate)})`,
      `診断 (検案) 年月日 (${d(MANUAL_DATE_EXAMPLE.diagnosisDate)})`,
      `入院年月日 (${d(MANUAL_DATE_EXAMPLE.admissionDate)})`,
      '死亡年月日 (入力なし)',
      `報告年月日 (${d(MANUAL_DATE_EXAMPLE.reportDate)})`,
    ]);
    expect(h.rows.filter((r) => r.flagged).map((r) => r.field)).to.deep.equal([
      'specimenCollectionDate',
      'diagnosisDate',
    ]);
    expect(h.rows[0]!.note).to.equal('※ 最も古い日付');
    expect(h.rows[6]!.note).to.equal('※ 最も新しい日付');
    expect(h.chartFlaggedDates).to.have.length(2);
    await expect(dialog).to.be.accessible();
  });
});
