import { sendKeys } from '@web/test-runner-commands';

const norm = (s: string | null | undefined) => (s ?? '').replace(/[\s\u00a0\u3000]+/g, ' ').trim();

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/**
 * Drives the patient components (`<hersys-id-form>`, `<hersys-patient-record>`, `<hersys-patient-list>`)
 * the way a user does: controls are found by the label a person reads, text is typed with real key
 * presses, buttons are pressed by their text, and what is on screen is read back as text.
 * Works on any open shadow root; `within()` narrows the search to a part of it.
 */
export class PatientHarness {
  constructor(
    readonly el: HTMLElement & { updateComplete?: Promise<unknown> },
    private readonly scope?: ParentNode,
  ) {}

  get root(): ShadowRoot {
    return this.el.shadowRoot!;
  }

  private get base(): ParentNode {
    return this.scope ?? this.root;
  }

  /** A harness limited to the first element matching `selector` (inside the shadow root). */
  within(selector: string | Element): PatientHarness {
    const node = typeof selector === 'string' ? this.root.querySelector(selector) : selector;
    if (!node) throw new Error(`nothing matches ${String(selector)}`);
    return new PatientHarness(this.el, node);
  }

  async settle(): Promise<void> {
    await this.el.updateComplete;
    await new Promise((r) => requestAnimationFrame(() => r(undefined)));
    await this.el.updateComplete;
  }

  /** Text of a node without badges (必須). */
  text(node: Element | null = this.base as Element): string {
    if (!node) return '';
    const clone = node.cloneNode(true) as Element;
    clone.querySelectorAll?.('.required').forEach((n) => n.remove());
    return norm(clone.textContent);
  }

  /** The control whose `<label for>` reads `label` (exact text); the n-th one when several match. */
  control<T extends Control = HTMLInputElement>(label: string, nth = 0): T {
    const hits: T[] = [];
    for (const l of this.base.querySelectorAll('label')) {
      if (this.text(l) !== label) continue;
      const forId = l.getAttribute('for');
      const c = forId ? this.root.getElementById(forId) : l.querySelector('input, select, textarea');
      if (c) hits.push(c as T);
    }
    for (const c of this.base.querySelectorAll<T>('[aria-label]')) {
      if (norm(c.getAttribute('aria-label')) === label && c.matches('input, select, textarea')) hits.push(c);
    }
    const hit = hits[nth];
    if (!hit) throw new Error(`no control labelled "${label}" (#${nth})`);
    return hit;
  }

  /** Every control labelled `label`. */
  controls(label: string): Control[] {
    const out: Control[] = [];
    for (let i = 0; ; i++) {
      try {
        out.push(this.control(label, i));
      } catch {
        return out;
      }
    }
  }

  /** Types into a control with real key presses (replacing what is there), then leaves it (Tab). */
  async type(
    label: string | Control,
    text: string,
    options: { leave?: boolean; nth?: number } = {},
  ): Promise<void> {
    const c = typeof label === 'string' ? this.control(label, options.nth ?? 0) : label;
    c.focus();
    if ('select' in c && typeof c.select === 'function') c.select();
    if (c.value !== '') await sendKeys({ press: 'Backspace' });
    if (text !== '') await sendKeys({ type: text });
    if (options.leave !== false) c.blur();
    await this.settle();
  }

  /** Sets a value as a paste would (one input event), then leaves the control. Faster than `type`. */
  async fill(label: string | Control, value: string, nth = 0): Promise<void> {
    const c = typeof label === 'string' ? this.control(label, nth) : label;
    c.focus();
    c.value = value;
    c.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    c.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    c.blur();
    await this.settle();
  }

  /** Chooses the option whose text is `optionText` in the select labelled `label`. */
  async select(label: string | HTMLSelectElement, optionText: string, nth = 0): Promise<void> {
    const s = typeof label === 'string' ? this.control<HTMLSelectElement>(label, nth) : label;
    const option = [...s.options].find((o) => norm(o.textContent) === optionText);
    if (!option) throw new Error(`no option "${optionText}" in ${typeof label === 'string' ? label : s.id}`);
    s.value = option.value;
    s.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    await this.settle();
  }

  /** Ticks a radio button or checkbox by its label text (the label wraps the input). */
  async check(labelText: string, nth = 0): Promise<void> {
    const labels = [...this.base.querySelectorAll('label')].filter((l) => this.text(l) === labelText);
    const input = labels[nth]?.querySelector('input');
    if (!input) throw new Error(`no checkbox/radio "${labelText}"`);
    input.click();
    await this.settle();
  }

  /** The button whose text or aria-label is `name`. */
  button(name: string, nth = 0): HTMLButtonElement {
    const hits = [...this.base.querySelectorAll<HTMLButtonElement>('button, [role=tab]')].filter(
      (b) => this.text(b) === name || norm(b.getAttribute('aria-label')) === name,
    );
    const b = hits[nth];
    if (!b) throw new Error(`no button "${name}" (#${nth})`);
    return b;
  }

  /** Presses a button by its text. */
  async press(name: string, nth = 0): Promise<void> {
    this.button(name, nth).click();
    await this.settle();
  }

  /** The texts of the elements matching `selector`. */
  texts(selector: string): string[] {
    return [...this.base.querySelectorAll(selector)].map((n) => this.text(n));
  }

  /** The element that has focus inside the shadow root. */
  get focused(): Element | null {
    return this.root.activeElement;
  }

  /** Presses a key (ArrowDown, Enter, Home…) on the focused element. */
  async key(press: string): Promise<void> {
    await sendKeys({ press });
    await this.settle();
  }
}

/** Waits until `check` passes (polling), or fails with its last error after `timeout` ms. */
export async function waitFor(check: () => unknown, timeout = 3000): Promise<void> {
  const start = performance.now();
  let last: unknown;
  for (;;) {
    try {
      if (check() !== false) return;
    } catch (e) {
      last = e;
    }
    if (performance.now() - start > timeout) throw last ?? new Error('waitFor timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
