/** A registered person: the header line and their 発生届 (newest first), with 追加登録. */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, type Patient } from '../api.js';
import { renderError } from '../errors.js';
import { formatDate, t, type Locale } from '../i18n.js';
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

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('herSysId') && this.herSysId) void this.#load();
  }

  async #load(): Promise<void> {
    this.error = undefined;
    try {
      this.patient = await api.getPatient(this.herSysId);
    } catch (error) {
      this.error = error;
    }
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
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'clinic-patient-page': ClinicPatientPage;
  }
}
