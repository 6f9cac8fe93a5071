import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/components/report-flow/report-flow.js';
import type {
  HersysReportFlow,
  ReportSubmitRejection,
  ReportSubmitResult,
} from '../../src/components/report-flow/report-flow.js';
import { MemoryDraftStore } from '../../src/components/stores/index.js';
import type { OccurrenceReport } from '../../src/schema/index.js';
import { FIXTURE_TODAY, manualDateExampleReport, tc1Report } from '../fixtures/reports.js';
import { ReportFlowHarness } from './harness/report-flow-harness.js';

type Outcome = ReportSubmitResult | ReportSubmitRejection;

/** A fake server: records every report it receives; each call is answered by the next scripted outcome. */
class FakeServer {
  readonly received: OccurrenceReport[] = [];
  private pending: Array<{ resolve: (o: Outcome) => void; reject: (e: unknown) => void }> = [];
  constructor(private script: Array<Outcome | Error | 'manual'> = []) {}

  submit = (report: OccurrenceReport): Promise<Outcome> => {
    this.received.push(report);
    const next = this.script.shift() ?? {
      herSysId: 'HS-2022-000123',
      reportId: 'r-1',
      notified: [
        { name: '横浜市中区福祉保健センター', role: 'notified' },
        { name: '神奈川県', role: 'prefecture' },
      ],
    };
    if (next === 'manual') return new Promise((resolve, reject) => this.pending.push({ resolve, reject }));
    return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
  };

  resolveNext(o: Outcome): void {
    this.pending.shift()!.resolve(o);
  }
}

async function flowWith(value: OccurrenceReport, server: FakeServer, store = new MemoryDraftStore()) {
  const el = await fixture<HersysReportFlow>(
    html`<hersys-report-flow
      .value=${value}
      today=${FIXTURE_TODAY}
      draft-key="flow-test"
      .draftStore=${store}
      .submit=${server.submit}
    ></hersys-report-flow>`,
  );
  const h = new ReportFlowHarness(el);
  await h.settle();
  await h.form.settle();
  return { el, h, store };
}

describe('<hersys-report-flow>', () => {
  it('is accessible on the form and on the confirmation screen', async () => {
    const { el, h } = await flowWith(tc1Report(), new FakeServer());
    await expect(el).to.be.accessible();
    await h.confirm();
    expect(h.step).to.equal('confirm');
    await expect(el).to.be.accessible();
  });

  it("runs the manual's whole sequence end to end", async () => {
    const server = new FakeServer();
    const store = new MemoryDraftStore();
    const report = manualDateExampleReport();
    await store.save('flow-test', report);
    const { el, h } = await flowWith(report, server, store);

    // ④ 確認 → 任意入力の確認, listing the empty yellow fields.
    await h.confirm();
    const optional = h.optionalDialog;
    expect(optional.isOpen, 'optional-fields dialog').to.equal(true);
    expect(optional.message).to.equal('黄枠の項目が入力されていません。可能な限りご入力ください');
    expect(optional.fieldPaths.length).to.be.greaterThan(0);
    await optional.clickContinue();

    // ⑤ The confirmation screen with the health-observation period (onset 6/24 → from the day after).
    expect(h.step).to.equal('confirm');
    expect(h.isConfirmScreenShown).to.equal(true);
    expect(h.summaryValue('patient.familyName')).to.equal('鈴木 次郎');
    expect(h.observationPeriod).to.equal('健康観察期間 10日間 (2022/06/25 ~ 2022/07/04)');
    expect(h.observationNote).to.include(
      '発病年月日が入力されている場合、健康観察期間はその翌日からセットされます',
    );

    // 報告 → 日付の整合性確認 with × on 検体採取日 and 診断(検案)年月日 only.
    await h.clickReport();
    const dates = h.dateDialog;
    expect(dates.isOpen, 'date dialog').to.equal(true);
    expect(dates.rows.filter((r) => r.flagged).map((r) => r.field)).to.deep.equal([
      'specimenCollectionDate',
      'diagnosisDate',
    ]);
    expect(server.received).to.have.length(0);
    await dates.typeReason('検体採取は診断の翌日に再検');
    await dates.clickContinue();

    // 続ける recorded the confirmed warnings in the submitted report.
    await h.until(() => h.step === 'complete');
    expect(server.received).to.have.length(1);
    const filed = server.received[0]!;
    expect(filed.patient?.familyName).to.equal('鈴木');
    const confirmed = filed.confirmedWarnings ?? [];
    expect(confirmed.length).to.be.greaterThan(0);
    expect(confirmed.map((w) => w.path)).to.include('diagnosis.specimenCollectionDate');
    for (const w of confirmed) {
      expect(w.reason).to.equal('検体採取は診断の翌日に再検');
      expect(Number.isNaN(Date.parse(w.confirmedAt))).to.equal(false);
      expect(['diagnosis.specimenCollectionDate', 'diagnosis.diagnosisDate']).to.include(w.path);
    }

    // ⑥ 完了 names who was mailed; the draft is gone.
    expect(h.isCompleteDialogOpen).to.equal(true);
    expect(h.completeText).to.equal(
      '横浜市中区福祉保健センター、神奈川県に発生届の報告メールを送信しました。',
    );
    expect(await store.load('flow-test')).to.equal(undefined);
    await expect(el).to.be.accessible();
    await h.clickDone();

    // ⑦ 登録情報 and the three exits; 連続登録(引継ぎ) keeps the doctor and the institutions only.
    expect(h.step).to.equal('registered');
    expect(h.herSysId).to.equal('HS-2022-000123');
    expect(h.exitLabels).to.deep.equal(['登録完了', '連続登録', '連続登録(引継ぎ)']);
    await h.clickNextCarryOver();
    expect(h.step).to.equal('edit');
    expect(el.value).to.deep.equal({
      schemaVersion: 2,
      reporter: {
        doctorFamilyName: '佐藤',
        doctorGivenName: '一郎',
        institutionName: '横浜みなと内科',
        institutionAddress: '神奈川県横浜市中区本町1-1',
        institutionPhone: '045-123-4567',
      },
      clinical: { inpatientInstitution: '横浜みなと病院' },
    });
  });

  it('登録完了 fires hersys-complete with the HER-SYS ID; 連続登録 starts from an empty form', async () => {
    const server = new FakeServer();
    const { el, h } = await flowWith(tc1Report(), server);
    await h.confirm();
    expect(h.step, 'TC-1 has no empty yellow field').to.equal('confirm');
    expect(h.observationPeriod).to.equal('健康観察期間 10日間 (2022/09/26 ~ 2022/10/05)');
    await h.clickReport();
    await h.until(() => h.step === 'complete');
    await h.clickDone();
    const ev = oneEvent(el, 'hersys-complete');
    await h.clickFinish();
    const { detail } = await ev;
    expect(detail.herSysId).to.equal('HS-2022-000123');
    expect(detail.reportId).to.equal('r-1');
    expect(detail.report.patient?.familyName).to.equal('山田');
    expect(h.step).to.equal('edit');
    expect(el.value).to.deep.equal({ schemaVersion: 2 });
  });

  it('submits once however often 報告 is clicked, with the button disabled while in flight', async () => {
    const server = new FakeServer(['manual']);
    const { h } = await flowWith(tc1Report(), server);
    await h.confirm();
    const button = h.reportButton;
    button.click();
    button.click();
    button.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    await h.settle();
    expect(server.received).to.have.length(1);
    expect(h.reportButton.disabled).to.equal(true);
    expect(h.reportButton.textContent?.trim()).to.equal('報告中…');
    server.resolveNext({ herSysId: 'HS-1' });
    await h.until(() => h.step === 'complete');
    expect(server.received).to.have.length(1);
    expect(h.completeText).to.equal('発生届を報告しました。');
  });

  it('a failed submit keeps every value, stays on the confirmation screen and says what went wrong', async () => {
    const server = new FakeServer([
      new Error('503 Service Unavailable'),
      { issues: [{ path: 'patient.phone', code: 'phone.invalid', severity: 'error' }] },
    ]);
    const original = tc1Report();
    const { el, h } = await flowWith(original, server);
    await h.confirm();
    await h.clickReport();
    await h.until(() => h.errorText !== '');
    expect(h.step).to.equal('confirm');
    expect(h.errorRole).to.equal('alert');
    expect(h.errorText).to.include('報告できませんでした');
    expect(h.errorText).to.include('503 Service Unavailable');
    expect(h.reportButton.disabled).to.equal(false);
    expect(el.value).to.deep.equal(original);

    // The server refuses with issues: they are listed by field and lead back to the field.
    await h.clickReport();
    await h.until(() => h.errorPaths.length > 0);
    expect(h.errorPaths).to.deep.equal(['patient.phone']);
    expect(server.received).to.have.length(2);
    await expect(el).to.be.accessible();
    await h.fixServerIssue('patient.phone');
    expect(h.step).to.equal('edit');
    expect(h.form.focused?.getAttribute('data-path') ?? h.form.focusedLabel).to.match(/phone|電話/);
    expect(el.value).to.deep.equal(original);
  });

  it('修正する in the date dialog goes back to the form on the first × date, without submitting', async () => {
    const server = new FakeServer();
    const { h } = await flowWith(manualDateExampleReport(), server);
    await h.confirm();
    await h.optionalDialog.clickContinue();
    await h.clickReport();
    await h.dateDialog.clickFix();
    expect(h.step).to.equal('edit');
    expect(server.received).to.have.length(0);
    await h.form.settle();
    expect(h.form.focusedLabel).to.include('検体採取日');
  });

  it('speaks English with locale="en" on every step', async () => {
    const server = new FakeServer();
    const el = await fixture<HersysReportFlow>(
      html`<hersys-report-flow
        locale="en"
        .value=${tc1Report()}
        today=${FIXTURE_TODAY}
        .submit=${server.submit}
      ></hersys-report-flow>`,
    );
    const h = new ReportFlowHarness(el);
    await h.settle();
    await h.confirm();
    expect(h.observationPeriod).to.equal('Health observation period 10 days (2022/09/26 ~ 2022/10/05)');
    expect(h.reportButton.textContent?.trim()).to.equal('Report');
    await h.clickReport();
    await h.until(() => h.step === 'complete');
    expect(h.completeText).to.equal(
      'The occurrence report was mailed to 横浜市中区福祉保健センター, 神奈川県.',
    );
    await h.clickDone();
    expect(h.exitLabels).to.deep.equal(['Finish', 'Next report', 'Next report (carry over)']);
  });

  it('takes a value set before the element was upgraded (plain HTML hosts)', async () => {
    const el = document.createElement('hersys-report-flow-late') as HersysReportFlow;
    (el as unknown as { value: OccurrenceReport }).value = tc1Report();
    document.body.append(el);
    const { HersysReportFlow: Flow } =
      await import('../../src/components/report-flow/report-flow.component.js');
    customElements.define('hersys-report-flow-late', class extends Flow {});
    await (el as HersysReportFlow).updateComplete;
    await new Promise((r) => setTimeout(r, 0));
    // What the user sees: the inner form shows the value.
    const h = new ReportFlowHarness(el);
    await h.form.settle();
    expect(h.form.valueOf('当該者氏名 姓')).to.equal('山田');
    el.remove();
  });

  it('修正する in 任意入力の確認 returns focus to the first empty yellow field', async () => {
    const { h } = await flowWith(manualDateExampleReport(), new FakeServer());
    await h.confirm();
    const first = h.optionalDialog.fieldPaths[0]!;
    await h.optionalDialog.clickFix();
    expect(h.step).to.equal('edit');
    await h.form.settle();
    const focused = h.form.focused;
    expect(focused, 'a control has focus').not.to.equal(null);
    const path = focused!.closest('[data-path]')?.getAttribute('data-path') ?? '';
    expect(path.startsWith(first) || first.startsWith(path), `${path} vs ${first}`).to.equal(true);
  });

  it('after a failed submit, 報告 again files with the confirmed warnings without asking twice', async () => {
    const server = new FakeServer([new Error('timeout')]);
    const { h } = await flowWith(manualDateExampleReport(), server);
    await h.confirm();
    await h.optionalDialog.clickContinue();
    await h.clickReport();
    await h.dateDialog.clickContinue();
    await h.until(() => h.errorText !== '');
    expect(h.dateDialog.isOpen).to.equal(false);
    await h.clickReport();
    expect(h.dateDialog.isOpen, 'not asked again').to.equal(false);
    await h.until(() => h.step === 'complete');
    expect(server.received).to.have.length(2);
    expect(server.received[1]!.confirmedWarnings).to.deep.equal(server.received[0]!.confirmedWarnings);
    expect(server.received[1]!.confirmedWarnings!.length).to.be.greaterThan(0);
  });

  it('without a submit function it explains instead of failing silently', async () => {
    const el = await fixture<HersysReportFlow>(
      html`<hersys-report-flow .value=${tc1Report()} today=${FIXTURE_TODAY}></hersys-report-flow>`,
    );
    const h = new ReportFlowHarness(el);
    await h.settle();
    await h.confirm();
    await h.clickReport();
    expect(h.errorText).to.include('submit');
    expect(h.step).to.equal('confirm');
  });
});
