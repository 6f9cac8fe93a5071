import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import {
  checkDateConsistency,
  emptyReport,
  healthObservationPeriod,
  type ConfirmedWarning,
  type DateConsistencyResult,
  type Issue,
  type ObservationPeriod,
  type ObservationPolicy,
  type OccurrenceReport,
} from '../../schema/index.js';
import type { Locale } from '../../locales/index.js';
import { emit } from '../internal/emit.js';
import { fieldLabel, issueText } from '../internal/field-label.js';
import { LocalizeController } from '../internal/localize.js';
import { REPORT_STRINGS } from '../../locales/packs/report.js';
import { tokens } from '../internal/tokens.styles.js';
import { dialogStyles } from '../internal/dialog.styles.js';
import type { DoctorStore, DraftStore, FacilitySearch } from '../stores/types.js';
import type { PostalLookup } from '../postal/postal-lookup.js';
import type { HersysContinueDetail, HersysFixDetail } from '../flow-events.js';
import type { HersysSubmitDetail } from '../events.js';
import '../optional-fields-dialog/optional-fields-dialog.js';
import '../date-consistency-dialog/date-consistency-dialog.js';
import type { HersysOptionalFieldsDialog } from '../optional-fields-dialog/optional-fields-dialog.component.js';
import type { HersysDateConsistencyDialog } from '../date-consistency-dialog/date-consistency-dialog.component.js';
import { carryOver, summarize } from './summary.js';
import { slashDate } from '../internal/slash-date.js';

/** A recipient of HER-SYS's report mail (届出保健所, 担当保健所, the prefecture…). */
export interface NotifiedRecipient {
  name: string;
  role?: string;
  email?: string;
}

/** What the host's submit function resolves with when the report was filed. */
export interface ReportSubmitResult {
  /** The new HER-SYS ID. */
  herSysId: string;
  /** Who was mailed (shown in the 完了 dialog). */
  notified?: NotifiedRecipient[];
  /** The host's own id of the report. */
  reportId?: string;
}

/** What the host's submit function resolves with when the server refused the report (HTTP 400). */
export interface ReportSubmitRejection {
  issues: Issue[];
}

/**
 * Files a report: the host's bridge to its server (the reference server supplies one). Resolve with
 * {@link ReportSubmitResult}, or with `{ issues }` when the server found problems; reject on failure
 * (an `Error` whose `issues` property is an array is treated like `{ issues }`).
 */
export type ReportSubmitter = (
  report: OccurrenceReport,
) => Promise<ReportSubmitResult | ReportSubmitRejection>;

/** The flow's steps: editing, the confirmation screen, the 完了 dialog, and 登録情報 with the three exits. */
export type ReportFlowStep = 'edit' | 'confirm' | 'complete' | 'registered';

interface FlowError {
  message: string;
  detail?: string;
  issues?: Issue[];
}

/** The inner form's API the flow relies on (`<hersys-report-form>`). */
interface ReportFormLike extends HTMLElement {
  value: OccurrenceReport;
  focusField(path: string): Promise<boolean>;
  clearDraft(): Promise<void>;
}

function isRejection(x: unknown): x is ReportSubmitRejection {
  return !!x && typeof x === 'object' && Array.isArray((x as ReportSubmitRejection).issues);
}

/**
 * The manual's whole 発生届 sequence around `<hersys-report-form>`: 確認 → 任意入力の確認 (when yellow fields
 * are empty) → the confirmation screen with the health-observation period → 日付の整合性確認 (when dates are
 * out of order; 続ける writes the confirmed warnings into the report) → 報告 through the host's
 * {@link submit} → 完了 naming who was mailed → 登録完了 / 連続登録 / 連続登録(引継ぎ).
 *
 * A report is never submitted twice (in-flight guard, disabled button). A failed submit keeps every
 * value, stays on the confirmation screen and says what went wrong (`role="alert"`); issues returned
 * by the server are listed by field with a link back to each field. The draft is cleared only after a
 * successful submit.
 *
 * @summary The 発生届 flow: form, dialogs, confirmation, submit and completion.
 * @tagname hersys-report-flow
 *
 * @fires hersys-complete - 登録完了 was clicked. `detail: { herSysId, reportId?, report }`.
 * @fires hersys-continue - (from the dialogs, bubbling) 続ける in a dialog.
 * @fires hersys-fix - (from the dialogs, bubbling) 修正する in a dialog.
 * @fires hersys-submit - (from the inner form, bubbling) 確認 without errors.
 * @fires hersys-change - (from the inner form, bubbling) every committed change.
 *
 * @csspart edit - The wrapper of the form (hidden on the other steps, so nothing typed is lost).
 * @csspart form - The inner `<hersys-report-form>`.
 * @csspart confirm - The confirmation screen.
 * @csspart summary - The read-only summary of the report.
 * @csspart observation - The 健康観察 box.
 * @csspart error - The alert shown when filing failed.
 * @csspart reedit - The 再編集 button.
 * @csspart report - The 報告 button.
 * @csspart complete-dialog - The 完了 dialog.
 * @csspart registered - The 登録情報 screen with the three exits.
 *
 * @cssprop --hersys-color-primary - Buttons and headings.
 * @cssprop --hersys-color-danger - The error alert.
 * @cssprop --hersys-color-surface-alt - Background of the summary headings and the 健康観察 box.
 */
export class HersysReportFlow extends LitElement {
  static override styles = [
    tokens,
    dialogStyles,
    css`
      :host {
        display: block;
      }
      [hidden] {
        display: none !important;
      }
      section {
        max-inline-size: 60rem;
      }
      h2 {
        margin: 0 0 var(--_gap);
        font-size: 1.25rem;
      }
      h2[tabindex='-1']:focus {
        /* A programmatic focus target for screen readers after a step change, not a control. */
        outline: none;
      }
      h3 {
        margin: 0;
        padding: 0.35em 0.6em;
        background: var(--_bg-alt);
        border-inline-start: 4px solid var(--_primary);
        font-size: 1rem;
      }
      .lead {
        margin: 0 0 calc(var(--_gap) * 2);
      }
      dl {
        display: grid;
        grid-template-columns: minmax(10rem, 16rem) 1fr;
        margin: 0 0 calc(var(--_gap) * 2);
      }
      dt,
      dd {
        margin: 0;
        padding: 0.35em 0.6em;
        border-block-end: 1px solid var(--_line);
      }
      dt {
        color: var(--_muted);
      }
      .empty {
        color: var(--_muted);
      }
      .observation {
        margin: calc(var(--_gap) * 2) 0;
        padding: calc(var(--_gap) * 1.5) calc(var(--_gap) * 2);
        border: 2px solid var(--_primary);
        border-radius: var(--_radius);
        background: var(--_bg-alt);
      }
      .observation .period {
        margin: 0.25em 0;
        font-size: 1.125rem;
        font-weight: 700;
      }
      .observation .note {
        margin: 0;
        color: var(--_muted);
        font-size: 0.875em;
      }
      .alert {
        margin: calc(var(--_gap) * 2) 0;
        padding: var(--_gap) calc(var(--_gap) * 1.5);
        border: 2px solid var(--_danger);
        border-radius: var(--_radius);
        background: var(--_danger-bg);
        color: var(--_danger);
      }
      .alert p {
        margin: 0.25em 0;
      }
      .alert ul {
        margin: 0.25em 0;
        padding-inline-start: 1.25em;
        color: var(--_text);
      }
      .alert button {
        min-inline-size: auto;
        min-block-size: auto;
        padding: 0.1em 0.6em;
        margin-inline-start: 0.5em;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: calc(var(--_gap) * 1.5);
        margin-block-start: calc(var(--_gap) * 2);
      }
      button:disabled {
        opacity: 0.6;
        cursor: progress;
      }
      dialog {
        inline-size: min(34rem, calc(100vw - 2rem));
      }
      dialog .mailed {
        margin: 0 0 var(--_gap);
        font-weight: 600;
      }
      dialog .note {
        margin: 0;
        color: var(--_muted);
        font-size: 0.875em;
      }
      dialog .actions {
        margin: 0;
        padding-block-start: 0;
      }
      .registered dl {
        max-inline-size: 32rem;
      }
      .hint {
        color: var(--_muted);
        font-size: 0.875em;
      }
    `,
  ];

  /**
   * Files the report (required to finish). Resolve with `{ herSysId, notified?, reportId? }`, or with
   * `{ issues }` for a refusal (HTTP 400); reject on failure.
   */
  @property({ attribute: false }) submit?: ReportSubmitter;

  /** Passed to the form: `standard` or `fax`. */
  @property({ reflect: true }) layout: 'standard' | 'fax' = 'standard';

  /** UI language (`ja` | `en`); empty means the `lang` of the element or document. */
  @property({ reflect: true }) locale: Locale | '' = '';

  /** The day validation and the date check treat as today (ISO); default: the device's date. */
  @property() today?: string;

  /** Passed to the form: where drafts are autosaved (cleared after a successful submit). */
  @property({ attribute: false }) draftStore?: DraftStore;

  /** Passed to the form: the key of the draft. */
  @property({ attribute: 'draft-key' }) draftKey = 'report-form';

  /** Passed to the form: the doctor master (default: the form's localStorage store). */
  @property({ attribute: false }) doctorStore?: DoctorStore;

  /** Passed to the form: search for 従事する病院・診療所. */
  @property({ attribute: false }) searchInstitutions?: FacilitySearch;

  /** Passed to the form: search for 届出先保健所 / 担当保健所. */
  @property({ attribute: false }) searchHealthCenters?: FacilitySearch;

  /** Passed to the form: postal-code lookup (default: the form's offline data). */
  @property({ attribute: false }) postalLookup?: PostalLookup;

  /** The health-observation rule of the confirmation screen (default: the manual's, 10 days). */
  @property({ attribute: false }) observationPolicy?: ObservationPolicy;

  /** The current step (read-only for hosts; changes as the user goes through the flow). */
  @state() step: ReportFlowStep = 'edit';

  @state() private _report?: OccurrenceReport;
  @state() private _recommended: Issue[] = [];
  @state() private _dates?: DateConsistencyResult;
  @state() private _submitting = false;
  @state() private _error?: FlowError;
  @state() private _result?: ReportSubmitResult;
  @state() private _filed?: OccurrenceReport;

  @query('hersys-report-form') private _form?: ReportFormLike;
  @query('hersys-optional-fields-dialog') private _optionalDialog!: HersysOptionalFieldsDialog;
  @query('hersys-date-consistency-dialog') private _dateDialog!: HersysDateConsistencyDialog;
  @query('dialog[part="complete-dialog"]') private _completeDialog!: HTMLDialogElement;

  private readonly _l10n = new LocalizeController(this, REPORT_STRINGS);
  private _inFlight = false;
  private _pendingValue?: OccurrenceReport;

  /** The report in the form (a copy). Setting it pre-fills the form and goes back to editing. */
  get value(): OccurrenceReport {
    return this._form?.value ?? structuredClone(this._pendingValue ?? emptyReport());
  }
  set value(report: OccurrenceReport | null | undefined) {
    const next = structuredClone(report ?? emptyReport());
    if (this._form) this._form.value = next;
    else this._pendingValue = next;
    if (this.hasUpdated) this.step = 'edit';
  }

  /** The report being confirmed or filed (with its confirmed warnings), if any. */
  get report(): OccurrenceReport | undefined {
    return this._report ? structuredClone(this._report) : undefined;
  }

  /** The inner `<hersys-report-form>` (for its own API: `validate()`, `focusField()`…). */
  get form(): HTMLElement | undefined {
    return this._form;
  }

  override connectedCallback(): void {
    // A host may set `value` before the tag is defined (plain HTML): the own property then shadows the
    // accessor; take it over.
    if (Object.prototype.hasOwnProperty.call(this, 'value')) {
      const early = (this as unknown as { value: OccurrenceReport }).value;
      delete (this as unknown as { value?: OccurrenceReport }).value;
      this.value = early;
    }
    super.connectedCallback();
  }

  protected override firstUpdated(): void {
    if (this._pendingValue && this._form) {
      this._form.value = this._pendingValue;
      this._pendingValue = undefined;
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    // Optional pass-throughs are set only when the host set them, so the form keeps its own defaults.
    const form = this._form as
      (ReportFormLike & { doctorStore?: DoctorStore; postalLookup?: PostalLookup }) | undefined;
    if (form && changed.has('doctorStore') && this.doctorStore) form.doctorStore = this.doctorStore;
    if (form && changed.has('postalLookup') && this.postalLookup) form.postalLookup = this.postalLookup;
    if (changed.has('step') && changed.get('step') !== undefined) void this._focusStep();
  }

  protected override render(): TemplateResult {
    return html`
      <div part="edit" ?hidden=${this.step !== 'edit'}>
        <hersys-report-form
          part="form"
          .layout=${this.layout}
          .locale=${this.locale}
          .today=${this.today}
          .draftStore=${this.draftStore}
          .draftKey=${this.draftKey}
          .searchInstitutions=${this.searchInstitutions}
          .searchHealthCenters=${this.searchHealthCenters}
          @hersys-submit=${this._onFormSubmit}
        ></hersys-report-form>
      </div>
      ${this.step === 'confirm' ? this._confirmTemplate() : nothing}
      ${this.step === 'registered' ? this._registeredTemplate() : nothing}
      <hersys-optional-fields-dialog
        .locale=${this.locale}
        .issues=${this._recommended}
        @hersys-continue=${this._onOptionalContinue}
        @hersys-fix=${this._onFix}
      ></hersys-optional-fields-dialog>
      <hersys-date-consistency-dialog
        .locale=${this.locale}
        .result=${this._dates}
        @hersys-continue=${this._onDatesContinue}
        @hersys-fix=${this._onFix}
      ></hersys-date-consistency-dialog>
      ${this._completeTemplate()}
    `;
  }

  // ---------------------------------------------------------------- templates

  private _confirmTemplate(): TemplateResult {
    const t = this._l10n.t;
    const lng = this._l10n.locale;
    const report = this._report ?? emptyReport();
    const period: ObservationPeriod | undefined = healthObservationPeriod(report, this.observationPolicy);
    const confirmed = report.confirmedWarnings ?? [];
    return html`<section
      part="confirm"
      aria-labelledby="confirm-title"
      aria-busy=${this._submitting ? 'true' : 'false'}
    >
      <h2 id="confirm-title" tabindex="-1">${t('flow.confirm.title')}</h2>
      <p class="lead">${t('flow.confirm.lead')}</p>
      <div part="summary">
        ${summarize(report, t, lng).map(
          (s) =>
            html`<h3 id="summary-${s.id}">${s.title}</h3>
              <dl aria-labelledby="summary-${s.id}" data-section=${s.id}>
                ${
                  s.rows.length
                    ? s.rows.map(
                        (r) =>
                          html`<dt>${r.label}</dt>
                            <dd data-path=${r.path}>${r.value}</dd>`,
                      )
                    : html`<dt class="empty">${t('flow.summary.empty')}</dt>
                        <dd class="empty">—</dd>`
                }
              </dl>`,
        )}
        ${
          confirmed.length
            ? html`<h3 id="summary-confirmed">${t('flow.confirm.confirmedWarnings')}</h3>
                <dl aria-labelledby="summary-confirmed">
                  ${confirmed.map(
                    (w) =>
                      html`<dt>${fieldLabel(w.path, lng)}</dt>
                        <dd>${issueText(w, lng)}${w.reason ? html` (${w.reason})` : nothing}</dd>`,
                  )}
                </dl>`
            : nothing
        }
      </div>
      <div part="observation" class="observation" role="group" aria-labelledby="observation-title">
        <h3 id="observation-title">${t('flow.confirm.healthObservation')}</h3>
        <p class="period">
          ${t('flow.confirm.period')}
          <span data-period
            >${
              period
                ? t('flow.confirm.periodValue', {
                    days: period.days,
                    start: slashDate(period.start),
                    end: slashDate(period.end),
                  })
                : t('flow.confirm.periodUnknown')
            }</span
          >
        </p>
        <p class="note">${t('flow.confirm.note')}</p>
      </div>
      ${this._errorTemplate()}
      <div class="actions">
        <button part="reedit" ?disabled=${this._submitting} @click=${this._reedit}>
          ${t('flow.confirm.reedit')}
        </button>
        <button part="report" class="primary" ?disabled=${this._submitting} @click=${this._onReport}>
          ${this._submitting ? t('flow.confirm.reporting') : t('flow.confirm.report')}
        </button>
      </div>
    </section>`;
  }

  private _errorTemplate(): TemplateResult {
    const e = this._error;
    const lng = this._l10n.locale;
    const t = this._l10n.t;
    return html`<div part="error" class="alert" role="alert" ?hidden=${!e}>
      ${
        e
          ? html`<p>${e.message}</p>
              ${e.detail ? html`<p>${e.detail}</p>` : nothing}
              ${
                e.issues?.length
                  ? html`<ul>
                      ${e.issues.map(
                        (i) =>
                          html`<li data-path=${i.path}>
                            ${issueText(i, lng)}
                            ${
                              i.path
                                ? html`<button type="button" @click=${() => this._goToField(i.path)}>
                                    ${t('dialogs.fix')}
                                  </button>`
                                : nothing
                            }
                          </li>`,
                      )}
                    </ul>`
                  : nothing
              }`
          : nothing
      }
    </div>`;
  }

  private _completeTemplate(): TemplateResult {
    const t = this._l10n.t;
    const r = this._result;
    const names = (r?.notified ?? []).map((n) => n.name).filter(Boolean);
    return html`<dialog
      part="complete-dialog"
      aria-labelledby="complete-title"
      aria-describedby="complete-message"
      @cancel=${(e: Event) => {
        e.preventDefault();
        this._onCompleteDone();
      }}
      @close=${() => {
        // Closed by the platform (Escape without a cancel event): the report is filed, go on to 登録情報.
        if (this.step === 'complete') this._onCompleteDone();
      }}
    >
      <h2 class="header" id="complete-title">${t('flow.complete.title')}</h2>
      <div class="body">
        <p class="mailed" id="complete-message">
          ${
            names.length
              ? t('flow.complete.mailed', { recipients: names.join(t('flow.complete.separator')) })
              : t('flow.complete.mailedNone')
          }
        </p>
        <p class="note">${t('flow.complete.mailNote')}</p>
      </div>
      <div class="actions">
        <button part="complete-done" class="primary" autofocus @click=${this._onCompleteDone}>
          ${t('flow.complete.done')}
        </button>
      </div>
    </dialog>`;
  }

  private _registeredTemplate(): TemplateResult {
    const t = this._l10n.t;
    const p = this._filed?.patient;
    return html`<section part="registered" class="registered" aria-labelledby="registered-title">
      <h2 id="registered-title" tabindex="-1">${t('flow.complete.registered')}</h2>
      <dl>
        <dt>${t('flow.complete.herSysId')}</dt>
        <dd data-her-sys-id>${this._result?.herSysId}</dd>
        <dt>${t('flow.complete.name')}</dt>
        <dd>${[p?.familyName, p?.givenName].filter(Boolean).join(' ')}</dd>
      </dl>
      <div class="actions">
        <button part="finish" class="primary" @click=${this._onFinish}>${t('flow.complete.finish')}</button>
        <button part="next" @click=${() => this._startNext(emptyReport())}>${t('flow.complete.next')}</button>
        <button
          part="next-carry-over"
          @click=${() => this._startNext(carryOver(this._filed ?? emptyReport()))}
        >
          ${t('flow.complete.nextCarryOver')}
        </button>
      </div>
      <p class="hint">${t('flow.complete.exitsHint')}</p>
    </section>`;
  }

  // ---------------------------------------------------------------- steps

  private async _onFormSubmit(e: CustomEvent<HersysSubmitDetail>): Promise<void> {
    this._report = structuredClone(e.detail.report);
    this._error = undefined;
    this._recommended = e.detail.issues.filter((i) => i.code === 'recommended');
    if (this._recommended.length) {
      await this.updateComplete;
      await this._optionalDialog.show();
    } else {
      this.step = 'confirm';
    }
  }

  private _onOptionalContinue(e: CustomEvent<HersysContinueDetail>): void {
    e.stopPropagation();
    this.step = 'confirm';
    this._redispatch(e);
  }

  private async _onFix(e: CustomEvent<HersysFixDetail>): Promise<void> {
    e.stopPropagation();
    this._redispatch(e);
    await this._goToField(e.detail.path);
  }

  private async _goToField(path: string): Promise<void> {
    this.step = 'edit';
    await this.updateComplete;
    if (path) await this._form?.focusField(path);
  }

  private _reedit(): void {
    this._error = undefined;
    this.step = 'edit';
  }

  private async _onReport(): Promise<void> {
    if (this._inFlight || !this._report) return;
    const dates = checkDateConsistency(this._report, { today: this.today });
    const flagged = dates.timeline.some((entry) => entry.flagged);
    if (flagged && !this._alreadyConfirmed(dates)) {
      this._dates = dates;
      await this.updateComplete;
      await this._dateDialog.show();
      return;
    }
    await this._send(this._report);
  }

  /** After a failed submit the dates were already confirmed: do not ask again for the same warnings. */
  private _alreadyConfirmed(dates: DateConsistencyResult): boolean {
    const confirmed = new Set((this._report?.confirmedWarnings ?? []).map((w) => `${w.code}\u0000${w.path}`));
    if (confirmed.size === 0) return false;
    const flaggedPaths = new Set(dates.timeline.filter((e) => e.flagged).map((e) => e.path));
    const pending = dates.issues.filter((i) => i.severity !== 'error' && flaggedPaths.has(i.path));
    return pending.length > 0 && pending.every((i) => confirmed.has(`${i.code}\u0000${i.path}`));
  }

  private async _onDatesContinue(e: CustomEvent<HersysContinueDetail>): Promise<void> {
    e.stopPropagation();
    this._redispatch(e);
    if (!this._report) return;
    this._report = withConfirmedWarnings(this._report, e.detail.confirmedWarnings);
    await this._send(this._report);
  }

  private async _send(report: OccurrenceReport): Promise<void> {
    if (this._inFlight) return;
    const t = this._l10n.t;
    const failed = (message: string): FlowError => ({
      message: t('flow.errors.failed'),
      detail: message ? t('flow.errors.detail', { message }) : undefined,
    });
    this._inFlight = true;
    this._submitting = true;
    this._error = undefined;
    try {
      if (!this.submit) {
        this._error = { message: t('flow.errors.noSubmit') };
        return;
      }
      const result = await this.submit(structuredClone(report));
      if (isRejection(result) && !(result as Partial<ReportSubmitResult>).herSysId) {
        this._error = { message: t('flow.errors.issues'), issues: result.issues };
        return;
      }
      if (
        !result ||
        typeof (result as ReportSubmitResult).herSysId !== 'string' ||
        !(result as ReportSubmitResult).herSysId
      ) {
        this._error = failed('no herSysId');
        return;
      }
      this._result = result as ReportSubmitResult;
      this._filed = structuredClone(report);
      try {
        await this._form?.clearDraft();
      } catch {
        // The report is filed; a draft that could not be removed is overwritten by the next one.
      }
      this.step = 'complete';
    } catch (error) {
      if (isRejection(error)) {
        this._error = { message: t('flow.errors.issues'), issues: error.issues };
      } else {
        this._error = failed(error instanceof Error ? error.message : String(error));
      }
    } finally {
      this._inFlight = false;
      this._submitting = false;
    }
  }

  private _onCompleteDone(): void {
    this.step = 'registered';
  }

  private _onFinish(): void {
    const result = this._result;
    const report = this._filed;
    if (!result || !report) return;
    emit(this, 'hersys-complete', {
      herSysId: result.herSysId,
      ...(result.reportId !== undefined ? { reportId: result.reportId } : {}),
      report: structuredClone(report),
    });
    this._startNext(emptyReport());
  }

  private _startNext(next: OccurrenceReport): void {
    if (this._form) this._form.value = next;
    this._report = undefined;
    this._result = undefined;
    this._error = undefined;
    this._dates = undefined;
    this._recommended = [];
    this.step = 'edit';
  }

  private async _focusStep(): Promise<void> {
    await this.updateComplete;
    const dialog = this._completeDialog;
    if (this.step === 'complete') {
      if (!dialog.open) dialog.showModal();
      return;
    }
    if (dialog.open) dialog.close();
    if (this.step === 'confirm') {
      this.renderRoot.querySelector<HTMLElement>('#confirm-title')?.focus();
      this.scrollIntoView?.({ block: 'start' });
    } else if (this.step === 'registered') {
      this.renderRoot.querySelector<HTMLElement>('#registered-title')?.focus();
    }
  }

  /** Dialog events are handled here; hosts still get them, from the flow element. */
  private _redispatch(e: CustomEvent<HersysContinueDetail> | CustomEvent<HersysFixDetail>): void {
    if (e.type === 'hersys-fix') emit(this, 'hersys-fix', e.detail as HersysFixDetail);
    else emit(this, 'hersys-continue', e.detail as HersysContinueDetail);
  }
}

/** The report with `confirmed` written into `confirmedWarnings` (replacing earlier ones of the same code and path). */
export function withConfirmedWarnings(
  report: OccurrenceReport,
  confirmed: readonly ConfirmedWarning[],
): OccurrenceReport {
  const id = (w: { code: string; path: string }) => `${w.code}\u0000${w.path}`;
  const replaced = new Set(confirmed.map(id));
  const kept = (report.confirmedWarnings ?? []).filter((w) => !replaced.has(id(w)));
  return { ...structuredClone(report), confirmedWarnings: [...kept, ...confirmed.map((w) => ({ ...w }))] };
}
