import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import {
  INFECTION_CLASSES,
  PATIENT_STATUSES,
  PERSON_SEXES,
  PREFECTURES,
  RISK_FACTORS,
  YES_NO_UNKNOWN,
  ageAtDiagnosis,
  countryName,
  diffSection,
  labelOf,
  localToday,
  mergeSection,
  newRowId,
  sameValue,
  personDisplayName,
  sectionOf,
  validateSection,
  withSection,
  type CodeEntry,
  type DiffEntry,
  type Issue,
  type PatientRecord,
  type Person,
  type RecordReport,
  type RecordSection,
  type RecordSectionData,
} from '../../schema/index.js';
import type { Locale } from '../../locales/index.js';
import { LocalizeController } from '../internal/localize.js';
import { PATIENT_STRINGS } from '../../locales/packs/patient.js';
import { REPORT_SUMMARY_STRINGS } from '../../locales/packs/summary.js';
import { emit } from '../internal/emit.js';
import { tokens } from '../internal/tokens.styles.js';
import { PersonEditor, personEditorStyles } from '../id-form/internal/person-editor.js';
import { defaultPostalLookup, type PostalLookup } from '../postal/postal-lookup.js';
import { summarize } from '../report-flow/summary.js';
import type { ReportAction } from '../id-form/patient-events.js';
import '../id-form/patient-events.js';
import { ROW_TABLES, optionsOf, type ColumnSpec } from './internal/sections.js';
import { patientRecordStyles } from './patient-record.styles.js';
import { tabStyles } from '../internal/tabs.styles.js';

/** The tabs of the record, in the manual's order. */
export const RECORD_TABS = [
  'reports',
  'identity',
  'basicInfo',
  'tests',
  'residences',
  'activities',
  'healthObservation',
  'medical',
  'notes',
] as const;
export type RecordTab = (typeof RECORD_TABS)[number];

/** What the host's `save` resolves to: the record's new version (or an object carrying it). */
export type SaveResult = number | { version: number };

/**
 * The host's save of one section with optimistic concurrency: resolve to the new version, or reject with
 * a conflict `{ current }` (the server's current record) when `version` is stale.
 */
export type SaveSection = <S extends RecordSection>(
  section: S,
  data: RecordSectionData[S],
  version: number,
) => Promise<SaveResult>;

/** A save rejected because someone else saved first: carries the server's current record. */
export class RecordConflictError extends Error {
  constructor(readonly current: PatientRecord) {
    super('version conflict');
    this.name = 'RecordConflictError';
  }
}

function conflictOf(err: unknown): PatientRecord | undefined {
  if (err && typeof err === 'object' && 'current' in err) {
    const current = (err as { current: unknown }).current;
    if (current && typeof current === 'object' && 'herSysId' in current) return current as PatientRecord;
  }
  return undefined;
}

interface ConflictState {
  section: RecordSection;
  current: PatientRecord;
  base: unknown;
  mine: unknown;
  theirs: unknown;
  diff: DiffEntry[];
  choices: Record<string, 'mine' | 'theirs'>;
}

type Status = { kind: 'saved' | 'error' | 'info'; text: string };

/**
 * The patient record (閲覧・編集): the header (HER-SYS ID, 患者名, 性別, 年齢, 住所, 現在のステータス,
 * My HER-SYS健康調査) and the tabs 発生届, ID管理, 基礎情報, 検査, 居所, 行動歴, 健康観察, 医療, 記録
 * (ARIA tabs: arrow keys, Home, End). Every tab but 発生届 is an editor of its section; 保存 validates and
 * calls the host's `save(section, data, version)`. A stale save (someone saved first) is never
 * overwritten: the tab shows each differing field (their value, yours) and the user picks per field.
 *
 * The 発生届 tab shows the record's reports read-only with the operation menu at the top and bottom
 * (編集, コピーして追加登録, 追加登録, 削除 after a confirmation with the report date, PDF（印刷用）,
 * HER-SYS ID印字); each operation is a `hersys-report-action` event the host handles.
 *
 * @tagname hersys-patient-record
 * @summary 閲覧・編集: the record's header and tabs, each a real editor.
 * @fires hersys-section-saved - A section was saved ({ herSysId, section, version, merged }).
 * @fires hersys-report-action - An operation of the 発生届 tab ({ action, reportId, herSysId, printHerSysId }).
 * @csspart header - The record header.
 * @csspart tabs - The tab list.
 * @csspart panel - The active tab panel.
 */
export class HersysPatientRecord extends LitElement {
  static override styles = [tokens, personEditorStyles, tabStyles, patientRecordStyles];

  /** UI language (`ja` | `en`); empty means the `lang` of the element or document. */
  @property() locale: Locale | '' = '';

  /** The record shown. Setting it discards unsaved edits of sections that changed. */
  @property({ attribute: false }) record?: PatientRecord;

  /** The active tab (reflected as the `tab` attribute). */
  @property({ reflect: true }) tab: RecordTab = 'reports';

  /** The host's save function (see {@link SaveSection}). */
  @property({ attribute: false }) save?: SaveSection;

  /** Shows the record without editing (no 保存, 追加, 削除). */
  @property({ type: Boolean, reflect: true }) readonly = false;

  /** Today's date (ISO) for ages and future-date checks; defaults to the local date. */
  @property() today = '';

  /** Postal-code lookup of the ID管理 tab. */
  @property({ attribute: false }) postalLookup: PostalLookup = defaultPostalLookup;

  @state() private drafts = new Map<RecordSection, unknown>();
  @state() private shownIssues = new Set<RecordSection>();
  @state() private saving: RecordSection | '' = '';
  @state() private statuses = new Map<RecordSection | 'reports', Status>();
  @state() private conflict?: ConflictState;
  @state() private selectedReport = '';
  @state() private printHerSysId = false;
  @state() private deleteTarget?: RecordReport;

  private bases = new Map<RecordSection, unknown>();
  private readonly localize = new LocalizeController(this, PATIENT_STRINGS, REPORT_SUMMARY_STRINGS);
  private readonly identity = new PersonEditor(this, 'rec', (value) => this.setDraft('identity', value));

  private get todayIso(): string {
    return this.today || localToday();
  }

  /** Whether a section has unsaved edits. */
  isDirty(section: RecordSection): boolean {
    return this.drafts.has(section);
  }

  /** The data a section shows: the unsaved edit, else the record's. */
  sectionData<S extends RecordSection>(section: S): RecordSectionData[S] {
    if (this.drafts.has(section)) return this.drafts.get(section) as RecordSectionData[S];
    return this.record
      ? sectionOf(this.record, section)
      : (sectionOf(EMPTY, section) as RecordSectionData[S]);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('record')) {
      const old = changed.get('record') as PatientRecord | undefined;
      if (!old || !this.record || old.herSysId !== this.record.herSysId) {
        this.drafts = new Map();
        this.bases.clear();
        this.conflict = undefined;
      }
      if (!this.drafts.has('identity')) this.identity.setValue(this.record?.person ?? {});
    }
    if (changed.has('postalLookup')) this.identity.postalLookup = this.postalLookup;
    if (changed.has('today')) this.identity.today = this.today || undefined;
  }

  private setDraft(section: RecordSection, data: unknown): void {
    if (!this.record) return;
    if (!this.bases.has(section)) this.bases.set(section, sectionOf(this.record, section));
    const drafts = new Map(this.drafts);
    // Back to what was loaded (or a blur that only re-formatted): no unsaved edit.
    if (sameValue(data, this.bases.get(section)) && !this.mergedSections.has(section)) {
      drafts.delete(section);
      this.bases.delete(section);
    } else {
      drafts.set(section, data);
    }
    this.drafts = drafts;
    this.statuses.delete(section);
  }

  private discard(section: RecordSection): void {
    for (const key of [...this.rawNumbers.keys()])
      if (key.startsWith(`${section}:`)) this.rawNumbers.delete(key);
    const drafts = new Map(this.drafts);
    drafts.delete(section);
    this.drafts = drafts;
    this.bases.delete(section);
    this.shownIssues.delete(section);
    this.statuses.delete(section);
    if (section === 'identity') this.identity.setValue(this.record?.person ?? {});
    if (this.conflict?.section === section) this.conflict = undefined;
  }

  private status(section: RecordSection | 'reports', status: Status | undefined): void {
    const next = new Map(this.statuses);
    if (status) next.set(section, status);
    else next.delete(section);
    this.statuses = next;
  }

  /** Validates and saves a section (the 保存 button). Resolves `true` when saved. */
  async saveSection(section: RecordSection): Promise<boolean> {
    const t = this.localize.t;
    if (!this.record || this.saving) return false;
    const data = this.sectionData(section);
    const errors = this.issues(section, true).filter((i) => i.severity === 'error');
    if (section === 'identity') {
      errors.push(
        ...this.identity
          .issues()
          .filter((i) => i.severity === 'error' && !errors.some((e) => e.path === i.path)),
      );
      this.identity.showAll = true;
    }
    if (errors.length) {
      this.shownIssues = new Set(this.shownIssues).add(section);
      this.status(section, { kind: 'error', text: t('record.fixErrors', { count: errors.length }) });
      await this.updateComplete;
      this.focusInvalid();
      return false;
    }
    if (!this.save) {
      this.status(section, { kind: 'error', text: t('record.noSave') });
      return false;
    }
    this.saving = section;
    const merged = this.bases.get(section) !== undefined && this.mergedSections.has(section);
    try {
      const result = await this.save(section, structuredClone(data), this.record.version);
      const version = typeof result === 'number' ? result : result.version;
      const next = withSection(this.record, section, data as RecordSectionData[typeof section]);
      next.version = version;
      this.record = next;
      this.discard(section);
      this.mergedSections.delete(section);
      this.status(section, { kind: 'saved', text: t('record.saved') });
      emit(this, 'hersys-section-saved', { herSysId: next.herSysId, section, version, merged });
      return true;
    } catch (err) {
      const current = conflictOf(err);
      if (current) {
        this.openConflict(section, current, data);
      } else {
        this.status(section, {
          kind: 'error',
          text: t('record.saveFailed', { message: err instanceof Error ? err.message : String(err) }),
        });
      }
      return false;
    } finally {
      this.saving = '';
    }
  }

  private mergedSections = new Set<RecordSection>();

  /** Number fields whose text is not a number: kept as typed (never lost), reported as number.invalid. */
  private rawNumbers = new Map<string, string>();

  /** Reads a typed number (full-width digits allowed); `undefined` for '' and NaN for unreadable text. */
  private static parseNumber(raw: string): number | undefined {
    const text = raw.normalize('NFKC').trim();
    if (text === '') return undefined;
    return /^[-+]?\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
  }

  private onNumberInput(
    section: RecordSection,
    path: string,
    raw: string,
    apply: (n: number | undefined) => void,
  ): void {
    const key = `${section}:${path}`;
    const n = HersysPatientRecord.parseNumber(raw);
    if (n !== undefined && Number.isNaN(n)) {
      this.rawNumbers.set(key, raw);
      apply(undefined);
    } else {
      this.rawNumbers.delete(key);
      apply(n);
    }
    this.requestUpdate();
  }

  private openConflict(section: RecordSection, current: PatientRecord, mine: unknown): void {
    const base = this.bases.get(section) ?? (this.record ? sectionOf(this.record, section) : undefined);
    const theirs = sectionOf(current, section);
    const diff = diffSection(base, mine, theirs);
    this.status(section, undefined);
    if (diff.length === 0) {
      // They saved exactly what the user has: nothing to merge.
      this.record = current;
      this.discard(section);
      return;
    }
    this.conflict = {
      section,
      current,
      base,
      mine,
      theirs,
      diff,
      choices: Object.fromEntries(diff.map((d) => [d.path, d.suggested])),
    };
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>('#conflict-title')?.focus(),
    );
  }

  private async saveMerged(): Promise<void> {
    const c = this.conflict;
    if (!c) return;
    const merged = mergeSection(c.base, c.mine, c.theirs, c.choices);
    this.record = c.current;
    this.bases.set(c.section, c.theirs);
    const drafts = new Map(this.drafts);
    drafts.set(c.section, merged);
    this.drafts = drafts;
    if (c.section === 'identity') this.identity.setValue(merged as Person);
    this.conflict = undefined;
    this.mergedSections.add(c.section);
    await this.saveSection(c.section);
  }

  private discardMine(): void {
    const c = this.conflict;
    if (!c) return;
    this.record = c.current;
    this.discard(c.section);
  }

  private focusInvalid(): void {
    const el = this.renderRoot.querySelector<HTMLElement>('[role=tabpanel] [aria-invalid=true]');
    el?.focus();
  }

  // ---- tabs ----

  private selectTab(tab: RecordTab, focus = false): void {
    this.tab = tab;
    if (focus) {
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${tab}`)?.focus());
    }
  }

  private onTabKey(e: KeyboardEvent): void {
    const i = RECORD_TABS.indexOf(this.tab);
    let next = -1;
    if (e.key === 'ArrowRight') next = (i + 1) % RECORD_TABS.length;
    else if (e.key === 'ArrowLeft') next = (i - 1 + RECORD_TABS.length) % RECORD_TABS.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = RECORD_TABS.length - 1;
    if (next < 0) return;
    e.preventDefault();
    this.selectTab(RECORD_TABS[next]!, true);
  }

  protected override render(): TemplateResult {
    const t = this.localize.t;
    if (!this.record) return html`<p>${t('record.empty')}</p>`;
    return html`${this.renderHeader(this.record)}
      <div role="tablist" part="tabs" aria-label=${t('record.tabsLabel')} @keydown=${this.onTabKey}>
        ${RECORD_TABS.map(
          (tab) =>
            html`<button
              type="button"
              role="tab"
              id=${`tab-${tab}`}
              aria-selected=${this.tab === tab ? 'true' : 'false'}
              aria-controls="panel"
              tabindex=${this.tab === tab ? '0' : '-1'}
              @click=${() => this.selectTab(tab)}
            >
              ${t(`record.tabs.${tab}`)}${
                tab !== 'reports' && this.drafts.has(tab)
                  ? html`<span class="dirty" aria-hidden="true">●</span>`
                  : nothing
              }
            </button>`,
        )}
      </div>
      <div role="tabpanel" id="panel" part="panel" aria-labelledby=${`tab-${this.tab}`} tabindex="0">
        ${this.renderPanel()}
      </div>
      ${this.renderDeleteDialog()}`;
  }

  private renderHeader(r: PatientRecord): TemplateResult {
    const t = this.localize.t;
    const locale = this.localize.locale;
    const p = r.person;
    const age = p.dateOfBirth ? ageAtDiagnosis(p.dateOfBirth, this.todayIso) : undefined;
    const ageText = p.dateOfBirthPrivate
      ? t('record.private')
      : age
        ? age.years === 0
          ? t('record.ageInfant', { years: 0, months: age.months })
          : t('record.ageValue', { years: age.years })
        : t('record.empty');
    const sex = p.sexPrivate
      ? t('record.private')
      : (labelOf(PERSON_SEXES, p.sex ?? 'unknown', locale) ?? '');
    const address =
      `${labelOf(PREFECTURES, p.prefectureCode, locale) ?? ''}${p.city ?? ''}` || t('record.empty');
    const item = (label: string, value: string, cls = '') =>
      html`<div class=${cls}>
        <dt>${label}</dt>
        <dd>${value}</dd>
      </div>`;
    return html`<dl class="header" part="header" aria-label=${t('record.label')}>
      ${item(t('record.herSysId'), r.herSysId, 'id')}
      ${item(t('record.patientName'), personDisplayName(p) || t('record.empty'))}
      ${item(t('record.sex'), sex)} ${item(t('record.age'), ageText)} ${item(t('record.address'), address)}
      ${item(t('record.status'), labelOf(PATIENT_STATUSES, r.status ?? 'unspecified', locale) ?? '')}
      ${item(t('record.infectionClass'), labelOf(INFECTION_CLASSES, r.infectionClass, locale) ?? t('record.empty'))}
      ${item(t('record.myHerSys'), r.myHerSys ? t('record.yes') : t('record.no'))}
    </dl>`;
  }

  private renderPanel(): TemplateResult {
    switch (this.tab) {
      case 'reports':
        return this.renderReports();
      case 'identity':
        return this.renderSection('identity', () =>
          this.identity.render(this.localize.t, this.localize.locale, { disabled: this.readonly }),
        );
      case 'basicInfo':
        return this.renderSection('basicInfo', () => this.renderBasicInfo());
      case 'tests':
      case 'residences':
      case 'activities':
        return this.renderSection(this.tab, () => this.renderRows(this.tab as 'tests', ''));
      case 'healthObservation':
        return this.renderSection('healthObservation', () => this.renderObservation());
      case 'medical':
        return html`${this.renderSection('measures', () => this.renderMeasures())}
        ${this.renderSection(
          'medical',
          () => html`${this.renderRows('medical', 'admissions')}${this.renderRows('medical', 'severities')}`,
        )}`;
      case 'notes':
        return this.renderSection('notes', () => html`${this.renderRows('notes', '')}${this.renderAudit()}`);
      default:
        return html``;
    }
  }

  private renderSection(section: RecordSection, body: () => TemplateResult): TemplateResult {
    const t = this.localize.t;
    const status = this.statuses.get(section);
    const dirty = this.drafts.has(section);
    return html`<h3>${t(`record.tabs.${section}`)}</h3>
      ${this.conflict?.section === section ? this.renderConflict(this.conflict) : nothing} ${body()}
      ${
        this.readonly
          ? html`<p class="status">${t('record.readOnly')}</p>`
          : html`<div class="toolbar">
              <button
                type="button"
                class="primary"
                aria-label=${`${t('record.save')}: ${t(`record.tabs.${section}`)}`}
                ?disabled=${this.saving !== '' || !!this.conflict}
                aria-busy=${this.saving === section ? 'true' : 'false'}
                @click=${() => void this.saveSection(section)}
              >
                ${this.saving === section ? t('record.saving') : t('record.save')}
              </button>
              <button
                type="button"
                ?disabled=${!dirty || this.saving !== ''}
                @click=${() => this.discard(section)}
              >
                ${t('record.revert')}
              </button>
              <p class="status ${status?.kind === 'error' ? 'error' : ''}" role="status">
                ${status?.text ?? (dirty ? t('record.unsaved') : '')}
              </p>
            </div>`
      }`;
  }

  // ---- row tables ----

  private issues(section: RecordSection, all = false): Issue[] {
    if (!all && !this.shownIssues.has(section)) return [];
    const issues = validateSection(section, this.sectionData(section), { today: this.todayIso });
    for (const key of this.rawNumbers.keys()) {
      const [s, path] = key.split(':') as [string, string];
      if (s === section) issues.unshift({ path, code: 'number.invalid', severity: 'error' });
    }
    return issues;
  }

  private listOf(section: RecordSection, sub: string): Record<string, unknown>[] {
    const data = this.sectionData(section) as unknown;
    if (sub === '') return (data as Record<string, unknown>[]) ?? [];
    return ((data as Record<string, unknown>)[sub] as Record<string, unknown>[] | undefined) ?? [];
  }

  private setList(section: RecordSection, sub: string, rows: Record<string, unknown>[]): void {
    const data = structuredClone(this.sectionData(section)) as unknown;
    if (sub === '') this.setDraft(section, rows);
    else this.setDraft(section, { ...(data as Record<string, unknown>), [sub]: rows });
  }

  private setCell(section: RecordSection, sub: string, index: number, key: string, value: unknown): void {
    const rows = structuredClone(this.listOf(section, sub));
    const row = { ...rows[index]! };
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) delete row[key];
    else row[key] = value;
    rows[index] = row;
    this.setList(section, sub, rows);
  }

  private async addRow(section: RecordSection, sub: string): Promise<void> {
    const rows = [...structuredClone(this.listOf(section, sub)), { id: newRowId() }];
    this.setList(section, sub, rows);
    await this.updateComplete;
    const table = this.renderRoot.querySelector(`table[data-list="${section}${sub ? '.' + sub : ''}"]`);
    table
      ?.querySelector<HTMLElement>(
        'tbody tr:last-child input, tbody tr:last-child select, tbody tr:last-child textarea',
      )
      ?.focus();
  }

  private removeRow(section: RecordSection, sub: string, index: number): void {
    // Row paths shift: unreadable number texts of this list are dropped with the row order.
    const prefix = `${section}:${sub ? `${sub}.` : ''}`;
    for (const key of [...this.rawNumbers.keys()]) if (key.startsWith(prefix)) this.rawNumbers.delete(key);
    const rows = structuredClone(this.listOf(section, sub));
    rows.splice(index, 1);
    this.setList(section, sub, rows);
  }

  private renderRows(section: RecordSection, sub: string): TemplateResult {
    const t = this.localize.t;
    const locale = this.localize.locale;
    const listKey = sub ? `${section}.${sub}` : section;
    const columns = ROW_TABLES[listKey]!;
    const rows = this.listOf(section, sub);
    const issues = this.issues(section);
    const prefix = sub ? `${sub}.` : '';
    const caption = sub ? t(`record.fields.${sub}`) : t(`record.tabs.${section}`);
    const editable = !this.readonly;
    return html`<table class="rows" data-list=${listKey}>
        <caption>
          ${caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            ${columns.map((c) => html`<th scope="col">${t(`record.fields.${c.label}`)}</th>`)}
            ${editable ? html`<th scope="col">${t('record.actions')}</th>` : nothing}
          </tr>
        </thead>
        <tbody>
          ${
            rows.length === 0
              ? html`<tr>
                  <td colspan=${columns.length + (editable ? 2 : 1)}>${t('record.noRows')}</td>
                </tr>`
              : rows.map(
                  (row, i) =>
                    html`<tr data-row-id=${String(row.id)}>
                      <th scope="row">${i + 1}</th>
                      ${columns.map((c) => this.renderCell(section, sub, i, row, c, issues, `${prefix}${i}.${c.key}`, locale))}
                      ${
                        editable
                          ? html`<td>
                              <button
                                type="button"
                                class="danger"
                                aria-label=${`${caption} ${t('record.removeRow', { row: i + 1 })}`}
                                @click=${() => this.removeRow(section, sub, i)}
                              >
                                ${t('record.remove')}
                              </button>
                            </td>`
                          : nothing
                      }
                    </tr>`,
                )
          }
        </tbody>
      </table>
      ${
        editable
          ? html`<button
              type="button"
              aria-label=${`${caption} ${t('record.add')}`}
              @click=${() => void this.addRow(section, sub)}
            >
              ${t('record.add')}
            </button>`
          : nothing
      }`;
  }

  private renderCell(
    section: RecordSection,
    sub: string,
    index: number,
    row: Record<string, unknown>,
    c: ColumnSpec,
    issues: Issue[],
    path: string,
    locale: Locale,
  ): TemplateResult {
    const t = this.localize.t;
    const label = `${t(`record.fields.${c.label}`)} ${t('record.row', { row: index + 1 })}`;
    const issue = issues.find((i) => i.path === path);
    const errId = `err-${section}-${path.replaceAll('.', '-')}`;
    const value = row[c.key];
    const disabled = this.readonly;
    const common = {
      invalid: issue ? 'true' : 'false',
      describedBy: issue ? errId : undefined,
    };
    let control: TemplateResult;
    switch (c.kind) {
      case 'readonly':
        control = html`<span>${(value as string) ?? ''}</span>`;
        break;
      case 'select':
        control = html`<select
          aria-label=${label}
          ?disabled=${disabled}
          aria-invalid=${common.invalid}
          aria-describedby=${common.describedBy ?? nothing}
          @change=${(e: Event) => this.setCell(section, sub, index, c.key, (e.target as HTMLSelectElement).value || undefined)}
        >
          <option value="" ?selected=${!value}>-</option>
          ${(c.options ?? []).map(
            (o) => html`<option value=${o.code} ?selected=${value === o.code}>${o[locale]}</option>`,
          )}
        </select>`;
        break;
      case 'multi':
        control = html`<select
          multiple
          size="3"
          aria-label=${label}
          ?disabled=${disabled}
          @change=${(e: Event) =>
            this.setCell(
              section,
              sub,
              index,
              c.key,
              [...(e.target as HTMLSelectElement).selectedOptions].map((o) => o.value),
            )}
        >
          ${(c.options ?? []).map(
            (o) =>
              html`<option value=${o.code} ?selected=${Array.isArray(value) && value.includes(o.code)}>
                ${o[locale]}
              </option>`,
          )}
        </select>`;
        break;
      case 'textarea':
        control = html`<textarea
          aria-label=${label}
          rows="2"
          ?disabled=${disabled}
          aria-invalid=${common.invalid}
          aria-describedby=${common.describedBy ?? nothing}
          .value=${live((value as string) ?? '')}
          @input=${(e: Event) => this.setCell(section, sub, index, c.key, (e.target as HTMLTextAreaElement).value)}
        ></textarea>`;
        break;
      case 'number':
        control = html`<input
          type="text"
          inputmode="decimal"
          aria-label=${label}
          ?disabled=${disabled}
          aria-invalid=${common.invalid}
          aria-describedby=${common.describedBy ?? nothing}
          .value=${live(this.rawNumbers.get(`${section}:${path}`) ?? (value === undefined ? '' : String(value)))}
          @input=${(e: Event) =>
            this.onNumberInput(section, path, (e.target as HTMLInputElement).value, (n) =>
              this.setCell(section, sub, index, c.key, n),
            )}
        />`;
        break;
      default:
        control = html`<input
          type=${c.kind === 'date' ? 'date' : 'text'}
          aria-label=${label}
          ?disabled=${disabled}
          aria-invalid=${common.invalid}
          aria-describedby=${common.describedBy ?? nothing}
          .value=${live((value as string) ?? '')}
          @input=${(e: Event) => this.setCell(section, sub, index, c.key, (e.target as HTMLInputElement).value)}
        />`;
    }
    return html`<td>
      ${control}
      ${
        issue
          ? html`<p class="cell-error" id=${errId}>
              ${t(`record.issues.${issue.code}`, { ...issue.params })}
            </p>`
          : nothing
      }
    </td>`;
  }

  // ---- 基礎情報 / 健康観察 ----

  private setField(
    section: 'basicInfo' | 'healthObservation' | 'measures',
    key: string,
    value: unknown,
  ): void {
    const data = { ...(structuredClone(this.sectionData(section)) as Record<string, unknown>) };
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) delete data[key];
    else data[key] = value;
    this.setDraft(section, data);
  }

  private selectField(
    section: 'basicInfo' | 'measures',
    key: string,
    label: string,
    options: readonly CodeEntry[],
    value: string | undefined,
  ): TemplateResult {
    const id = `${section}-${key}`;
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <select
        id=${id}
        ?disabled=${this.readonly}
        @change=${(e: Event) => this.setField(section, key, (e.target as HTMLSelectElement).value || undefined)}
      >
        <option value="" ?selected=${!value}>-</option>
        ${options.map(
          (o) =>
            html`<option value=${o.code} ?selected=${value === o.code}>${o[this.localize.locale]}</option>`,
        )}
      </select>
    </div>`;
  }

  private textField(
    section: 'basicInfo' | 'healthObservation' | 'measures',
    key: string,
    label: string,
    type = 'text',
  ): TemplateResult {
    const id = `${section}-${key}`;
    const data = this.sectionData(section) as Record<string, unknown>;
    const issue = this.issues(section).find((i) => i.path === key);
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <input
        id=${id}
        type=${type === 'number' ? 'text' : type}
        inputmode=${type === 'number' ? 'numeric' : nothing}
        ?disabled=${this.readonly}
        aria-invalid=${issue ? 'true' : 'false'}
        aria-describedby=${issue ? `${id}-error` : nothing}
        .value=${live(this.rawNumbers.get(`${section}:${key}`) ?? (data[key] === undefined ? '' : String(data[key])))}
        @input=${(e: Event) => {
          const raw = (e.target as HTMLInputElement).value;
          if (type === 'number') this.onNumberInput(section, key, raw, (n) => this.setField(section, key, n));
          else this.setField(section, key, raw);
        }}
      />
      ${
        issue
          ? html`<p class="cell-error" id=${`${id}-error`}>
              ${this.localize.t(`record.issues.${issue.code}`, { ...issue.params })}
            </p>`
          : nothing
      }
    </div>`;
  }

  private renderBasicInfo(): TemplateResult {
    const t = this.localize.t;
    const locale = this.localize.locale;
    const b = this.sectionData('basicInfo');
    const f = (k: string) => t(`record.fields.${k}`);
    const issue = this.issues('basicInfo').find((i) => i.path === 'underlyingConditions');
    return html`<div class="form-grid">
        ${this.textField('basicInfo', 'occupation', f('occupation'))}
        ${this.textField('basicInfo', 'workplace', f('workplace'))}
        <div class="field">
          <span>${f('nationality')}</span>
          <strong>${countryName(this.record?.person.nationality, locale) || t('record.empty')}</strong>
          <span class="warning">${f('nationalityNote')}</span>
        </div>
        ${this.selectField('basicInfo', 'underlyingConditions', f('underlyingConditions'), YES_NO_UNKNOWN, b.underlyingConditions)}
        ${this.selectField('basicInfo', 'pregnancy', f('pregnancy'), YES_NO_UNKNOWN, b.pregnancy)}
        ${this.textField('basicInfo', 'vaccineDoses', f('vaccineDoses'), 'number')}
      </div>
      ${issue ? html`<p class="warning">${t(`record.issues.${issue.code}`)}</p>` : nothing}
      <fieldset class="checks" ?disabled=${this.readonly}>
        <legend>${f('conditions')}</legend>
        ${RISK_FACTORS.map(
          (r) =>
            html`<label
              ><input
                type="checkbox"
                .checked=${live(b.conditions?.includes(r.code) ?? false)}
                @change=${(e: Event) => {
                  const on = (e.target as HTMLInputElement).checked;
                  const cur = new Set(this.sectionData('basicInfo').conditions ?? []);
                  if (on) cur.add(r.code);
                  else cur.delete(r.code);
                  this.setField(
                    'basicInfo',
                    'conditions',
                    RISK_FACTORS.map((x) => x.code).filter((c) => cur.has(c)),
                  );
                }}
              />${r[locale]}</label
            >`,
        )}
      </fieldset>
      <div class="form-grid">${this.textField('basicInfo', 'conditionsOther', f('conditionsOther'))}</div>`;
  }

  /** 措置判定記録: 感染区分, 現在のステータス, 処置日, My HER-SYS健康調査 (the header shows them). */
  private renderMeasures(): TemplateResult {
    const t = this.localize.t;
    const m = this.sectionData('measures');
    return html`<div class="form-grid">
      ${this.selectField('measures', 'infectionClass', t('record.infectionClass'), INFECTION_CLASSES, m.infectionClass)}
      ${this.selectField('measures', 'status', t('record.status'), PATIENT_STATUSES, m.status)}
      ${this.textField('measures', 'treatmentDate', t('record.fields.treatmentDate'), 'date')}
      <label class="field"
        ><span>${t('record.myHerSys')}</span
        ><input
          type="checkbox"
          ?disabled=${this.readonly}
          .checked=${live(!!m.myHerSys)}
          @change=${(e: Event) => this.setField('measures', 'myHerSys', (e.target as HTMLInputElement).checked || undefined)}
      /></label>
    </div>`;
  }

  private renderObservation(): TemplateResult {
    const t = this.localize.t;
    return html`<fieldset class="checks" ?disabled=${this.readonly}>
        <legend>${t('record.fields.observationPeriod')}</legend>
        ${this.textField('healthObservation', 'startDate', t('record.fields.observationStart'), 'date')}
        ${this.textField('healthObservation', 'endDate', t('record.fields.observationEnd'), 'date')}
      </fieldset>
      ${this.renderRows('healthObservation', 'entries')}`;
  }

  private renderAudit(): TemplateResult {
    const t = this.localize.t;
    const audit = this.record?.audit ?? [];
    return html`<table class="rows">
      <caption>
        ${t('record.auditHeading')}
      </caption>
      <thead>
        <tr>
          ${(['at', 'actor', 'action', 'target', 'summary'] as const).map(
            (k) => html`<th scope="col">${t(`record.audit.${k}`)}</th>`,
          )}
        </tr>
      </thead>
      <tbody>
        ${
          audit.length === 0
            ? html`<tr>
                <td colspan="5">${t('record.auditEmpty')}</td>
              </tr>`
            : audit.map(
                (a) =>
                  html`<tr>
                    <td>${a.at}</td>
                    <td>${a.actor}</td>
                    <td>${a.action}</td>
                    <td>${a.target ?? ''}</td>
                    <td>${a.summary ?? ''}</td>
                  </tr>`,
              )
        }
      </tbody>
    </table>`;
  }

  // ---- stale edit ----

  private describe(value: unknown, key: string): string {
    const t = this.localize.t;
    const locale = this.localize.locale;
    if (value === undefined || value === null || value === '') return t('record.conflict.removed');
    if (Array.isArray(value)) {
      const opts = optionsOf(key) ?? (key === 'conditions' ? RISK_FACTORS : undefined);
      return value
        .map((v) => (opts ? (labelOf(opts, String(v), locale) ?? String(v)) : String(v)))
        .join('、');
    }
    if (typeof value === 'object') {
      return Object.entries(value as Record<string, unknown>)
        .filter(([k]) => k !== 'id')
        .map(([k, v]) => this.describe(v, k))
        .join(' / ');
    }
    const opts = optionsOf(key) ?? (key === 'sex' ? PERSON_SEXES : undefined);
    return opts ? (labelOf(opts, String(value), locale) ?? String(value)) : String(value);
  }

  private fieldLabel(section: RecordSection, path: string): string {
    const t = this.localize.t;
    const row = /^(?:(\w+))?\[(.+)\]$/.exec(path);
    if (row) {
      const list = row[1] ? t(`record.fields.${row[1]}`) : t(`record.tabs.${section}`);
      return t('record.conflict.rowLabel', { list, summary: '' })
        .replace(/（）|\(\)/, '')
        .trim();
    }
    const key = path.split('.').pop()!;
    const idLabels: Record<string, string> = {
      familyNameKana: `${t('idForm.kana')}（${t('idForm.kanaFamily')}）`,
      givenNameKana: `${t('idForm.kana')}（${t('idForm.kanaGiven')}）`,
      familyName: `${t('idForm.name')}（${t('idForm.family')}）`,
      givenName: `${t('idForm.name')}（${t('idForm.given')}）`,
      dateOfBirth: t('idForm.dob'),
      dateOfBirthPrivate: `${t('idForm.dob')} ${t('idForm.private')}`,
      sex: t('idForm.sex'),
      sexPrivate: `${t('idForm.sex')} ${t('idForm.private')}`,
      nationality: t('idForm.nationality'),
      postalCode: t('idForm.postal'),
      prefectureCode: t('idForm.prefecture'),
      city: t('idForm.city'),
      street: t('idForm.street'),
      phone: t('idForm.phone'),
      phone2: t('idForm.phone2'),
      passportNumber: t('idForm.passport'),
      localId: t('idForm.localId'),
      freeText: t('idForm.freeText'),
      name: `${t('idForm.emergency')} ${t('idForm.ecName')}`,
      relationship: `${t('idForm.emergency')} ${t('idForm.ecRelationship')}`,
      phone1: `${t('idForm.emergency')} ${t('idForm.ecPhone1')}`,
    };
    if (section === 'identity' && idLabels[key]) return idLabels[key];
    const label = t(`record.fields.${key}`, { defaultValue: '' });
    return label || key;
  }

  private renderConflict(c: ConflictState): TemplateResult {
    const t = this.localize.t;
    return html`<section class="conflict" aria-labelledby="conflict-title">
      <h4 id="conflict-title" tabindex="-1" role="alert">${t('record.conflict.title')}</h4>
      <p>${t('record.conflict.lead')}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">${t('record.conflict.field')}</th>
            <th scope="col">${t('record.conflict.theirs')}</th>
            <th scope="col">${t('record.conflict.mine')}</th>
            <th scope="col">${t('record.conflict.take')}</th>
          </tr>
        </thead>
        <tbody>
          ${c.diff.map((d) => {
            const label = this.fieldLabel(c.section, d.path);
            const key = d.path.includes('[') ? '' : d.path.split('.').pop()!;
            return html`<tr data-path=${d.path}>
              <th scope="row">
                ${label}${d.conflict ? html`<br /><span class="both">${t('record.conflict.both')}</span>` : nothing}
              </th>
              <td data-side="theirs">${this.describe(d.theirs, key)}</td>
              <td data-side="mine">${this.describe(d.mine, key)}</td>
              <td>
                <fieldset>
                  <legend class="visually-hidden">${label}</legend>
                  ${(['theirs', 'mine'] as const).map(
                    (side) =>
                      html`<label
                        ><input
                          type="radio"
                          name=${`take-${d.path}`}
                          value=${side}
                          .checked=${live(c.choices[d.path] === side)}
                          @change=${() => {
                            this.conflict = { ...c, choices: { ...c.choices, [d.path]: side } };
                          }}
                        />${side === 'theirs' ? t('record.conflict.takeTheirs') : t('record.conflict.keepMine')}</label
                      >`,
                  )}
                </fieldset>
              </td>
            </tr>`;
          })}
        </tbody>
      </table>
      <div class="toolbar">
        <button type="button" class="primary" @click=${() => void this.saveMerged()}>
          ${t('record.conflict.saveMerged')}
        </button>
        <button type="button" @click=${this.discardMine}>${t('record.conflict.discard')}</button>
      </div>
    </section>`;
  }

  // ---- 発生届 ----

  private reportAction(action: ReportAction, report: RecordReport | undefined): void {
    if (!this.record) return;
    emit(this, 'hersys-report-action', {
      action,
      reportId: report?.id ?? '',
      herSysId: this.record.herSysId,
      printHerSysId: this.printHerSysId,
    });
  }

  private renderMenu(report: RecordReport | undefined, where: 'top' | 'bottom'): TemplateResult {
    const t = this.localize.t;
    const editable = !this.readonly;
    const b = (action: ReportAction, label: string, needsReport = true, cls = '') =>
      html`<button
        type="button"
        class=${cls}
        ?disabled=${(needsReport && !report) || (!editable && action !== 'pdf')}
        @click=${() => (action === 'delete' ? this.askDelete(report) : this.reportAction(action, report))}
      >
        ${label}
      </button>`;
    const printBox = html`<label
      ><input
        type="checkbox"
        .checked=${live(this.printHerSysId)}
        @change=${(e: Event) => (this.printHerSysId = (e.target as HTMLInputElement).checked)}
      />${t('record.reports.printId')}</label
    >`;
    const buttons =
      where === 'top'
        ? [
            b('edit', t('record.reports.edit')),
            b('copy', t('record.reports.copy')),
            b('pdf', t('record.reports.pdf')),
            b('delete', t('record.reports.delete'), true, 'danger'),
            b('add', t('record.reports.add'), false),
          ]
        : [
            b('copy', t('record.reports.copy')),
            b('edit', t('record.reports.edit')),
            b('delete', t('record.reports.delete'), true, 'danger'),
            b('pdf', t('record.reports.pdf')),
          ];
    return html`<nav
      class="menu"
      aria-label=${where === 'top' ? t('record.reports.menu') : t('record.reports.menuBottom')}
    >
      ${buttons} ${printBox}
    </nav>`;
  }

  private askDelete(report: RecordReport | undefined): void {
    if (!report) return;
    this.deleteTarget = report;
    void this.updateComplete.then(() => {
      const d = this.renderRoot.querySelector<HTMLDialogElement>('dialog#delete');
      if (d && !d.open) d.showModal();
    });
  }

  private renderDeleteDialog(): TemplateResult {
    const t = this.localize.t;
    const r = this.deleteTarget;
    const date = r?.report.reportDate;
    const dateText = date
      ? `${date.slice(0, 4)}年${date.slice(5, 7)}月${date.slice(8, 10)}日`
      : t('record.empty');
    const close = (confirmed: boolean) => {
      this.renderRoot.querySelector<HTMLDialogElement>('dialog#delete')?.close();
      this.deleteTarget = undefined;
      if (confirmed && r) this.reportAction('delete', r);
    };
    return html`<dialog
      id="delete"
      aria-labelledby="delete-title"
      @cancel=${() => (this.deleteTarget = undefined)}
    >
      <h3 id="delete-title">${t('record.reports.deleteTitle')}</h3>
      <p>${t('record.reports.reportDate')} <strong data-report-date>${dateText}</strong></p>
      <div class="toolbar">
        <button type="button" @click=${() => close(false)}>${t('record.reports.cancel')}</button>
        <button type="button" class="danger" @click=${() => close(true)}>
          ${t('record.reports.delete')}
        </button>
      </div>
    </dialog>`;
  }

  /** Deleted reports stay in the record until purged; 復元 asks the host to restore one. */
  private renderDeletedReports(): TemplateResult | typeof nothing {
    const t = this.localize.t;
    const deleted = (this.record?.reports ?? []).filter((r) => r.deleted);
    if (deleted.length === 0) return nothing;
    return html`<section aria-labelledby="deleted-title">
      <h4 id="deleted-title">${t('record.reports.deletedHeading')}</h4>
      <ul>
        ${deleted.map(
          (r) =>
            html`<li data-report-id=${r.id}>
              ${t('record.reports.reportDate')} ${r.report.reportDate ?? '-'} (${r.id})
              <button
                type="button"
                ?disabled=${this.readonly}
                aria-label=${`${t('record.reports.restore')}: ${r.report.reportDate ?? r.id}`}
                @click=${() => this.reportAction('restore', r)}
              >
                ${t('record.reports.restore')}
              </button>
            </li>`,
        )}
      </ul>
    </section>`;
  }

  private renderReports(): TemplateResult {
    const t = this.localize.t;
    const reports = (this.record?.reports ?? []).filter((r) => !r.deleted);
    const report = reports.find((r) => r.id === this.selectedReport) ?? reports[0];
    const slash = (d: string | undefined) =>
      d ? `${d.slice(0, 4)}年${d.slice(5, 7)}月${d.slice(8, 10)}日` : t('record.empty');
    return html`<h3>${t('record.reports.heading')}</h3>
      ${
        reports.length > 1
          ? html`<div class="field">
              <label for="report-pick">${t('record.reports.pick')}</label>
              <select
                id="report-pick"
                @change=${(e: Event) => (this.selectedReport = (e.target as HTMLSelectElement).value)}
              >
                ${reports.map(
                  (r) =>
                    html`<option value=${r.id} ?selected=${r === report}>
                      ${slash(r.report.reportDate)} (${r.id})
                    </option>`,
                )}
              </select>
            </div>`
          : nothing
      }
      ${
        report
          ? html`<div class="report-lines">
              <p>
                ${t('record.reports.initial', { by: report.firstReportedBy ?? '-', date: slash(report.firstReportedAt) })}
              </p>
              <p>
                ${t('record.reports.lastUpdate', { by: report.lastUpdatedBy ?? '-', date: slash(report.lastUpdatedAt) })}
              </p>
            </div>`
          : nothing
      }
      ${this.renderMenu(report, 'top')}
      ${
        report
          ? summarize(report.report, t, this.localize.locale).map(
              (s) =>
                html`<section aria-labelledby=${`sum-${s.id}`}>
                  <h4 id=${`sum-${s.id}`}>${s.title}</h4>
                  ${
                    s.rows.length
                      ? html`<dl class="summary">
                          ${s.rows.map(
                            (r) =>
                              html`<dt>${r.label}</dt>
                                <dd>${r.value}</dd>`,
                          )}
                        </dl>`
                      : html`<p>${t('record.empty')}</p>`
                  }
                </section>`,
            )
          : html`<p>${t('record.reports.none')}</p>`
      }
      ${report ? this.renderMenu(report, 'bottom') : nothing}
      ${
        report
          ? html`<p class="status">
              ${
                report.healthCenterConfirmedAt
                  ? t('record.reports.confirmed', { date: slash(report.healthCenterConfirmedAt) })
                  : t('record.reports.notConfirmed')
              }
            </p>`
          : nothing
      }
      ${this.renderDeletedReports()}`;
  }
}

const EMPTY: PatientRecord = { herSysId: '-', version: 0, person: {} };
