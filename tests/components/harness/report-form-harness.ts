import { sendKeys } from '@web/test-runner-commands';
import type { HersysReportForm } from '../../../src/components/report-form/report-form.component.js';

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | HTMLButtonElement;

const norm = (s: string | null | undefined) =>
  (s ?? '')
    .replace(/\s+/g, ' ')
    .replace(/[\u00a0\u3000]+/g, ' ')
    .trim();

/**
 * Drives `<hersys-report-form>` as a user does: finds controls by their accessible name (the label a
 * person reads), types with real key presses through the browser, ticks choices by their text, and reads
 * back what is shown. Tests written with it survive template refactors and check the labelling too.
 */
export class ReportFormHarness {
  constructor(readonly el: HersysReportForm) {}

  get root(): ShadowRoot {
    return this.el.shadowRoot!;
  }

  async settle(): Promise<void> {
    await this.el.updateComplete;
    await new Promise((r) => requestAnimationFrame(() => r(undefined)));
    await this.el.updateComplete;
  }

  /** Text of an element without its 必須 badge. */
  private textOf(node: Element | null): string {
    if (!node) return '';
    const clone = node.cloneNode(true) as Element;
    clone.querySelectorAll('.req').forEach((n) => n.remove());
    return norm(clone.textContent);
  }

  /** The accessible name of a control as computed from aria-labelledby / label[for] / aria-label. */
  nameOf(control: Element): string {
    const labelledBy = control.getAttribute('aria-labelledby');
    if (labelledBy) {
      return norm(
        labelledBy
          .split(/\s+/)
          .map((id) => this.textOf(this.root.getElementById(id)))
          .join(' '),
      );
    }
    if (control.id) {
      const label = this.root.querySelector(`label[for="${control.id}"]`);
      if (label) return this.textOf(label);
    }
    return norm(control.getAttribute('aria-label'));
  }

  /** Every visible, named control (text inputs, selects, text areas, radio groups as fieldsets). */
  controls(): Control[] {
    return [
      ...this.root.querySelectorAll<Control>(
        'input:not([type=radio]):not([type=checkbox]):not([type=date]), select, textarea',
      ),
    ];
  }

  /** Accessible names of every control, for error messages and for tests asserting what is shown. */
  labels(): string[] {
    return this.controls().map((c) => this.nameOf(c));
  }

  /**
   * The control whose accessible name is `label` (exact, else the one whose name ends with it, else the
   * only one containing it). `nth` picks among several equal names (e.g. the 2nd 「市区町村」).
   */
  control<T extends Control = HTMLInputElement>(label: string, nth = 0): T {
    const want = norm(label);
    const all = this.controls().map((c) => ({ c, name: this.nameOf(c) }));
    for (const match of [
      (n: string) => n === want,
      (n: string) => n.endsWith(` ${want}`),
      (n: string) => n.includes(want),
    ]) {
      const hits = all.filter((x) => match(x.name));
      if (hits.length > nth) return hits[nth]!.c as T;
    }
    throw new Error(`No control labelled "${label}". Controls: ${all.map((x) => x.name).join(' | ')}`);
  }

  has(label: string): boolean {
    try {
      this.control(label);
      return true;
    } catch {
      return false;
    }
  }

  /** Clicks into the field, selects its content and types `text` with real key presses; Tab commits. */
  async type(
    label: string,
    text: string,
    options: { commit?: boolean; nth?: number; append?: boolean } = {},
  ): Promise<void> {
    const input = this.control<HTMLInputElement>(label, options.nth);
    input.focus();
    if (options.append) input.setSelectionRange?.(input.value.length, input.value.length);
    else input.select?.();
    if (text === '') await sendKeys({ press: 'Backspace' });
    else await sendKeys({ type: text });
    if (options.commit !== false) await this.commit(input);
    await this.settle();
  }

  /** Leaves the field the way a user does (Tab), which fires change/blur. */
  async commit(input?: HTMLElement): Promise<void> {
    const target = input ?? (this.root.activeElement as HTMLElement | null);
    if (target && this.root.activeElement === target) await sendKeys({ press: 'Tab' });
    await this.settle();
  }

  /** Presses a key (`Tab`, `Enter`, `ArrowDown`…); `Shift+Tab` holds Shift. */
  async press(key: string): Promise<void> {
    const [modifier, main] = key.includes('+') ? key.split('+') : [undefined, key];
    if (modifier) await sendKeys({ down: modifier });
    await sendKeys({ press: main! });
    if (modifier) await sendKeys({ up: modifier });
    await this.settle();
  }

  /** The fieldset (radio/checkbox group) whose legend reads `legend`. */
  group(legend: string): HTMLFieldSetElement {
    const want = norm(legend);
    const sets = [...this.root.querySelectorAll<HTMLFieldSetElement>('fieldset')];
    const hit =
      sets.find((f) => this.textOf(f.querySelector('legend')) === want) ??
      sets.find((f) => this.textOf(f.querySelector('legend')).includes(want));
    if (!hit) {
      throw new Error(
        `No group "${legend}". Groups: ${sets.map((f) => this.textOf(f.querySelector('legend'))).join(' | ')}`,
      );
    }
    return hit;
  }

  /**
   * Ticks the choice reading `text` (radio or checkbox), optionally inside the group `within`. When no
   * such choice is rendered (the standard layout shows some lists as select boxes), picks the option
   * with that text in the only select that has it.
   */
  async check(text: string, within?: string): Promise<void> {
    const want = norm(text);
    const scope: ParentNode = within ? this.group(within) : this.root;
    const labels = [...scope.querySelectorAll<HTMLLabelElement>('label.choice, .field.check label')];
    const label = labels.find((l) => norm(l.textContent) === want);
    if (label) {
      const input = label.querySelector('input') ?? this.root.getElementById(label.htmlFor);
      (input as HTMLInputElement).click();
      await this.settle();
      return;
    }
    const selects = [...scope.querySelectorAll<HTMLSelectElement>('select')].filter((s) =>
      [...s.options].some((o) => norm(o.textContent) === want),
    );
    if (selects.length !== 1)
      throw new Error(`No single choice "${text}" (${selects.length} selects have it)`);
    await this.pick(selects[0]!, text);
  }

  /** Whether the choice reading `text` is ticked. */
  isChecked(text: string, within?: string): boolean {
    const scope: ParentNode = within ? this.group(within) : this.root;
    const label = [...scope.querySelectorAll<HTMLLabelElement>('label.choice, .field.check label')].find(
      (l) => norm(l.textContent) === norm(text),
    );
    if (!label) throw new Error(`No choice "${text}"`);
    const input = (label.querySelector('input') ??
      this.root.getElementById(label.htmlFor)) as HTMLInputElement;
    return input.checked;
  }

  /** Chooses the option reading `option` in the select labelled `label` (keyboard-equivalent change). */
  async select(label: string, option: string): Promise<void> {
    await this.pick(this.control<HTMLSelectElement>(label), option);
  }

  private async pick(select: HTMLSelectElement, option: string): Promise<void> {
    const opt = [...select.options].find((o) => norm(o.textContent) === norm(option));
    if (!opt) throw new Error(`No option "${option}" in ${this.nameOf(select)}`);
    select.focus();
    select.value = opt.value;
    select.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    await this.settle();
  }

  /** The value shown in the control labelled `label` (for selects: the chosen option's text). */
  valueOf(label: string, nth = 0): string {
    const c = this.control<Control>(label, nth);
    if (c instanceof HTMLSelectElement) return c.value ? norm(c.selectedOptions[0]?.textContent) : '';
    return (c as HTMLInputElement).value;
  }

  /** Messages shown next to the control labelled `label` (errors and warnings). */
  messagesFor(label: string, nth = 0): string[] {
    const c = this.control<Control>(label, nth);
    const ids = (c.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
    return ids
      .flatMap((id) => [...(this.root.getElementById(id)?.querySelectorAll('.msg') ?? [])])
      .map((m) => norm(m.textContent));
  }

  /** Messages of a choice group (radio/checkbox fieldset). */
  groupMessages(legend: string): string[] {
    return [...this.group(legend).querySelectorAll('.msg')].map((m) => norm(m.textContent));
  }

  /** The text that describes a control (the date's 西暦/和暦 line, hints). */
  descriptionOf(label: string, nth = 0): string {
    const c = this.control<Control>(label, nth);
    const ids = (c.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
    return norm(ids.map((id) => this.root.getElementById(id)?.textContent ?? '').join(' '));
  }

  /** The computed 診断時の年齢. */
  get age(): string {
    return norm(this.root.querySelector('output[part~="age"]')?.textContent);
  }

  /** The focused control's accessible name ('' when focus is outside the form). */
  get focusedLabel(): string {
    const a = this.root.activeElement;
    return a ? this.nameOf(a) : '';
  }

  get focused(): Element | null {
    return this.root.activeElement;
  }

  /** The announced summary of 確認. */
  get summary(): string {
    return norm(this.root.querySelector('[part~="summary"]')?.textContent);
  }

  /** Whether a section/item titled `title` (or containing it) is rendered. */
  hasSection(title: string): boolean {
    return [...this.root.querySelectorAll('[part~="section-title"]')].some((h) =>
      norm(h.textContent).includes(norm(title)),
    );
  }

  get layoutSwitch(): HTMLButtonElement {
    return this.root.querySelector<HTMLButtonElement>('[role="switch"]')!;
  }

  /** Flips the 「FAX様式」 switch with the keyboard (Space), as a user does. */
  async toggleLayout(): Promise<void> {
    this.layoutSwitch.focus();
    await sendKeys({ press: 'Space' });
    await this.settle();
  }

  /** Presses 確認. */
  async submit(): Promise<void> {
    this.root.querySelector<HTMLButtonElement>('[part~="submit-button"]')!.click();
    await this.settle();
  }

  /** Options of the open suggestion list next to `label` (postal towns, doctors, facilities). */
  listOptions(): string[] {
    return [...this.root.querySelectorAll('[role="listbox"] [role="option"]')].map((o) =>
      norm(o.textContent),
    );
  }

  /** Clicks the suggestion reading (or starting with) `text`. */
  async pickOption(text: string): Promise<void> {
    const opt = [...this.root.querySelectorAll<HTMLElement>('[role="listbox"] [role="option"]')].find((o) =>
      norm(o.textContent).startsWith(norm(text)),
    );
    if (!opt) throw new Error(`No suggestion "${text}". Options: ${this.listOptions().join(' | ')}`);
    opt.click();
    await this.settle();
  }

  /** Clicks a button by its visible text (or aria-label). */
  async click(text: string): Promise<void> {
    const b = [...this.root.querySelectorAll<HTMLButtonElement>('button')].find(
      (x) =>
        norm(x.textContent) === norm(text) ||
        norm(x.textContent).endsWith(norm(text)) ||
        norm(x.getAttribute('aria-label')) === norm(text),
    );
    if (!b) throw new Error(`No button "${text}"`);
    b.click();
    await this.settle();
  }

  /** Waits until `predicate` holds (for debounced work: search, postal data, autosave). */
  async until(predicate: () => boolean, timeout = 4000): Promise<void> {
    const start = performance.now();
    while (!predicate()) {
      if (performance.now() - start > timeout) throw new Error('Timed out waiting for the form');
      await new Promise((r) => setTimeout(r, 20));
      await this.el.updateComplete;
    }
  }
}
