import { sendKeys } from '@web/test-runner-commands';
import type { HersysDialogBase } from '../../../src/components/internal/dialog-base.js';

/** Drives one of the SDK's modal dialogs as a user would (clicks, keys, typing). */
export class DialogHarness<T extends HersysDialogBase = HersysDialogBase> {
  constructor(readonly host: T) {}

  protected get root(): ShadowRoot {
    return this.host.shadowRoot!;
  }

  protected part(name: string): HTMLElement {
    const el = this.root.querySelector<HTMLElement>(`[part~="${name}"]`);
    if (!el) throw new Error(`part "${name}" not found in <${this.host.localName}>`);
    return el;
  }

  /** Whether the native dialog is showing as a modal. */
  get isOpen(): boolean {
    const dialog = this.root.querySelector('dialog');
    return !!dialog?.open && dialog.matches(':modal');
  }

  get title(): string {
    return this.root.querySelector('#title')?.textContent?.trim() ?? '';
  }

  get message(): string {
    return this.root.querySelector('#message')?.textContent?.trim() ?? '';
  }

  /** The `part` of the focused element inside the dialog, or '' when focus is elsewhere. */
  get focusedPart(): string {
    return (this.root.activeElement as HTMLElement | null)?.getAttribute('part') ?? '';
  }

  get buttonLabels(): string[] {
    return [...this.root.querySelectorAll('.actions button')].map((b) => b.textContent?.trim() ?? '');
  }

  async clickContinue(): Promise<void> {
    this.part('continue').click();
    await this.settle();
  }

  async clickFix(): Promise<void> {
    this.part('fix').click();
    await this.settle();
  }

  /** Presses Escape as the user (a real key press through the browser). */
  async pressEscape(): Promise<void> {
    await sendKeys({ press: 'Escape' });
    await this.settle();
  }

  /** Presses Tab `n` times (real key presses). */
  async tab(n = 1): Promise<void> {
    for (let i = 0; i < n; i++) await sendKeys({ press: 'Tab' });
  }

  async settle(): Promise<void> {
    await this.host.updateComplete;
    await new Promise((r) => setTimeout(r, 0));
    await this.host.updateComplete;
  }
}

/** 任意入力の確認. */
export class OptionalFieldsDialogHarness extends DialogHarness {
  /** The labels of the listed empty fields. */
  get fieldLabels(): string[] {
    return [...this.part('list').querySelectorAll('li')].map((li) => li.textContent?.trim() ?? '');
  }
  get fieldPaths(): string[] {
    return [...this.part('list').querySelectorAll('li')].map((li) => li.dataset.path ?? '');
  }
}

/** One row of the 日付の整合性確認 list as a user reads it. */
export interface TimelineRow {
  field: string;
  /** The visible text: label and date, e.g. `検体採取日 (2022/6/24)`. */
  text: string;
  flagged: boolean;
  note: string;
}

/** 日付の整合性確認. */
export class DateConsistencyDialogHarness extends DialogHarness {
  get rows(): TimelineRow[] {
    return [...this.part('timeline').querySelectorAll('li')].map((li) => ({
      field: li.dataset.field ?? '',
      text: `${li.querySelector('.name .label')?.textContent?.trim() ?? ''} ${li.querySelector('.date')?.textContent?.trim() ?? ''}`,
      flagged: (li.querySelector('.mark')?.textContent ?? '').includes('×'),
      note: li.querySelector('.note')?.textContent?.trim() ?? '',
    }));
  }

  /** The accessible name of each list row (what a screen reader reads). */
  get rowTexts(): string[] {
    return [...this.part('timeline').querySelectorAll('li')].map(
      (li) => li.textContent?.replace(/\s+/g, ' ').trim() ?? '',
    );
  }

  /** Dates drawn red with × in the chart. */
  get chartFlaggedDates(): string[] {
    return [...this.part('chart').querySelectorAll('.point.flagged')].map(
      (g) => g.getAttribute('data-field-date') ?? '',
    );
  }

  get chartPointCount(): number {
    return this.part('chart').querySelectorAll('.point').length;
  }

  get chartIsHidden(): boolean {
    return this.part('chart').getAttribute('aria-hidden') === 'true';
  }

  async typeReason(text: string): Promise<void> {
    this.part('reason').focus();
    await sendKeys({ type: text });
    await this.settle();
  }
}
