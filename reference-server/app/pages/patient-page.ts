/** A registered person: the header line and their 発生届 (newest first), with 追加登録. */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, type AuditEntry, type Patient } from '../api.js';
import { renderError } from '../errors.js';
import { formatDate, formatDateTime, t, type Locale } from '../i18n.js';
import { pageStyles } from '../styles.js';
import { patientName, renderPatientHeader } from './patient-header.js';
import { recordStyles } from './record-styles.js';

@customElement('clinic-patient-page')
export class ClinicPatientPage extends LitElement {
  static override styles = [
    pageStyles,
    recordStyles,
    css`
      ul.reports {
        list-style: none;
        padding: 0;
        margin: 0;
      }
      ul.reports li {
        padding: 0.5rem 0;
        border-bottom: 1px solid var(--_line);
      }
      table.audit {
        border-collapse: collapse;
        width: 100%;
        font-size: 0.875rem;
      }
      table.audit th,
      table.audit td {
        border-bottom: 1px solid var(--_line);
        padding: 0.3rem 0.5rem;
        text-align: left;
        vertical-align: top;
      }
      table.audit ul {
        margin: 0;
        padding-left: 1rem;
      }
      .tag {
        font-size: 0.75rem;
        border: 1px solid var(--_danger);
        color: var(--_danger);
        border-radius: 999px;
        padding: 0 0.5rem;
        margin-left: 0.5rem;
      }
    `,
  ];

  @property({ attribute: false }) locale: Locale = 'ja';
  @property({ attribute: false }) herSysId = '';
  @state() private patient?: Patient;
  @state() private error?: unknown;
  /** 記録: who did what to this person's data (the server's audit log), newest first. */
  @state() private audit?: AuditEntry[];
  @state() private auditError?: unknown;
  @state() private showReads = false;

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('herSysId') && this.herSysId) void this.#load();
  }

  async #load(): Promise<void> {
    this.error = undefined;
    try {
      this.patient = await api.getPatient(this.herSysId);
    } catch (error) {
      this.error = error;
      return;
    }
    await this.#loadAudit();
  }

  async #loadAudit(): Promise<void> {
    this.auditError = undefined;
    try {
      this.audit = (await api.patientAudit(this.herSysId, this.showReads)).items;
    } catch (error) {
      this.auditError = error;
    }
  }

  #renderAudit() {
    const l = this.locale;
    return html`<section class="card" aria-labelledby="audit-heading">
      <h2 id="audit-heading">${t(l, 'audit.heading')}</h2>
      <label
        ><input
          type="checkbox"
          .checked=${this.showReads}
          @change=${(e: Event) => {
            this.showReads = (e.target as HTMLInputElement).checked;
            void this.#loadAudit();
          }}
        />${t(l, 'audit.showReads')}</label
      >
      ${this.auditError ? renderError(l, this.auditError) : nothing}
      ${
        !this.audit
          ? this.auditError
            ? nothing
            : html`<p role="status">${t(l, 'app.loading')}</p>`
          : html`<table class="audit" data-testid="audit">
              <thead>
                <tr>
                  <th scope="col">${t(l, 'audit.at')}</th>
                  <th scope="col">${t(l, 'audit.actor')}</th>
                  <th scope="col">${t(l, 'audit.what')}</th>
                </tr>
              </thead>
              <tbody>
                ${this.audit.map(
                  (a) =>
                    html`<tr>
                      <td>${formatDateTime(l, a.at)}</td>
                      <td>${a.actor}</td>
                      <td>
                        ${a.summary}
                        ${
                          a.changes?.length
                            ? html`<ul>
                                ${a.changes.map(
                                  (ch) =>
                                    html`<li>
                                      ${ch.path}: ${JSON.stringify(ch.old ?? null)} →
                                      ${JSON.stringify(ch.new ?? null)}
                                    </li>`,
                                )}
                              </ul>`
                            : nothing
                        }
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
    </section>`;
  }

  override render() {
    const l = this.locale;
    const p = this.patient;
    if (this.error) return renderError(l, this.error);
    if (!p) return html`<p role="status">${t(l, 'app.loading')}</p>`;
    return html`
      <h1>${patientName(p) || p.herSysId}</h1>
      ${renderPatientHeader(l, p)}
      <section class="card">
        <h2>${t(l, 'patient.reports')}</h2>
        ${p.reports.length === 0 ? html`<p>${t(l, 'patient.noReports')}</p>` : nothing}
        <ul class="reports">
          ${p.reports.map(
            (r) =>
              html`<li>
                <a href=${`/reports/${r.id}`}
                  >${t(l, 'patient.reportOf', { date: formatDate(l, r.reportDate ?? undefined) })}</a
                >
                ${r.status === 'deleted' || r.deleted ? html`<span class="tag">${t(l, 'patient.deleted')}</span>` : nothing}
              </li>`,
          )}
        </ul>
        <p>
          <a class="button primary" href=${`/reports/new?herSysId=${p.herSysId}`}
            >${t(l, 'patient.addReport')}</a
          >
        </p>
      </section>
      ${this.#renderAudit()}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'clinic-patient-page': ClinicPatientPage;
  }
}
