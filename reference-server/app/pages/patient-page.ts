/**
 * 閲覧・編集: a registered person's record (`<hersys-patient-record>`): the header and the tabs 発生届, ID管理,
 * 基礎情報, 検査, 居所, 行動歴, 健康観察, 医療, 記録 (the audit trail). Loaded from `GET …/record`; each tab saves
 * with `PUT …/record/:section` and the version it started from (a 409 opens the component's merge view). The
 * 発生届 tab's operations go to the app's report screens (編集, コピーして追加登録, 追加登録, PDF) or call the API
 * (削除 after the component's report-date confirmation, 復元 for a health center).
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import 'hersys-sdk/define/patient';
import type { PatientRecord } from 'hersys-sdk/schema';
import { api, type Me } from '../api.js';
import { renderError } from '../errors.js';
import { t, type Locale } from '../i18n.js';
import { asApiError, records } from '../records.js';
import { navigate } from '../router.js';
import { todayInTokyo } from '../sdk.js';
import { pageStyles } from '../styles.js';

interface ReportActionDetail {
  action: 'edit' | 'copy' | 'add' | 'delete' | 'pdf' | 'restore';
  reportId: string;
  herSysId: string;
  printHerSysId: boolean;
}

@customElement('clinic-patient-page')
export class ClinicPatientPage extends LitElement {
  static override styles = [
    pageStyles,
    css`
      .actions {
        display: flex;
        gap: 0.75rem;
        flex-wrap: wrap;
        margin: 0 0 1rem;
      }
    `,
  ];

  @property({ attribute: false }) locale: Locale = 'ja';
  @property({ attribute: false }) me?: Me;
  @property({ attribute: false }) herSysId = '';
  @state() private record?: PatientRecord;
  @state() private error?: unknown;
  /** A failed report operation (the record stays on screen). */
  @state() private actionError?: unknown;
  @state() private notice = '';

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('herSysId') && this.herSysId) void this.#load();
  }

  async #load(): Promise<void> {
    this.error = undefined;
    try {
      this.record = (await records.load(this.herSysId)).record;
    } catch (error) {
      this.error = asApiError(error);
    }
  }

  #save = (section: Parameters<ReturnType<typeof records.save>>[0], data: unknown, version: number) =>
    records.save(this.herSysId, (record) => (this.record = record))(section, data, version);

  async #onReportAction(e: CustomEvent<ReportActionDetail>): Promise<void> {
    const { action, reportId, herSysId, printHerSysId } = e.detail;
    this.actionError = undefined;
    this.notice = '';
    const l = this.locale;
    switch (action) {
      case 'edit':
        return navigate(`/reports/${encodeURIComponent(reportId)}/edit`);
      case 'copy':
        return navigate(`/reports/new?from=${encodeURIComponent(reportId)}`);
      case 'add':
        return navigate(`/reports/new?herSysId=${encodeURIComponent(herSysId)}`);
      case 'pdf':
        window.open(api.pdfUrl(reportId, printHerSysId, l), '_blank', 'noopener');
        return;
      case 'delete':
      case 'restore': {
        const report = this.record?.reports?.find((r) => r.id === reportId);
        try {
          if (action === 'delete') {
            await api.deleteReport(reportId, report?.report.reportDate ?? '');
            this.notice = t(l, 'report.deleted');
          } else {
            await api.restoreReport(reportId);
            this.notice = t(l, 'report.restored');
          }
        } catch (error) {
          this.actionError = error;
        }
        await this.#load();
        return;
      }
    }
  }

  override render() {
    const l = this.locale;
    if (this.error) return renderError(l, this.error);
    if (!this.record) return html`<p role="status">${t(l, 'app.loading')}</p>`;
    const readonly = this.me?.user.facilityKind === 'prefecture';
    return html`
      <h1>${t(l, 'patient.heading')}</h1>
      <p class="actions">
        <a class="button primary" href=${`/reports/new?herSysId=${encodeURIComponent(this.herSysId)}`}
          >${t(l, 'patient.fileReport')}</a
        >
      </p>
      ${this.notice ? html`<div class="notice" role="status">${this.notice}</div>` : nothing}
      ${this.actionError ? renderError(l, this.actionError) : nothing}
      <hersys-patient-record
        .locale=${l}
        .record=${this.record}
        .save=${this.#save}
        .today=${todayInTokyo()}
        ?readonly=${readonly}
        @hersys-report-action=${(e: CustomEvent<ReportActionDetail>) => void this.#onReportAction(e)}
      ></hersys-patient-record>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'clinic-patient-page': ClinicPatientPage;
  }
}
