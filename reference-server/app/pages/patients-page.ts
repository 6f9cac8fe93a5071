/**
 * 登録情報一覧: the manual's filters (ID管理 / 発生届 / 措置判定記録), sorted by 期間開始日 descending, paged.
 * The filters live in the URL, so back/forward and reload keep the search. Clicking a name opens the
 * person's 発生届.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { SEVERITIES, labelOf } from 'hersys-sdk/schema';
import { api, ApiError, type FacilityHit, type PatientPage } from '../api.js';
import { renderError } from '../errors.js';
import {
  INFECTION_CATEGORY_LABELS,
  RESIDENCE_LABELS,
  STATUS_LABELS,
  formatShortDate,
  labelFrom,
  t,
  type Locale,
  type MessageKey,
} from '../i18n.js';
import { navigate } from '../router.js';
import { pageStyles } from '../styles.js';

/** Every filter the API takes (docs/api.md), in the order of the manual's screen. */
const FILTERS = [
  'healthCenter',
  'localId',
  'herSysId',
  'kana',
  'name',
  'dateOfBirth',
  'phone',
  'passportNumber',
  'reportDateFrom',
  'reportDateTo',
  'diagnosisDateFrom',
  'diagnosisDateTo',
  'infectionCategory',
  'status',
  'severity',
  'treatmentDateFrom',
  'treatmentDateTo',
  'residence',
] as const;
const PAGE_SIZES = [10, 20, 50, 100];

@customElement('clinic-patients-page')
export class ClinicPatientsPage extends LitElement {
  static override styles = [
    pageStyles,
    css`
      .head {
        display: flex;
        align-items: center;
        gap: 1rem;
      }
      .head h1 {
        margin: 0;
      }
      form {
        margin: 1rem 0;
      }
      fieldset {
        border: 1px solid var(--_line);
        border-radius: 6px;
        margin: 0 0 0.75rem;
        padding: 0.5rem 1rem 0.75rem;
        background: var(--_bg);
      }
      legend {
        font-weight: 600;
        padding: 0 0.25rem;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem 1.25rem;
        align-items: flex-start;
      }
      .field {
        display: flex;
        flex-direction: column;
        gap: 0.2rem;
      }
      .field > span:first-child {
        font-size: 0.875rem;
      }
      .field-error {
        color: var(--_danger);
        font-size: 0.8125rem;
      }
      input[aria-invalid='true'] {
        border: 2px solid var(--_danger);
      }
      .range {
        display: flex;
        align-items: center;
        gap: 0.35rem;
      }
      .actions {
        display: flex;
        gap: 0.75rem;
        align-items: center;
        justify-content: flex-end;
        flex-wrap: wrap;
      }
      .tabs {
        display: flex;
        gap: 0.25rem;
        border-bottom: 2px solid var(--_primary);
        margin-top: 1.25rem;
      }
      .tabs button {
        border-bottom: none;
        border-radius: 6px 6px 0 0;
      }
      .tabs button[aria-pressed='true'] {
        background: var(--_primary);
        color: var(--_on-primary);
        border-color: var(--_primary);
      }
      .table-wrap {
        overflow-x: auto;
        background: var(--_bg);
      }
      table {
        border-collapse: collapse;
        width: 100%;
        font-size: 0.875rem;
      }
      th,
      td {
        border: 1px solid var(--_line);
        padding: 0.4rem 0.5rem;
        text-align: left;
        white-space: nowrap;
      }
      thead th {
        background: #e9eef4;
      }
      tbody th {
        font-weight: normal;
      }
      tbody tr:nth-child(even) {
        background: #fafbfc;
      }
      .pager {
        display: flex;
        align-items: center;
        gap: 0.75rem;
        margin-top: 0.75rem;
      }
    `,
  ];

  @property({ attribute: false }) locale: Locale = 'ja';
  @property({ attribute: false }) query: URLSearchParams = new URLSearchParams();
  @state() private result?: PatientPage;
  @state() private error?: unknown;
  @state() private loading = false;
  @state() private healthCenters: FacilityHit[] = [];
  #abort?: AbortController;

  override connectedCallback(): void {
    super.connectedCallback();
    api.searchHealthCenters('').then(
      (items) => (this.healthCenters = items),
      () => (this.healthCenters = []),
    );
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('query')) void this.#search();
  }

  async #search(): Promise<void> {
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    const params: Record<string, string> = {};
    for (const key of [...FILTERS, 'page', 'pageSize']) {
      const v = this.query.get(key);
      if (v) params[key] = v;
    }
    this.loading = true;
    this.error = undefined;
    try {
      this.result = await api.searchPatients(params, abort.signal);
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return;
      this.error = error;
    } finally {
      if (this.#abort === abort) this.loading = false;
    }
  }

  #go(params: URLSearchParams): void {
    for (const [k, v] of [...params]) if (!v) params.delete(k);
    const s = params.toString();
    navigate(`/patients${s ? `?${s}` : ''}`);
  }

  #onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const params = new URLSearchParams();
    for (const key of [...FILTERS, 'pageSize']) {
      const v = String(data.get(key) ?? '').trim();
      if (v) params.set(key, v);
    }
    this.#go(params);
  }

  #clear(): void {
    this.#go(new URLSearchParams());
  }

  #withParam(key: string, value: string | undefined): void {
    const params = new URLSearchParams(this.query);
    if (value) params.set(key, value);
    else params.delete(key);
    if (key !== 'page') params.delete('page');
    this.#go(params);
  }

  /** The server's finding on one filter (400 `validation_failed`), as a message next to it. */
  #issueFor(name: string): string | undefined {
    const e = this.error;
    if (!(e instanceof ApiError) || e.status !== 400) return undefined;
    const issue = e.issues.find((i) => i.path === name);
    if (!issue) return undefined;
    return t(this.locale, name === 'herSysId' ? 'list.invalidHerSysId' : 'list.invalidValue');
  }

  #fieldError(name: string) {
    const message = this.#issueFor(name);
    return message ? html`<span class="field-error" id=${`err-${name}`}>${message}</span>` : nothing;
  }

  #text(
    name: (typeof FILTERS)[number],
    label: MessageKey,
    attrs: { inputmode?: string; size?: number } = {},
  ) {
    const invalid = !!this.#issueFor(name);
    return html`<div class="field">
      <label for=${`f-${name}`}>${t(this.locale, label)}</label>
      <input
        id=${`f-${name}`}
        name=${name}
        .value=${this.query.get(name) ?? ''}
        inputmode=${attrs.inputmode ?? 'text'}
        size=${attrs.size ?? 14}
        autocomplete="off"
        aria-invalid=${invalid ? 'true' : 'false'}
        aria-describedby=${invalid ? `err-${name}` : nothing}
      />${this.#fieldError(name)}
    </div>`;
  }

  #date(name: (typeof FILTERS)[number], label: MessageKey) {
    const invalid = !!this.#issueFor(name);
    return html`<div class="field">
      <label for=${`f-${name}`}>${t(this.locale, label)}</label>
      <input
        id=${`f-${name}`}
        type="date"
        name=${name}
        .value=${this.query.get(name) ?? ''}
        aria-invalid=${invalid ? 'true' : 'false'}
        aria-describedby=${invalid ? `err-${name}` : nothing}
      />${this.#fieldError(name)}
    </div>`;
  }

  /** The alert above the results: for a refused search, which filters to correct. */
  #searchError() {
    const e = this.error;
    if (e instanceof ApiError && e.status === 400 && e.issues.length) {
      return html`<div class="alert" role="alert">${t(this.locale, 'list.invalid')}</div>`;
    }
    return renderError(this.locale, e);
  }

  #range(from: (typeof FILTERS)[number], to: (typeof FILTERS)[number], label: MessageKey) {
    const l = this.locale;
    return html`<div class="field" role="group" aria-label=${t(l, label)}>
      <span>${t(l, label)}</span>
      <span class="range">
        <input
          type="date"
          name=${from}
          aria-label=${`${t(l, label)} ${t(l, 'list.from')}`}
          .value=${this.query.get(from) ?? ''}
        />
        ~
        <input
          type="date"
          name=${to}
          aria-label=${`${t(l, label)} ${t(l, 'list.to')}`}
          .value=${this.query.get(to) ?? ''}
        />
      </span>
    </div>`;
  }

  #select(name: (typeof FILTERS)[number], label: MessageKey, options: [string, string][]) {
    const current = this.query.get(name) ?? '';
    return html`<label class="field"
      >${t(this.locale, label)}
      <select name=${name}>
        <option value="" ?selected=${current === ''}>${t(this.locale, 'list.any')}</option>
        ${options.map(([v, text]) => html`<option value=${v} ?selected=${current === v}>${text}</option>`)}
      </select></label
    >`;
  }

  override render() {
    const l = this.locale;
    const labels = (table: Record<string, { ja: string; en: string }>) =>
      Object.entries(table).map(([code, lab]) => [code, lab[l]] as [string, string]);
    const category = this.query.get('infectionCategory') ?? '';
    const pageSize = this.query.get('pageSize') ?? '10';
    return html`
      <div class="head">
        <h1>${t(l, 'list.heading')}</h1>
        <a class="button" href="/reports/new">${t(l, 'list.new')}</a>
      </div>
      <form @submit=${this.#onSubmit} aria-label=${t(l, 'list.filters')} role="search">
        <h2 class="visually-hidden">${t(l, 'list.filters')}</h2>
        <fieldset>
          <legend>${t(l, 'list.group.id')}</legend>
          <div class="row">
            ${this.#select(
              'healthCenter',
              'list.healthCenter',
              this.healthCenters.map((h) => [h.code, h.name]),
            )}
            ${this.#text('localId', 'list.localId')}
            ${this.#text('herSysId', 'list.herSysId', { inputmode: 'numeric', size: 10 })}
            ${this.#text('kana', 'list.kana')} ${this.#text('name', 'list.name')}
            ${this.#date('dateOfBirth', 'list.dob')}
            ${this.#text('phone', 'list.phone', { inputmode: 'tel' })}
            ${this.#text('passportNumber', 'list.passport')}
          </div>
        </fieldset>
        <fieldset>
          <legend>${t(l, 'list.group.report')}</legend>
          <div class="row">
            ${this.#range('reportDateFrom', 'reportDateTo', 'list.reportDate')}
            ${this.#range('diagnosisDateFrom', 'diagnosisDateTo', 'list.diagnosisDate')}
          </div>
        </fieldset>
        <fieldset>
          <legend>${t(l, 'list.group.measures')}</legend>
          <div class="row">
            ${this.#select('infectionCategory', 'list.infectionCategory', labels(INFECTION_CATEGORY_LABELS))}
            ${this.#select('status', 'list.status', labels(STATUS_LABELS))}
            ${this.#select(
              'severity',
              'list.severity',
              SEVERITIES.map((s) => [s.code, s[l]]),
            )}
            ${this.#range('treatmentDateFrom', 'treatmentDateTo', 'list.treatmentDate')}
            ${this.#select('residence', 'list.residence', labels(RESIDENCE_LABELS))}
          </div>
        </fieldset>
        <div class="actions">
          <span class="muted">${t(l, 'list.sort')}</span>
          <label
            ><span class="visually-hidden">${t(l, 'list.pageSize', { n: '' })}</span>
            <select name="pageSize">
              ${PAGE_SIZES.map(
                (n) =>
                  html`<option value=${n} ?selected=${String(n) === pageSize}>
                    ${t(l, 'list.pageSize', { n })}
                  </option>`,
              )}
            </select></label
          >
          <button type="button" @click=${this.#clear}>${t(l, 'list.clear')}</button>
          <button type="submit" class="primary">${t(l, 'list.search')}</button>
        </div>
      </form>

      <div class="tabs" role="group" aria-label=${t(l, 'list.infectionCategory')}>
        ${[['', t(l, 'list.tab.all')] as [string, string], ...labels(INFECTION_CATEGORY_LABELS)].map(
          ([code, text]) =>
            html`<button
              type="button"
              aria-pressed=${category === code ? 'true' : 'false'}
              @click=${() => this.#withParam('infectionCategory', code || undefined)}
            >
              ${text}
            </button>`,
        )}
      </div>
      ${this.error ? this.#searchError() : nothing} ${this.#results()}
    `;
  }

  #results() {
    const l = this.locale;
    const r = this.result;
    if (!r) return this.loading ? html`<p role="status">${t(l, 'list.searching')}</p>` : nothing;
    const from = r.total === 0 ? 0 : (r.page - 1) * r.pageSize + 1;
    const to = (r.page - 1) * r.pageSize + r.items.length;
    const totalText = r.totalIsLowerBound
      ? t(l, 'list.totalLowerBound', { from, to })
      : t(l, 'list.total', { total: r.total.toLocaleString(), from, to });
    const lastPage = !r.totalIsLowerBound && to >= r.total;
    return html`
      <div class="table-wrap" aria-busy=${this.loading ? 'true' : 'false'}>
        <table data-testid="patient-table">
          <caption class="visually-hidden">
            ${t(l, 'list.heading')}: ${totalText}
          </caption>
          <thead>
            <tr>
              ${(
                [
                  'list.col.herSysId',
                  'list.col.localId',
                  'list.col.name',
                  'list.col.diagnosisDate',
                  'list.col.infectionCategory',
                  'list.col.status',
                  'list.col.severity',
                  'list.col.period',
                  'list.col.residence',
                  'list.col.residenceName',
                ] as const
              ).map((k) => html`<th scope="col">${t(l, k)}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${r.items.map(
              (row) =>
                html`<tr>
                  <td>${row.herSysId}</td>
                  <td>${row.localId || '-'}</td>
                  <th scope="row">
                    <a
                      href=${row.latestReportId ? `/reports/${row.latestReportId}` : `/patients/${row.herSysId}`}
                      >${row.name || '-'}</a
                    >
                  </th>
                  <td>${formatShortDate(row.diagnosisDate)}</td>
                  <td>${labelFrom(INFECTION_CATEGORY_LABELS, row.infectionCategory, l)}</td>
                  <td>${labelFrom(STATUS_LABELS, row.status, l)}</td>
                  <td>
                    ${row.severity ? (labelOf(SEVERITIES, row.severity, l) ?? row.severity) : t(l, 'list.unselected')}
                  </td>
                  <td>
                    ${row.periodStart ? `${formatShortDate(row.periodStart)}-${row.periodEnd ? formatShortDate(row.periodEnd) : ''}` : '-'}
                  </td>
                  <td>${labelFrom(RESIDENCE_LABELS, row.residence, l)}</td>
                  <td>${row.residenceName || '-'}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${r.items.length === 0 ? html`<p role="status">${t(l, 'list.none')}</p>` : nothing}
      <nav class="pager" aria-label=${t(l, 'list.page', { page: r.page })}>
        <button
          type="button"
          ?disabled=${r.page <= 1}
          @click=${() => this.#withParam('page', String(r.page - 1))}
        >
          ${t(l, 'list.prev')}
        </button>
        <span role="status">${totalText}</span>
        <button
          type="button"
          ?disabled=${lastPage}
          @click=${() => this.#withParam('page', String(r.page + 1))}
        >
          ${t(l, 'list.next')}
        </button>
      </nav>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'clinic-patients-page': ClinicPatientsPage;
  }
}
