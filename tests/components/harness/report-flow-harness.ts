import type { HersysReportFlow } from '../../../src/components/report-flow/report-flow.component.js';
import type { HersysReportForm } from '../../../src/components/report-form/report-form.component.js';
import type { HersysDateConsistencyDialog } from '../../../src/components/date-consistency-dialog/date-consistency-dialog.component.js';
import type { HersysOptionalFieldsDialog } from '../../../src/components/optional-fields-dialog/optional-fields-dialog.component.js';
import { DateConsistencyDialogHarness, OptionalFieldsDialogHarness } from './dialog-harness.js';
import { ReportFormHarness } from './report-form-harness.js';

const norm = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

/** Drives `<hersys-report-flow>` through the manual's steps as a user does (clicks on visible buttons). */
export class ReportFlowHarness {
  constructor(readonly el: HersysReportFlow) {}

  get root(): ShadowRoot {
    return this.el.shadowRoot!;
  }

  /** The inner form, driven through its own harness. */
  get form(): ReportFormHarness {
    return new ReportFormHarness(this.root.querySelector('hersys-report-form') as HersysReportForm);
  }

  get optionalDialog(): OptionalFieldsDialogHarness {
    return new OptionalFieldsDialogHarness(
      this.root.querySelector('hersys-optional-fields-dialog') as HersysOptionalFieldsDialog,
    );
  }

  get dateDialog(): DateConsistencyDialogHarness {
    return new DateConsistencyDialogHarness(
      this.root.querySelector('hersys-date-consistency-dialog') as HersysDateConsistencyDialog,
    );
  }

  /** Which screen the user sees: edit, confirm, complete (the 完了 dialog) or registered. */
  get step(): string {
    return this.el.step;
  }

  async settle(): Promise<void> {
    for (let i = 0; i < 3; i++) {
      await this.el.updateComplete;
      // A dialog opening may wait for a module it loads by need (the date dialog's chart): as a user does.
      const dialogs = this.root.querySelectorAll<HersysDateConsistencyDialog | HersysOptionalFieldsDialog>(
        'hersys-date-consistency-dialog, hersys-optional-fields-dialog',
      );
      await Promise.all([...dialogs].map((d) => d.updateComplete));
      await new Promise((r) => setTimeout(r, 0));
    }
  }

  /** Waits until `predicate` holds. */
  async until(predicate: () => boolean, timeout = 4000): Promise<void> {
    const start = performance.now();
    while (!predicate()) {
      if (performance.now() - start > timeout) throw new Error(`Timed out; step is ${this.step}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    await this.settle();
  }

  private button(part: string): HTMLButtonElement {
    const b = this.root.querySelector<HTMLButtonElement>(`button[part~="${part}"]`);
    if (!b) throw new Error(`No button part "${part}" on step ${this.step}`);
    return b;
  }

  /** Presses 確認 in the form. */
  async confirm(): Promise<void> {
    await this.form.submit();
    await this.settle();
  }

  // ------------------------------------------------------------ confirmation screen

  get isConfirmScreenShown(): boolean {
    const s = this.root.querySelector<HTMLElement>('[part~="confirm"]');
    return !!s && s.offsetParent !== null;
  }

  /** The value shown for a field path on the confirmation screen ('' when not listed). */
  summaryValue(path: string): string {
    return norm(this.root.querySelector(`[part~="summary"] dd[data-path="${path}"]`)?.textContent);
  }

  /** The 健康観察 box as read: e.g. `健康観察期間 10日間 (2022/06/30 ~ 2022/07/09)`. */
  get observationPeriod(): string {
    return norm(this.root.querySelector('[part~="observation"] .period')?.textContent);
  }

  get observationNote(): string {
    return norm(this.root.querySelector('[part~="observation"] .note')?.textContent);
  }

  get reportButton(): HTMLButtonElement {
    return this.button('report');
  }

  async clickReport(): Promise<void> {
    this.reportButton.click();
    await this.settle();
  }

  async clickReedit(): Promise<void> {
    this.button('reedit').click();
    await this.settle();
  }

  /** The alert text ('' when there is none). */
  get errorText(): string {
    const e = this.root.querySelector<HTMLElement>('[part~="error"]');
    return e && !e.hidden ? norm(e.textContent) : '';
  }

  get errorRole(): string {
    return this.root.querySelector('[part~="error"]')?.getAttribute('role') ?? '';
  }

  /** Paths of the server issues listed in the alert. */
  get errorPaths(): string[] {
    return [...this.root.querySelectorAll<HTMLElement>('[part~="error"] li')].map(
      (li) => li.dataset.path ?? '',
    );
  }

  /** Clicks 修正する next to the server issue of `path`. */
  async fixServerIssue(path: string): Promise<void> {
    this.root.querySelector<HTMLButtonElement>(`[part~="error"] li[data-path="${path}"] button`)!.click();
    await this.settle();
    await this.form.settle();
  }

  // ------------------------------------------------------------ completion

  get completeDialog(): HTMLDialogElement {
    return this.root.querySelector('dialog[part~="complete-dialog"]')!;
  }

  get isCompleteDialogOpen(): boolean {
    return this.completeDialog.open && this.completeDialog.matches(':modal');
  }

  get completeText(): string {
    return norm(this.completeDialog.querySelector('#complete-message')?.textContent);
  }

  async clickDone(): Promise<void> {
    this.button('complete-done').click();
    await this.settle();
  }

  get herSysId(): string {
    return norm(this.root.querySelector('[data-her-sys-id]')?.textContent);
  }

  get exitLabels(): string[] {
    return [...this.root.querySelectorAll('[part~="registered"] .actions button')].map((b) =>
      norm(b.textContent),
    );
  }

  async clickFinish(): Promise<void> {
    this.button('finish').click();
    await this.settle();
  }

  async clickNext(): Promise<void> {
    this.button('next').click();
    await this.settle();
  }

  async clickNextCarryOver(): Promise<void> {
    this.button('next-carry-over').click();
    await this.settle();
  }
}
