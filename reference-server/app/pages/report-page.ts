/**
 * The record's 発生届 tab: the report read-only, 初回報告 / 最終更新 / 保健所確認済, and the operation menu at
 * the top and the bottom (編集, コピーして追加登録, 追加登録, 削除, PDF（印刷用） with HER-SYS ID印字).
 *
 * 編集 (`/reports/:id/edit`) shows the form prefilled and saves with the version it started from. When
 * someone else saved in between (409), the user's edit stays in the form, the current stored version is
 * shown next to it, and they choose: save over it, or take the current version.
 */
import 'hersys-sdk/define';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
// Lit sets object-valued properties again on every render; `guard` sets the form's value only when the
// seed changes, so a re-render never resets what the user typed.
import { guard } from 'lit/directives/guard.js';
import type { OccurrenceReport } from 'hersys-sdk/schema';
import type { HersysReportForm } from 'hersys-sdk/components';
import { api, ApiError, type Me, type Patient, type ReportEnvelope, type Stamp } from '../api.js';
import { renderError } from '../errors.js';
import { formatDate, formatDateTime, t, tokyoDate, type Locale } from '../i18n.js';
import { navigate } from '../router.js';
import {
  doctorStoreFor,
  draftStoreFor,
  searchHealthCenters,
  searchInstitutions,
  todayInTokyo,
} from '../sdk.js';
import { pageStyles } from '../styles.js';
import { renderPatientHeader } from './patient-header.js';
import { recordStyles } from './record-styles.js';

@customElement('clinic-report-page')
export class ClinicReportPage extends LitElement {
  static override styles = [
    pageStyles,
    recordStyles,
    css`
      .tabs {
        display: flex;
        border-bottom: 2px solid var(--_primary);
        margin-bottom: 0;
      }
      .tabs h2 {
        margin: 0;
        font-size: 1rem;
        background: var(--_primary);
        color: var(--_on-primary);
        padding: 0.45rem 1.25rem;
        border-radius: 6px 6px 0 0;
      }
      .panel {
        background: var(--_bg);
        border: 1px solid var(--_line);
        border-top: none;
        padding: 1rem 1.25rem;
      }
      .stamps {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        gap: 0.5rem 2rem;
        margin-bottom: 0.75rem;
      }
      .stamps p {
        margin: 0.1rem 0;
      }
      .ops {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem;
        background: var(--_bg-alt);
        border: 1px solid var(--_line);
        border-radius: 6px;
        padding: 0.5rem 0.75rem;
        margin: 0.5rem 0 1rem;
      }
      .ops .sep {
        flex: 1;
      }
      .ops label {
        display: inline-flex;
        align-items: center;
        gap: 0.3rem;
        font-size: 0.9375rem;
      }
      .ops input[type='checkbox'] {
        width: 1.1rem;
        height: 1.1rem;
        min-height: 0;
      }
      /* The read-only view has nothing to confirm. */
      hersys-report-form[disabled]::part(actions) {
        display: none;
      }
      /* While editing, 保存 below is the one way to save (it runs the form's checks like 確認 does). */
      hersys-report-form.editing::part(submit-button) {
        display: none;
      }
      .deleted {
        border: 1px solid var(--_danger);
        background: var(--_danger-bg);
        color: var(--_danger);
        padding: 0.5rem 1rem;
        border-radius: 6px;
        margin-bottom: 0.75rem;
      }
      dialog {
        border: 1px solid var(--_line);
        border-radius: 8px;
        padding: 1.25rem 1.5rem;
        min-width: 20rem;
        max-width: 32rem;
      }
      dialog::backdrop {
        background: rgba(0, 0, 0, 0.45);
      }
      dialog h2 {
        margin-top: 0;
      }
      dialog .big {
        font-size: 1.125rem;
        font-weight: 700;
      }
      dialog .buttons {
        display: flex;
        justify-content: flex-end;
        gap: 0.75rem;
        margin-top: 1rem;
      }
      dialog label {
        display: flex;
        flex-direction: column;
        gap: 0.2rem;
      }
      .edit-bar {
        display: flex;
        gap: 0.75rem;
        align-items: center;
        position: sticky;
        bottom: 0;
        background: var(--_bg);
        border-top: 1px solid var(--_line);
        padding: 0.6rem 0;
        margin-top: 1rem;
        z-index: 2;
      }
      .conflict-current {
        margin-top: 1.5rem;
        border: 2px solid #e6b800;
        border-radius: 6px;
        padding: 0.5rem 1rem;
        background: #fffbe6;
      }
    `,
  ];

  @property({ attribute: false }) locale: Locale = 'ja';
  @property({ attribute: false }) me?: Me;
  @property({ attribute: false }) reportId = '';
  @property({ attribute: false }) editing = false;

  @state() private envelope?: ReportEnvelope;
  @state() private patient?: Patient;
  @state() private loadError?: unknown;
  @state() private actionError?: unknown;
  @state() private printHerSysId = false;
  /** The edit in progress (survives failed saves and conflicts). */
  /** What the edit form was started with (set on 編集 and when taking the current version). */
  @state() private editSeed?: OccurrenceReport;
  /**
   * The edit as it is now (kept from the form's events). Not reactive and never fed back into the form:
   * re-setting the form's value on every change would reset its half-typed fields.
   */
  private editValue?: OccurrenceReport;
  /** The version the edit started from. */
  @state() private editVersion = 0;
  @state() private conflict?: ReportEnvelope;
  @state() private saving = false;
  @state() private deleting = false;
  @state() private acting = false;
  @state() private notice?: string;
  @state() private deleteReason = '';
  @query('dialog') private deleteDialog!: HTMLDialogElement;
  #deleteOpener?: HTMLElement;

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('reportId') && this.reportId) {
      this.envelope = undefined;
      this.patient = undefined;
      this.editValue = undefined;
      this.editVersion = 0;
      this.conflict = undefined;
      this.notice = undefined;
      void this.#load();
    } else if (changed.has('editing')) {
      if (this.editing && this.envelope) this.#startEdit(this.envelope);
      if (!this.editing) {
        this.editValue = undefined;
        this.conflict = undefined;
      }
    }
  }

  async #load(): Promise<void> {
    this.loadError = undefined;
    this.actionError = undefined;
    try {
      const envelope = await api.getReport(this.reportId);
      this.envelope = envelope;
      if (this.editing) this.#startEdit(envelope);
      this.patient = await api.getPatient(envelope.herSysId).catch(() => undefined);
    } catch (error) {
      this.loadError = error;
    }
  }

  #startEdit(envelope: ReportEnvelope): void {
    this.editValue = structuredClone(envelope.report);
    this.editSeed = this.editValue;
    this.editVersion = envelope.version;
    this.conflict = undefined;
  }

  #reportDate(): string | undefined {
    return this.envelope?.report.reportDate;
  }

  // ---- operations -------------------------------------------------------------------------------

  #edit = (): void => navigate(`/reports/${this.reportId}/edit`);
  #copy = (): void => navigate(`/reports/new?from=${encodeURIComponent(this.reportId)}`);
  #add = (): void => navigate(`/reports/new?herSysId=${encodeURIComponent(this.envelope?.herSysId ?? '')}`);

  #askDelete = (event: Event): void => {
    this.#deleteOpener = event.currentTarget as HTMLElement;
    this.actionError = undefined;
    this.deleteReason = '';
    this.deleteDialog.showModal();
  };

  #closeDelete = (): void => {
    this.deleteDialog.close();
  };

  #onDialogClose = (): void => {
    this.#deleteOpener?.focus();
  };

  async #confirmDelete(): Promise<void> {
    const reportDate = this.#reportDate();
    if (!reportDate || this.deleting) return;
    this.deleting = true;
    this.actionError = undefined;
    try {
      await api.deleteReport(this.reportId, reportDate, this.deleteReason.trim() || undefined);
      this.deleteDialog.close();
      navigate('/patients', { flash: t(this.locale, 'report.deleted') });
    } catch (error) {
      this.actionError = error;
    } finally {
      this.deleting = false;
    }
  }

  // ---- editing ----------------------------------------------------------------------------------

  #onFormChange = (event: CustomEvent<{ value: OccurrenceReport }>): void => {
    this.editValue = event.detail.value;
  };

  #onFormSubmit = (event: CustomEvent<{ report: OccurrenceReport }>): void => {
    this.editValue = event.detail.report;
    void this.#save(this.editVersion);
  };

  async #save(version: number): Promise<void> {
    if (!this.editValue || this.saving) return;
    this.saving = true;
    this.actionError = undefined;
    try {
      const saved = await api.updateReport(this.reportId, this.editValue, version);
      await this.#formEl()?.clearDraft();
      this.envelope = saved;
      this.conflict = undefined;
      this.editValue = undefined;
      this.editVersion = 0;
      navigate(`/reports/${this.reportId}`, {
        flash: t(this.locale, 'report.saved', { version: saved.version }),
      });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'version_conflict') {
        const current = (error.body as { current?: ReportEnvelope } | undefined)?.current;
        if (current) {
          this.conflict = current;
          this.envelope = current;
          await this.#revealAlert('[data-testid="conflict"]');
        } else {
          this.actionError = error;
          await this.#revealAlert('.alert');
        }
      } else {
        this.actionError = error;
        await this.#revealAlert('.alert');
      }
    } finally {
      this.saving = false;
    }
  }

  /** 編集をやめる: drop the edit and its autosaved draft, back to the read-only view. */
  #discard = async (): Promise<void> => {
    await this.#formEl()?.clearDraft();
    navigate(`/reports/${this.reportId}`);
  };

  /** Brings a just-rendered alert into view and gives it focus, so the message is seen and read out. */
  async #revealAlert(selector: string): Promise<void> {
    await this.updateComplete;
    const el = this.renderRoot.querySelector<HTMLElement>(selector);
    if (!el) return;
    el.tabIndex = -1;
    el.scrollIntoView({ block: 'center' });
    el.focus({ preventScroll: true });
  }

  #saveOverConflict = (): void => {
    if (!this.conflict) return;
    this.editVersion = this.conflict.version;
    void this.#save(this.conflict.version);
  };

  #takeCurrent = (): void => {
    if (!this.conflict) return;
    this.editValue = structuredClone(this.conflict.report);
    this.editSeed = this.editValue;
    this.editVersion = this.conflict.version;
    this.conflict = undefined;
  };

  #saveClicked = (): void => {
    // The form runs its checks (as its 確認 does) and answers with hersys-submit when there is no error.
    const form = this.#formEl();
    if (form) void form.submit();
    else void this.#save(this.editVersion);
  };

  #formEl(): HersysReportForm | null {
    return this.renderRoot.querySelector<HersysReportForm>('hersys-report-form:not([disabled])');
  }

  // ---- rendering --------------------------------------------------------------------------------

  #stamp(key: 'report.firstReported' | 'report.lastUpdated', stamp: Stamp | undefined) {
    if (!stamp) return nothing;
    const by = stamp.by.facilityName ?? stamp.by.userName ?? '-';
    return html`<p>${t(this.locale, key, { by, date: formatDateTime(this.locale, stamp.at) })}</p>`;
  }

  #ops(position: 'top' | 'bottom') {
    const l = this.locale;
    const e = this.envelope!;
    const deleted = e.status === 'deleted';
    const pdfHref = api.pdfUrl(this.reportId, this.printHerSysId, l);
    return html`<div
      class="ops"
      role="toolbar"
      aria-label=${t(l, position === 'top' ? 'report.menu' : 'report.menuBottom')}
      data-testid=${`ops-${position}`}
    >
      <button type="button" class="primary" @click=${this.#edit} ?disabled=${deleted}>
        ${t(l, 'report.edit')}
      </button>
      <button type="button" @click=${this.#copy} ?disabled=${deleted}>${t(l, 'report.copy')}</button>
      <button type="button" @click=${this.#add}>${t(l, 'report.add')}</button>
      <button type="button" @click=${this.#askDelete} ?disabled=${deleted || !e.report.reportDate}>
        ${t(l, 'report.delete')}
      </button>
      ${this.#healthCenterOps(e)}
      <span class="sep"></span>
      <a class="button" href=${pdfHref} target="_blank" rel="noopener" data-testid=${`pdf-${position}`}
        >${t(l, 'report.pdf')}</a
      >
      <label
        ><input
          type="checkbox"
          .checked=${this.printHerSysId}
          @change=${(ev: Event) => (this.printHerSysId = (ev.target as HTMLInputElement).checked)}
        />${t(l, 'report.printId')}</label
      >
    </div>`;
  }

  /**
   * What a health center (or the prefecture) adds to the menu: 保健所確認済 for a report it receives,
   * and restoring a report a clinic deleted by mistake. The server decides who may; these only show
   * to the accounts that can.
   */
  #healthCenterOps(e: ReportEnvelope) {
    const kind = this.me?.user.facilityKind;
    const l = this.locale;
    if (e.status === 'deleted' && (kind === 'healthCenter' || kind === 'prefecture')) {
      return html`<button type="button" @click=${() => this.#act('restore')} ?disabled=${this.acting}>
        ${t(l, 'report.restore')}
      </button>`;
    }
    if (e.status === 'active' && kind === 'healthCenter' && !e.header.healthCenterConfirmed) {
      return html`<button type="button" @click=${() => this.#act('confirm')} ?disabled=${this.acting}>
        ${t(l, 'report.markConfirmed')}
      </button>`;
    }
    return nothing;
  }

  async #act(action: 'confirm' | 'restore'): Promise<void> {
    if (this.acting) return;
    this.acting = true;
    this.actionError = undefined;
    this.notice = undefined;
    try {
      this.envelope =
        action === 'confirm'
          ? await api.confirmReport(this.reportId)
          : await api.restoreReport(this.reportId);
      this.notice = t(this.locale, action === 'confirm' ? 'report.confirmedDone' : 'report.restored');
    } catch (error) {
      this.actionError = error;
      await this.#revealAlert('.alert');
    } finally {
      this.acting = false;
    }
  }

  #form(value: OccurrenceReport | undefined, disabled: boolean) {
    if (!customElements.get('hersys-report-form')) {
      return html`<div class="alert" role="alert">${t(this.locale, 'flow.noComponents')}</div>`;
    }
    const user = this.me?.user;
    return disabled
      ? html`<hersys-report-form
          .value=${guard([value], () => value)}
          .locale=${this.locale}
          disabled
        ></hersys-report-form>`
      : html`<hersys-report-form
          class="editing"
          .value=${guard([value], () => value)}
          .locale=${this.locale}
          .today=${todayInTokyo()}
          .doctorStore=${doctorStoreFor(user?.facilityCode)}
          .draftStore=${draftStoreFor(user?.userId)}
          draft-key=${`report-edit-${this.reportId}`}
          .searchInstitutions=${searchInstitutions}
          .searchHealthCenters=${searchHealthCenters}
          @hersys-change=${this.#onFormChange}
          @hersys-submit=${this.#onFormSubmit}
        ></hersys-report-form>`;
  }

  override render() {
    const l = this.locale;
    if (this.loadError) return renderError(l, this.loadError);
    const e = this.envelope;
    if (!e) return html`<p role="status">${t(l, 'app.loading')}</p>`;
    const confirmed = e.header.healthCenterConfirmed;
    return html`
      <h1 class="visually-hidden">${t(l, 'report.tab')} ${e.herSysId}</h1>
      ${this.patient ? renderPatientHeader(l, this.patient) : nothing}
      <div class="tabs"><h2>${t(l, 'report.tab')}</h2></div>
      <div class="panel">
        ${
          e.status === 'deleted'
            ? html`<p class="deleted" role="status">
                ${t(l, 'report.deletedBanner', { date: formatDateTime(l, e.deleted?.at) })}
              </p>`
            : nothing
        }
        <div class="stamps" data-testid="stamps">
          <div>
            ${this.#stamp('report.firstReported', e.header.firstReported)}
            ${this.#stamp('report.lastUpdated', e.header.lastUpdated)}
          </div>
        </div>
        ${this.actionError && !this.deleteDialog?.open ? renderError(l, this.actionError, () => (this.actionError = undefined)) : nothing}
        ${this.notice ? html`<div class="notice" role="status">${this.notice}</div>` : nothing}
        ${this.editing ? this.#renderEdit() : this.#renderView()}
        <p class="muted" data-testid="confirmed">
          ${confirmed ? t(l, 'report.confirmed', { date: formatDate(l, tokyoDate(confirmed.at)) }) : t(l, 'report.notConfirmed')}
        </p>
      </div>
      ${this.#renderDeleteDialog()}
    `;
  }

  #renderView() {
    return html`${this.#ops('top')} ${this.#form(this.envelope!.report, true)} ${this.#ops('bottom')}`;
  }

  #renderEdit() {
    const l = this.locale;
    const c = this.conflict;
    return html`
      <h2>${t(l, 'report.editHeading')}</h2>
      ${
        c
          ? html`<div class="alert" role="alert" data-testid="conflict">
              <p>
                ${t(l, 'report.conflict', {
                  by: c.header.lastUpdated.by.facilityName ?? c.header.lastUpdated.by.userName ?? '-',
                  date: formatDateTime(l, c.header.lastUpdated.at),
                  version: c.version,
                })}
              </p>
              <button type="button" class="primary" @click=${this.#saveOverConflict} ?disabled=${this.saving}>
                ${t(l, 'report.overwrite')}
              </button>
              <button type="button" @click=${this.#takeCurrent}>${t(l, 'report.takeCurrent')}</button>
            </div>`
          : nothing
      }
      ${this.#form(this.editSeed, false)}
      <div class="edit-bar">
        <button
          type="button"
          class="primary"
          data-testid="save"
          @click=${this.#saveClicked}
          ?disabled=${this.saving}
        >
          ${this.saving ? t(l, 'report.saving') : t(l, 'report.save')}
        </button>
        <button type="button" @click=${this.#discard}>${t(l, 'report.discard')}</button>
      </div>
      ${
        c
          ? html`<section class="conflict-current" aria-labelledby="current-h">
              <h3 id="current-h">${t(l, 'report.conflictCurrent', { version: c.version })}</h3>
              ${this.#form(c.report, true)}
            </section>`
          : nothing
      }
    `;
  }

  #renderDeleteDialog() {
    const l = this.locale;
    return html`<dialog aria-labelledby="del-h" @close=${this.#onDialogClose} data-testid="delete-dialog">
      <h2 id="del-h">${t(l, 'report.deleteTitle')}</h2>
      <p class="big">${t(l, 'report.deleteDate', { date: formatDate(l, this.#reportDate()) })}</p>
      <label
        >${t(l, 'report.deleteReason')}
        <input
          .value=${this.deleteReason}
          @input=${(e: Event) => (this.deleteReason = (e.target as HTMLInputElement).value)}
          maxlength="200"
      /></label>
      ${this.actionError ? renderError(l, this.actionError) : nothing}
      <div class="buttons">
        <button type="button" @click=${this.#closeDelete} autofocus>${t(l, 'report.cancel')}</button>
        <button type="button" class="danger" @click=${() => this.#confirmDelete()} ?disabled=${this.deleting}>
          ${t(l, 'report.delete')}
        </button>
      </div>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'clinic-report-page': ClinicReportPage;
  }
}
