import { css, html, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { Issue } from '../../schema/index.js';
import { HersysDialogBase } from '../internal/dialog-base.js';
import { emit } from '../internal/emit.js';
import { fieldLabel } from '../internal/field-label.js';
import '../flow-events.js';

/**
 * 任意入力の確認: shown after 確認 when recommended (yellow-framed) fields are empty. Lists them by label and
 * offers 続ける (go on to the confirmation screen) or 修正する (close and correct the first one).
 *
 * @summary The manual's 任意入力の確認 dialog (step ④).
 * @tagname hersys-optional-fields-dialog
 *
 * @fires hersys-continue - 続ける was chosen. `detail: { source: 'optional-fields', confirmedWarnings: [] }`.
 * @fires hersys-request-close - Cancelable, before closing: `detail: { source: 'continue' | 'fix' | 'escape' }`;
 *   `preventDefault()` keeps the dialog open.
 * @fires hersys-fix - 修正する was chosen or Escape pressed. `detail: { source: 'optional-fields', path }`,
 *   `path` being the first empty field; the flow passes it to the form's `focusField()`.
 *
 * @csspart dialog - The native `<dialog>`.
 * @csspart list - The list of empty fields.
 * @csspart continue - The 続ける button.
 * @csspart fix - The 修正する button.
 *
 * @cssprop --hersys-dialog-backdrop - Backdrop behind the modal.
 * @cssprop --hersys-dialog-header-background - Title bar background (default: primary colour).
 * @cssprop --hersys-dialog-header-color - Title bar text colour.
 * @cssprop --hersys-color-recommended - Frame colour of the yellow markers in the list.
 */
export class HersysOptionalFieldsDialog extends HersysDialogBase {
  static override styles = [
    ...HersysDialogBase.styles,
    css`
      dialog {
        inline-size: min(40rem, calc(100vw - 2rem));
      }
      ul {
        margin: 0;
        padding: 2px;
        list-style: none;
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr));
        gap: calc(var(--_gap) * 0.5);
        max-block-size: 45vh;
        overflow: auto;
      }
      ul:focus-visible {
        outline: 3px solid var(--_focus);
      }
      li {
        padding: calc(var(--_gap) * 0.35) calc(var(--_gap) * 0.75);
        font-size: 0.9375em;
        border: 2px solid var(--_recommended);
        border-radius: var(--_radius);
        background: var(--_recommended-bg);
      }
      .count {
        margin: 0 0 var(--_gap);
        color: var(--_muted);
        font-size: 0.875em;
      }
    `,
  ];

  /**
   * The recommended-field warnings to list (the `recommended` issues of `validateReport`). One entry per
   * path is shown, in the order given (the form's order).
   */
  @property({ attribute: false }) issues: readonly Issue[] = [];

  /** The distinct paths of {@link issues}, in order. */
  get paths(): string[] {
    return [...new Set(this.issues.map((i) => i.path))];
  }

  protected override renderContent(): TemplateResult {
    const t = this.localize.t;
    const lng = this.localize.locale;
    const paths = this.paths;
    return html`
      <h2 class="header" id="title">${t('dialogs.optionalFields.title')}</h2>
      <div class="body">
        <p class="message" id="message">${t('dialogs.optionalFields.message')}</p>
        <p class="count" id="list-label">
          ${t('dialogs.optionalFields.listLabel')}:
          ${t('dialogs.optionalFields.count', { count: paths.length })}
        </p>
        <ul part="list" aria-labelledby="list-label" tabindex="0">
          ${paths.map((p) => html`<li data-path=${p}>${fieldLabel(p, lng)}</li>`)}
        </ul>
      </div>
      <div class="actions">
        <button part="continue" class="primary" autofocus @click=${() => this.#continue()}>
          ${t('dialogs.continue')}
        </button>
        <button part="fix" class="secondary" @click=${() => this.#fix()}>${t('dialogs.fix')}</button>
      </div>
    `;
  }

  protected override onEscape(): void {
    void this.#fix(true);
  }

  async #continue(): Promise<void> {
    if (!this.requestClose('continue')) return;
    await this.hide('continue');
    emit(this, 'hersys-continue', { source: 'optional-fields', confirmedWarnings: [] });
  }

  async #fix(asked = false): Promise<void> {
    if (!asked && !this.requestClose('fix')) return;
    await this.hide('fix');
    emit(this, 'hersys-fix', { source: 'optional-fields', path: this.paths[0] ?? '' });
  }
}
