import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import {
  INFECTION_CLASSES,
  LAB_TEST_METHODS,
  LAB_TEST_RESULTS,
  PAGE_SIZES,
  PATIENT_STATUSES,
  RECORD_SEVERITIES,
  RESIDENCE_TYPES,
  labelOf,
  normalizeKana,
  patientListQuerySchema,
  queryToSearchParams,
  searchParamsToQuery,
  type CodeEntry,
  type FacilityRef,
  type InfectionClassCode,
  type PatientListQuery,
  type PatientListResult,
  type PatientListRow,
  type PatientListSource,
  type PatientListVariant,
} from '../../schema/index.js';
import type { Locale } from '../../locales/index.js';
import { LocalizeController } from '../internal/localize.js';
import { PATIENT_STRINGS } from '../../locales/packs/patient.js';
import { emit } from '../internal/emit.js';
import { tokens } from '../internal/tokens.styles.js';
import '../id-form/patient-events.js';
import { VARIANTS, queryKeysOf, type ColumnKey, type FilterKey } from './internal/variants.js';
import { patientListStyles } from './patient-list.styles.js';
import { tabStyles } from '../internal/tabs.styles.js';

/** The host's 担当保健所 search: health centers whose name (or code) matches the text. */
export type SearchHealthCenters = (text: string) => Promise<FacilityRef[]>;

const QUERY_KEYS = Object.keys(patientListQuerySchema.shape) as (keyof PatientListQuery)[];
const FILTER_QUERY_KEYS = QUERY_KEYS.filter(
  (k) => !['page', 'pageSize', 'sort', 'variant', 'infectionClass'].includes(k),
);
const TABS: ('all' | InfectionClassCode)[] = ['all', 'infected', 'closeContact', 'omicronCloseContact'];

/**
 * 登録情報一覧 and the menu's other lists (`variant`: 旧登録情報一覧, 検査結果一覧, 発生届一覧, 健康観察一覧,
 * 入院状況一覧). The manual's filters (担当保健所 search through the host, 保健所独自ID, HER-SYS ID, フリガナ,
 * 氏名, 生年月日, 電話番号, パスポート番号, 報告年月日 and 診断年月日 ranges, 現在のステータス, 重症度, 処置日 range,
 * 居所), the 感染区分 tabs (検索結果全件 / 感染者 / 濃厚接触者 / オミクロン株濃厚接触者), sort by 期間開始日
 * (降順 by default), page size (10 by default) and the manual's columns. Rows come from the host's `source`.
 *
 * A real `<table>` with a caption, `aria-sort` on the sorted column and a live region announcing the result
 * count. Pages larger than 100 rows are windowed (only the visible rows are in the DOM; `aria-rowcount`
 * and `aria-rowindex` keep the table's size known to screen readers). With `sync-url` the query is kept in
 * the page URL (bookmarkable; back/forward restore it).
 *
 * @tagname hersys-patient-list
 * @summary 登録情報一覧: filters, tabs, paging, the manual's columns.
 * @fires hersys-open-patient - A name was activated ({ herSysId }); cancelable (prevents following `patient-href`).
 * @fires hersys-list-loaded - A query resolved ({ query, total }).
 * @csspart filters - The filter form.
 * @csspart table - The result table.
 * @cssprop --hersys-list-max-height - Height of the scrolling area of a windowed (large) page (default 70vh).
 */
export class HersysPatientList extends LitElement {
  static override styles = [tokens, tabStyles, patientListStyles];

  /** UI language (`ja` | `en`); empty means the `lang` of the element or document. */
  @property() locale: Locale | '' = '';

  /** The data source: `(query) => Promise<{ rows, total }>` (the reference server's API, or the host's own). */
  @property({ attribute: false }) source?: PatientListSource;

  /** The 担当保健所 search (保健所を検索). Without it the filter takes a code typed by hand. */
  @property({ attribute: false }) searchHealthCenters?: SearchHealthCenters;

  /** Which list screen: registered (default), legacy, tests, reports, observation, inpatients. */
  @property() variant: PatientListVariant = 'registered';

  /** Mirrors the query in the page URL (`history.pushState` on 検索, `replaceState` on paging). */
  @property({ type: Boolean, attribute: 'sync-url' }) syncUrl = false;

  /** Link target of a name: `{herSysId}` is replaced (e.g. `/patients/{herSysId}`). Without it names are buttons. */
  @property({ attribute: 'patient-href' }) patientHref = '';

  /** Pages with more rows than this are windowed. */
  @property({ type: Number, attribute: 'virtualize-above' }) virtualizeAbove = 100;

  /** The query of the rows shown (read-only from outside; set filters through the form or `search()`). */
  @state() query: PatientListQuery = {};

  @state() private filters: PatientListQuery = {};
  @state() private rows: PatientListRow[] = [];
  @state() private total = 0;
  @state() private loading = false;
  @state() private error = '';
  @state() private formErrors: Partial<Record<FilterKey, string>> = {};
  @state() private notice = '';
  @state() private hcResults: FacilityRef[] | undefined;
  @state() private hcText = '';
  @state() private hcName = '';
  @state() private listScrollTop = 0;
  @state() private viewport = 600;

  private readonly localize = new LocalizeController(this, PATIENT_STRINGS);
  private seq = 0;
  private rowHeight = 36;
  private pending: Promise<void> = Promise.resolve();
  private readonly onPopState = () => this.restoreFromUrl(false);

  /** Resolves when the current query has been rendered. */
  get loadComplete(): Promise<void> {
    return this.pending.then(() => this.updateComplete).then(() => undefined);
  }

  /** The rows of the current page (a copy). */
  get currentRows(): PatientListRow[] {
    return structuredClone(this.rows);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.syncUrl) {
      window.addEventListener('popstate', this.onPopState);
      this.restoreFromUrl(true);
    } else if (this.source) {
      void this.run({ ...this.query }, 'none');
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this.onPopState);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A source set (or replaced) after the element connected: load the current query with it.
    if (changed.has('source') && this.source && this.isConnected && changed.get('source') !== this.source) {
      if (changed.get('source') !== undefined || (this.rows.length === 0 && !this.loading)) {
        void this.run({ ...this.query }, 'none');
      }
    }
  }

  private restoreFromUrl(initial: boolean): void {
    const { query, dropped } = searchParamsToQuery(new URLSearchParams(location.search));
    this.filters = pick(query, FILTER_QUERY_KEYS);
    this.hcName = '';
    this.notice = dropped.length
      ? this.localize.t('patientList.droppedFromUrl', { names: dropped.join(', ') })
      : '';
    void this.run(query, initial ? 'replace' : 'none');
  }

  /** Applies the filter form (the 検索 button): page 1 of the new query. Resolves when shown. */
  async search(): Promise<void> {
    const errors = this.checkFilters();
    this.formErrors = errors;
    if (Object.keys(errors).length) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('form [aria-invalid=true]')?.focus();
      return;
    }
    const q: PatientListQuery = {
      ...pick(this.query, ['infectionClass', 'sort', 'pageSize']),
      ...clean(this.filters),
      page: 1,
    };
    await this.run(q, 'push');
  }

  /** Shows a page of the current query. */
  async goToPage(page: number): Promise<void> {
    await this.run({ ...this.query, page }, 'replace');
    this.renderRoot.querySelector<HTMLElement>('.scroller')?.scrollTo({ top: 0 });
  }

  /** Runs the current query again (e.g. after an edit elsewhere). */
  async reload(): Promise<void> {
    await this.run({ ...this.query }, 'none');
  }

  private checkFilters(): Partial<Record<FilterKey, string>> {
    const t = this.localize.t;
    const errors: Partial<Record<FilterKey, string>> = {};
    const f = this.filters;
    for (const key of ['reportDate', 'diagnosisDate', 'treatmentDate'] as const) {
      const [fromKey, toKey] = queryKeysOf(key) as [keyof PatientListQuery, keyof PatientListQuery];
      const from = f[fromKey] as string | undefined;
      const to = f[toKey] as string | undefined;
      if (from && to && from > to) errors[key] = t('patientList.rangeReversed');
    }
    return errors;
  }

  private async run(query: PatientListQuery, history: 'push' | 'replace' | 'none'): Promise<void> {
    const q = clean({ ...query, variant: this.variant === 'registered' ? undefined : this.variant });
    if (q.kana) q.kana = normalizeKana(q.kana);
    if (q.phone) q.phone = q.phone.normalize('NFKC').replace(/\D/g, '');
    this.query = q;
    if (this.syncUrl && history !== 'none') this.writeUrl(q, history);
    if (!this.source) {
      this.error = this.localize.t('patientList.noSource');
      return;
    }
    const seq = ++this.seq;
    this.loading = true;
    this.error = '';
    const source = this.source;
    const job = (async () => {
      let result: PatientListResult;
      try {
        result = await source({
          ...q,
          page: q.page ?? 1,
          pageSize: q.pageSize ?? 10,
          sort: q.sort ?? 'periodStartDesc',
        });
      } catch (err) {
        if (seq !== this.seq) return;
        this.loading = false;
        this.error = this.localize.t('patientList.error', {
          message: err instanceof Error ? err.message : String(err),
        });
        return;
      }
      if (seq !== this.seq) return;
      this.rows = result.rows ?? [];
      this.total = result.total ?? this.rows.length;
      this.loading = false;
      this.listScrollTop = 0;
      emit(this, 'hersys-list-loaded', { query: structuredClone(q), total: this.total });
    })();
    this.pending = job;
    await job;
    await this.updateComplete;
  }

  private writeUrl(q: PatientListQuery, mode: 'push' | 'replace'): void {
    const params = new URLSearchParams(location.search);
    for (const key of QUERY_KEYS) params.delete(key);
    for (const [k, v] of queryToSearchParams(q)) if (k !== 'variant') params.set(k, v);
    const search = params.toString();
    const url = `${location.pathname}${search ? `?${search}` : ''}${location.hash}`;
    if (url === `${location.pathname}${location.search}${location.hash}`) return;
    if (mode === 'push') history.pushState(history.state, '', url);
    else history.replaceState(history.state, '', url);
  }

  private setFilter(key: keyof PatientListQuery, value: string): void {
    const next = { ...this.filters } as Record<string, unknown>;
    if (value === '') delete next[key];
    else next[key] = value;
    this.filters = next as PatientListQuery;
  }

  private async findHealthCenters(): Promise<void> {
    if (!this.searchHealthCenters) return;
    try {
      this.hcResults = await this.searchHealthCenters(this.hcText.trim());
    } catch {
      this.hcResults = [];
    }
  }

  private pickHealthCenter(hc: FacilityRef): void {
    this.setFilter('healthCenter', hc.code);
    this.hcName = hc.name;
    this.hcResults = undefined;
    this.hcText = '';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.chip button')?.focus());
  }

  // ---- rendering ----

  protected override render(): TemplateResult {
    const t = this.localize.t;
    const spec = VARIANTS[this.variant] ?? VARIANTS.registered;
    const title = t(`patientList.titles.${this.variant}`);
    return html`<h2 id="title">${title}</h2>
      ${this.renderFilters(spec.groups)}
      ${this.notice ? html`<p class="error" role="status">${this.notice}</p>` : nothing}
      ${spec.tabs ? this.renderTabs() : nothing} ${this.renderTable(spec.columns, title)}`;
  }

  private renderFilters(groups: (typeof VARIANTS)['registered']['groups']): TemplateResult {
    const t = this.localize.t;
    const q = this.query;
    return html`<form
      part="filters"
      aria-labelledby="filters-title"
      @submit=${(e: Event) => {
        e.preventDefault();
        void this.search();
      }}
    >
      <h3 id="filters-title" class="visually-hidden">${t('patientList.filters')}</h3>
      ${groups.map(
        (g) =>
          html`<fieldset>
            <legend>${t(`patientList.groups.${g.key}`)}</legend>
            ${g.filters.map((f) => this.renderFilter(f))}
          </fieldset>`,
      )}
      <div class="bar">
        <div class="field">
          <label for="f-sort">${t('patientList.sort')}</label>
          <select
            id="f-sort"
            @change=${(e: Event) =>
              void this.run(
                { ...q, sort: (e.target as HTMLSelectElement).value as PatientListQuery['sort'], page: 1 },
                'replace',
              )}
          >
            ${(['periodStartDesc', 'periodStartAsc', 'diagnosisDateDesc', 'herSysIdAsc'] as const).map(
              (s) =>
                html`<option value=${s} ?selected=${(q.sort ?? 'periodStartDesc') === s}>
                  ${t(`patientList.sorts.${s}`)}
                </option>`,
            )}
          </select>
        </div>
        <div class="field">
          <label for="f-pageSize">${t('patientList.pageSize')}</label>
          <select
            id="f-pageSize"
            @change=${(e: Event) =>
              void this.run(
                { ...q, pageSize: Number((e.target as HTMLSelectElement).value), page: 1 },
                'replace',
              )}
          >
            ${PAGE_SIZES.map(
              (n) =>
                html`<option value=${n} ?selected=${(q.pageSize ?? 10) === n}>
                  ${t('patientList.pageSizeOption', { count: n })}
                </option>`,
            )}
          </select>
        </div>
        <button
          type="button"
          @click=${() => {
            this.filters = {};
            this.hcName = '';
            this.formErrors = {};
          }}
        >
          ${t('patientList.clear')}
        </button>
        <button type="submit" class="primary">${t('patientList.search')}</button>
      </div>
    </form>`;
  }

  private codeSelect(
    key: 'status' | 'severity' | 'residence',
    options: readonly CodeEntry[],
  ): TemplateResult {
    const t = this.localize.t;
    const value = (this.filters[key] as string | undefined) ?? '';
    return html`<div class="field">
      <label for=${`f-${key}`}>${t(`patientList.${key}`)}</label>
      <select
        id=${`f-${key}`}
        @change=${(e: Event) => this.setFilter(key, (e.target as HTMLSelectElement).value)}
      >
        <option value="" ?selected=${value === ''}>${t('patientList.any')}</option>
        ${options.map((o) => html`<option value=${o.code} ?selected=${value === o.code}>${o[this.localize.locale]}</option>`)}
      </select>
    </div>`;
  }

  private renderFilter(f: FilterKey): TemplateResult {
    const t = this.localize.t;
    switch (f) {
      case 'healthCenter':
        return this.renderHealthCenter();
      case 'status':
        return this.codeSelect('status', PATIENT_STATUSES);
      case 'severity':
        return this.codeSelect('severity', RECORD_SEVERITIES);
      case 'residence':
        return this.codeSelect('residence', RESIDENCE_TYPES);
      case 'reportDate':
      case 'diagnosisDate':
      case 'treatmentDate': {
        const [fromKey, toKey] = queryKeysOf(f);
        const label = t(`patientList.${f}`);
        const err = this.formErrors[f];
        const input = (key: keyof PatientListQuery, text: string) =>
          html`<div class="field">
            <label for=${`f-${key}`}>${text}</label>
            <input
              id=${`f-${key}`}
              type="date"
              .value=${live((this.filters[key] as string | undefined) ?? '')}
              aria-invalid=${err ? 'true' : 'false'}
              aria-describedby=${err ? `f-${f}-error` : nothing}
              @input=${(e: Event) => this.setFilter(key, (e.target as HTMLInputElement).value)}
            />
          </div>`;
        return html`<div class="range" role="group" aria-label=${label}>
          ${input(fromKey!, t('patientList.from', { label }))} <span aria-hidden="true">〜</span>
          ${input(toKey!, t('patientList.to', { label }))}
          ${err ? html`<p class="error" id=${`f-${f}-error`}>${err}</p>` : nothing}
        </div>`;
      }
      default: {
        const key = f as keyof PatientListQuery;
        return html`<div class="field">
          <label for=${`f-${key}`}>${t(`patientList.${f}`)}</label>
          <input
            id=${`f-${key}`}
            type=${f === 'dateOfBirth' ? 'date' : f === 'phone' ? 'tel' : 'text'}
            autocomplete="off"
            .value=${live((this.filters[key] as string | undefined) ?? '')}
            @input=${(e: Event) => this.setFilter(key, (e.target as HTMLInputElement).value)}
          />
        </div>`;
      }
    }
  }

  private renderHealthCenter(): TemplateResult {
    const t = this.localize.t;
    const code = this.filters.healthCenter;
    if (code) {
      return html`<div class="field">
        <span id="hc-label">${t('patientList.healthCenter')}</span>
        <span class="chip" role="group" aria-labelledby="hc-label"
          >${this.hcName || code}<button
            type="button"
            aria-label=${t('patientList.healthCenterClear')}
            @click=${() => {
              this.setFilter('healthCenter', '');
              this.hcName = '';
            }}
          >
            ×
          </button></span
        >
      </div>`;
    }
    if (!this.searchHealthCenters) {
      return html`<div class="field">
        <label for="f-healthCenter">${t('patientList.healthCenter')}</label>
        <input
          id="f-healthCenter"
          .value=${live(this.filters.healthCenter ?? '')}
          @input=${(e: Event) => this.setFilter('healthCenter', (e.target as HTMLInputElement).value)}
        />
      </div>`;
    }
    return html`<div class="field">
      <label for="f-healthCenter">${t('patientList.healthCenter')}</label>
      <div class="range">
        <input
          id="f-healthCenter"
          .value=${live(this.hcText)}
          @input=${(e: Event) => (this.hcText = (e.target as HTMLInputElement).value)}
          @keydown=${(e: KeyboardEvent) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void this.findHealthCenters();
            }
          }}
        />
        <button type="button" @click=${() => void this.findHealthCenters()}>
          ${t('patientList.healthCenterSearch')}
        </button>
      </div>
      ${
        this.hcResults
          ? this.hcResults.length
            ? html`<ul class="hc-results" aria-label=${t('patientList.healthCenterSearch')}>
                ${this.hcResults.map(
                  (hc) =>
                    html`<li>
                      <button type="button" @click=${() => this.pickHealthCenter(hc)}>${hc.name}</button>
                    </li>`,
                )}
              </ul>`
            : html`<p role="status">${t('patientList.healthCenterNone')}</p>`
          : nothing
      }
    </div>`;
  }

  private renderTabs(): TemplateResult {
    const t = this.localize.t;
    const current = this.query.infectionClass ?? 'all';
    const select = (tab: (typeof TABS)[number], focus: boolean) => {
      void this.run({ ...this.query, infectionClass: tab === 'all' ? undefined : tab, page: 1 }, 'replace');
      if (focus)
        void this.updateComplete.then(() =>
          this.renderRoot.querySelector<HTMLElement>(`#ltab-${tab}`)?.focus(),
        );
    };
    return html`<div
      role="tablist"
      aria-label=${t('patientList.tabsLabel')}
      @keydown=${(e: KeyboardEvent) => {
        const i = TABS.indexOf(current);
        const next =
          e.key === 'ArrowRight'
            ? (i + 1) % TABS.length
            : e.key === 'ArrowLeft'
              ? (i + TABS.length - 1) % TABS.length
              : e.key === 'Home'
                ? 0
                : e.key === 'End'
                  ? TABS.length - 1
                  : -1;
        if (next < 0) return;
        e.preventDefault();
        select(TABS[next]!, true);
      }}
    >
      ${TABS.map(
        (tab) =>
          html`<button
            type="button"
            role="tab"
            id=${`ltab-${tab}`}
            aria-selected=${current === tab ? 'true' : 'false'}
            aria-controls="results"
            tabindex=${current === tab ? '0' : '-1'}
            @click=${() => select(tab, false)}
          >
            ${t(`patientList.tabs.${tab}`)}
          </button>`,
      )}
    </div>`;
  }

  private cell(row: PatientListRow, key: ColumnKey): TemplateResult | string {
    const locale = this.localize.locale;
    const date = (d: string | undefined) => (d ? d.replaceAll('-', '/') : '-');
    const code = (list: readonly CodeEntry[], v: string | undefined) =>
      v ? (labelOf(list, v, locale) ?? v) : '-';
    switch (key) {
      case 'name': {
        const open = (e: Event) => {
          const go = emit(this, 'hersys-open-patient', { herSysId: row.herSysId }, { cancelable: true });
          if (!go || !this.patientHref) e.preventDefault();
        };
        return this.patientHref
          ? html`<a
              class="name"
              href=${this.patientHref.replace('{herSysId}', encodeURIComponent(row.herSysId))}
              @click=${open}
              >${row.name}</a
            >`
          : html`<button type="button" class="name" @click=${open}>${row.name}</button>`;
      }
      case 'period':
        return row.periodStart ? `${date(row.periodStart)}-${row.periodEnd ? date(row.periodEnd) : ''}` : '-';
      case 'infectionClass':
        return code(INFECTION_CLASSES, row.infectionClass);
      case 'status':
        return code(PATIENT_STATUSES, row.status);
      case 'severity':
        return code(RECORD_SEVERITIES, row.severity ?? 'unselected');
      case 'residence':
        return code(RESIDENCE_TYPES, row.residence ?? 'unknown');
      case 'testMethod':
        return code(LAB_TEST_METHODS, row.testMethod);
      case 'testResult':
        return code(LAB_TEST_RESULTS, row.testResult);
      case 'diagnosisDate':
      case 'reportDate':
      case 'testDate':
      case 'admissionDate':
      case 'dischargeDate':
      case 'lastObservationDate':
      case 'dateOfBirth':
        return date(row[key]);
      case 'lastTemperature':
        return row.lastTemperature === undefined ? '-' : `${row.lastTemperature.toFixed(1)}℃`;
      case 'lastSpo2':
        return row.lastSpo2 === undefined ? '-' : `${row.lastSpo2}%`;
      default:
        return (row[key] as string | undefined) || '-';
    }
  }

  private renderTable(columns: ColumnKey[], title: string): TemplateResult {
    const t = this.localize.t;
    const q = this.query;
    const page = q.page ?? 1;
    const size = q.pageSize ?? 10;
    const pages = Math.max(1, Math.ceil(this.total / size));
    const from = this.total === 0 ? 0 : (page - 1) * size + 1;
    const to = Math.min(this.total, (page - 1) * size + this.rows.length);
    const caption = this.total
      ? t('patientList.caption', { title, total: this.total, from, to })
      : t('patientList.captionEmpty', { title });
    const sort = q.sort ?? 'periodStartDesc';
    const periodSort =
      sort === 'periodStartDesc' ? 'descending' : sort === 'periodStartAsc' ? 'ascending' : undefined;
    const virtual = this.rows.length > this.virtualizeAbove;
    let start = 0;
    let end = this.rows.length;
    if (virtual) {
      const overscan = 10;
      start = Math.max(0, Math.floor(this.listScrollTop / this.rowHeight) - overscan);
      end = Math.min(this.rows.length, start + Math.ceil(this.viewport / this.rowHeight) + overscan * 2);
    }
    const live = this.loading
      ? t('patientList.loading')
      : this.error
        ? ''
        : this.total
          ? t('patientList.results', { total: this.total, from, to })
          : t('patientList.noResults');
    return html`<p class="visually-hidden" role="status" aria-live="polite" id="live">${live}</p>
      ${
        this.error
          ? html`<p class="error" role="alert">
              ${this.error}
              ${this.source ? html`<button type="button" @click=${() => void this.reload()}>${t('patientList.retry')}</button>` : nothing}
            </p>`
          : nothing
      }
      <div
        class="scroller ${virtual ? 'virtual' : ''}"
        id="results"
        tabindex=${virtual ? '0' : nothing}
        role=${virtual ? 'region' : nothing}
        aria-label=${virtual ? caption : nothing}
        @scroll=${virtual ? (e: Event) => this.onScroll(e) : nothing}
      >
        <table
          part="table"
          aria-rowcount=${this.rows.length + 1}
          aria-busy=${this.loading ? 'true' : 'false'}
        >
          <caption>
            ${caption}
          </caption>
          <thead>
            <tr aria-rowindex="1">
              ${columns.map((c) =>
                c === 'period'
                  ? html`<th scope="col" aria-sort=${periodSort ?? 'none'}>
                      <button
                        type="button"
                        class="sort"
                        @click=${() =>
                          void this.run(
                            {
                              ...q,
                              sort: sort === 'periodStartDesc' ? 'periodStartAsc' : 'periodStartDesc',
                              page: 1,
                            },
                            'replace',
                          )}
                      >
                        ${t('patientList.columns.period')}<span aria-hidden="true"
                          >${periodSort === 'descending' ? ' ▼' : periodSort === 'ascending' ? ' ▲' : ''}</span
                        >
                      </button>
                    </th>`
                  : html`<th scope="col">${t(`patientList.columns.${c}`)}</th>`,
              )}
            </tr>
          </thead>
          <tbody>
            ${
              virtual && start > 0
                ? html`<tr class="spacer" aria-hidden="true">
                    <td colspan=${columns.length} style=${`height:${start * this.rowHeight}px`}></td>
                  </tr>`
                : nothing
            }
            ${this.rows.slice(start, end).map(
              (row, i) =>
                html`<tr aria-rowindex=${start + i + 2} data-her-sys-id=${row.herSysId}>
                  ${columns.map((c) => (c === 'name' ? html`<th scope="row">${this.cell(row, c)}</th>` : html`<td>${this.cell(row, c)}</td>`))}
                </tr>`,
            )}
            ${
              virtual && end < this.rows.length
                ? html`<tr class="spacer" aria-hidden="true">
                    <td
                      colspan=${columns.length}
                      style=${`height:${(this.rows.length - end) * this.rowHeight}px`}
                    ></td>
                  </tr>`
                : nothing
            }
          </tbody>
        </table>
      </div>
      ${
        pages > 1
          ? html`<nav class="pages" aria-label=${t('patientList.pagination')}>
              <button
                type="button"
                ?disabled=${page <= 1 || this.loading}
                @click=${() => void this.goToPage(page - 1)}
              >
                ${t('patientList.prev')}
              </button>
              <span aria-current="page">${t('patientList.pageOf', { page, pages })}</span>
              <button
                type="button"
                ?disabled=${page >= pages || this.loading}
                @click=${() => void this.goToPage(page + 1)}
              >
                ${t('patientList.next')}
              </button>
            </nav>`
          : nothing
      }`;
  }

  private onScroll(e: Event): void {
    const el = e.target as HTMLElement;
    const top = el.scrollTop;
    const height = el.clientHeight;
    requestAnimationFrame(() => {
      this.listScrollTop = top;
      this.viewport = height || this.viewport;
    });
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const first = this.renderRoot.querySelector<HTMLElement>('tbody tr[aria-rowindex]');
    if (first && first.offsetHeight > 0) this.rowHeight = first.offsetHeight;
    const scroller = this.renderRoot.querySelector<HTMLElement>('.scroller.virtual');
    if (scroller && scroller.clientHeight && scroller.clientHeight !== this.viewport) {
      const height = scroller.clientHeight;
      requestAnimationFrame(() => (this.viewport = height));
    }
  }
}

function pick<T extends object>(q: T, keys: readonly string[]): T {
  const out: Record<string, unknown> = {};
  for (const k of keys)
    if ((q as Record<string, unknown>)[k] !== undefined) out[k] = (q as Record<string, unknown>)[k];
  return out as T;
}

function clean(q: PatientListQuery): PatientListQuery {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || v === null) continue;
    if (typeof v === 'string' && v.trim() === '') continue;
    out[k] = typeof v === 'string' ? v.trim() : v;
  }
  return out as PatientListQuery;
}
