import { LitElement, css, html, type PropertyValues, type TemplateResult } from 'lit';
import { property, query } from 'lit/decorators.js';
import type { Locale } from '../../locales/index.js';
import { LocalizeController } from './localize.js';
import { REPORT_STRINGS } from '../../locales/packs/report.js';
import { emit } from './emit.js';
import '../flow-events.js';
import { tokens } from './tokens.styles.js';
import { dialogStyles } from './dialog.styles.js';

/** The element that has focus, looking through open shadow roots. */
export function deepActiveElement(): HTMLElement | null {
  let el: Element | null = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el instanceof HTMLElement ? el : null;
}

/**
 * The shared base of the SDK's modal dialogs (style anchors, practice 9): a native `<dialog>` opened
 * with `showModal()` (focus trap, inert page, top layer), `open` reflected, `show()` / `hide()` that
 * return promises, Escape handled by the subclass ({@link onEscape}), focus returned to the opener,
 * and the result kept in `returnValue`.
 */
export abstract class HersysDialogBase extends LitElement {
  static override styles = [
    tokens,
    dialogStyles,
    css`
      :host {
        display: contents;
      }
      .message {
        margin: 0 0 calc(var(--_gap) * 1.5);
        font-weight: 600;
      }
      textarea:focus-visible {
        outline: 3px solid var(--_focus);
        outline-offset: 2px;
      }
    `,
  ];

  /** Whether the dialog is open (reflected). Setting it opens or closes the dialog like show()/hide(). */
  @property({ type: Boolean, reflect: true }) open = false;

  /** UI language (`ja` | `en`); empty means the `lang` of the element or document. */
  @property() locale: Locale | '' = '';

  /** How the dialog was last closed: `continue`, `fix`, or '' while open. */
  returnValue = '';

  protected readonly localize = new LocalizeController(this, REPORT_STRINGS);

  @query('dialog') protected dialogElement!: HTMLDialogElement;

  #opener: HTMLElement | null = null;

  /** Opens the dialog as a modal; resolves once it is shown and focus is inside it. */
  async show(): Promise<void> {
    if (this.open && this.dialogElement?.open) return;
    this.open = true;
    await this.updateComplete;
  }

  /** Closes the dialog and returns focus to the element that had it before; resolves when closed. */
  async hide(returnValue = ''): Promise<void> {
    this.returnValue = returnValue;
    if (!this.open) return;
    this.open = false;
    await this.updateComplete;
  }

  /**
   * Fires the cancelable `hersys-request-close`; `false` when a listener prevented it (the dialog then
   * stays open, e.g. while the host saves something first).
   */
  protected requestClose(source: 'continue' | 'fix' | 'escape'): boolean {
    return emit(this, 'hersys-request-close', { source }, { cancelable: true });
  }

  /** The dialog's title, body and actions. */
  protected abstract renderContent(): TemplateResult;

  /**
   * Escape (the platform's `cancel`), after `hersys-request-close` was not prevented: each dialog decides
   * what it means (修正する for both SDK dialogs). It must close the dialog.
   */
  protected abstract onEscape(): void;

  protected override render(): TemplateResult {
    return html`<dialog
      part="dialog"
      aria-labelledby="title"
      aria-describedby="message"
      @keydown=${this.#onKeydown}
      @cancel=${this.#onCancel}
      @close=${this.#onClose}
    >
      ${this.renderContent()}
    </dialog>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (!changed.has('open')) return;
    const dialog = this.dialogElement;
    if (this.open && !dialog.open) {
      this.#opener = deepActiveElement();
      this.returnValue = '';
      if (this.isConnected) dialog.showModal();
    } else if (!this.open && dialog.open) {
      dialog.close();
    }
    if (!this.open) this.#restoreFocus();
  }

  #restoreFocus(): void {
    const opener = this.#opener;
    this.#opener = null;
    if (opener?.isConnected) opener.focus({ preventScroll: true });
  }

  #onCancel(event: Event): void {
    event.preventDefault();
    this.#escape();
  }

  /** Escape, however it arrived: ask (`hersys-request-close`), then let the subclass answer. */
  #escape(): void {
    if (!this.requestClose('escape')) {
      // Kept open by a listener; the platform may already have closed it (close watcher): show it again.
      if (this.open && !this.dialogElement.open) this.dialogElement.showModal();
      return;
    }
    this.onEscape();
  }

  #onKeydown(event: KeyboardEvent): void {
    // Handled on keydown: Chromium's close watcher skips the cancelable `cancel` event when there was no
    // user activation since the last one, and would close the dialog without asking the subclass.
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    event.preventDefault();
    this.#escape();
  }

  #onClose(): void {
    // Closed by the platform without our say (close watcher, a host calling close()): keep `open` in
    // step and give it the meaning of Escape, so the flow is never left waiting for an answer.
    if (this.open) this.#escape();
  }
}
