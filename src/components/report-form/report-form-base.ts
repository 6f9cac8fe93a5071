import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import {
  DEATH_CATEGORIES,
  DIAGNOSTIC_METHODS,
  ONSET_CATEGORIES,
  fieldRequirement,
  PREFECTURES,
  SPECIMENS,
  TEST_RESULTS,
  ageAtDiagnosis,
  emptyReport,
  formatWareki,
  isMinor,
  normalizeKana,
  parseJapaneseDate,
  parsePhoneJP,
  validateReport,
  type CodeEntry,
  type Issue,
  type OccurrenceReport,
} from '../../schema/index.js';
import { fieldLabel, issueMessage, type Locale } from '../../locales/runtime.js';
import { FormAssociatedElement } from '../internal/form-associated.js';
import { LocalizeController } from '../internal/localize.js';
import { REPORT_STRINGS } from '../../locales/packs/report.js';
import { emit } from '../internal/emit.js';
import { slashDate } from '../internal/slash-date.js';
import type {
  DoctorEntry,
  DoctorStore,
  DraftRecord,
  DraftStore,
  FacilityOption,
  FacilitySearch,
} from '../stores/types.js';
import { LocalDoctorStore } from '../stores/local-doctor-store.js';
import {
  defaultPostalLookup,
  postalDigits,
  type PostalHit,
  type PostalLookup,
} from '../postal/postal-lookup.js';
import { controlId, getAt, isBlank, setAt } from './internal/paths.js';

/** The two layouts of the form: the HER-SYS ver.2 screen, or the paper form 別記様式6-1. */
export type ReportFormLayout = 'standard' | 'fax';

/** What `validate()` returns: the schema's result, plus the form's own field checks merged in. */
export interface ReportFormValidation {
  ok: boolean;
  report: OccurrenceReport;
  issues: Issue[];
}

interface ComboOption {
  id: string;
  label: string;
  detail?: string;
  pick: () => void;
}

interface ComboState {
  path: string;
  options: ComboOption[];
  active: number;
  loading: boolean;
  query: string;
}

interface PostalState {
  base: string;
  status: 'looking' | 'choose' | 'closed' | 'notFound' | 'filled';
  hits: PostalHit[];
  active: number;
  message?: string;
}

/** Options of a single control template. */
export interface ControlOptions {
  /** Visible label (default: the field label of the path). */
  label?: string;
  /** Extra ids to read as part of the label (e.g. the group heading). */
  labelledBy?: string;
  /** Render the label visually hidden (the cell heading already shows it, as on the paper form). */
  hideLabel?: boolean;
  /** A hint shown under the control and linked with aria-describedby. */
  hint?: string;
  autocomplete?: string;
  inputmode?: string;
  size?: number;
  /** CSS class of the field wrapper (layouts use it for grid placement). */
  cls?: string;
}

const DEBOUNCE_MS = 700;

/** The form's own codes for typed input it could not take (the value stays as typed). */
const TYPED_INPUT_CODES = new Set(['form.dateUnparseable', 'form.pickFromList', 'form.numberInvalid']);

function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * The shared core of `<hersys-report-form>`: the report state, validation, drafts, pickers and every
 * field's template. Layouts (standard and FAX) only arrange these templates.
 */
export abstract class ReportFormBase extends FormAssociatedElement {
  /** `standard` (HER-SYS ver.2 screen) or `fax` (the paper form 別記様式6-1). Both edit the same value. */
  @property({ reflect: true }) layout: ReportFormLayout = 'standard';

  /** UI language, `ja` or `en` (switchable at runtime). Without it the `lang` attribute decides. */
  @property({ reflect: true }) locale?: Locale | '';

  /** The date validation treats as today (ISO `YYYY-MM-DD`); default: the device's date. For tests. */
  @property() today?: string;

  /** Where drafts are autosaved (debounced, within a second of the last change). No store: no drafts. */
  @property({ attribute: false }) draftStore?: DraftStore;

  /** The key the draft is saved under. */
  @property({ attribute: 'draft-key' }) draftKey = 'report-form';

  /** Host search for 従事する病院・診療所 (picking one fills its address and phone). */
  @property({ attribute: false }) searchInstitutions?: FacilitySearch;

  /** Host search for 届出先保健所 / 担当保健所. */
  @property({ attribute: false }) searchHealthCenters?: FacilitySearch;

  /** Postal-code lookup (default: the SDK's offline, lazy-loaded Japan Post data). */
  @property({ attribute: false }) postalLookup: PostalLookup = defaultPostalLookup;

  /** @internal */
  protected readonly l10n = new LocalizeController(this, REPORT_STRINGS);

  @state() protected _report: OccurrenceReport = emptyReport();
  @state() protected _issues: Issue[] = [];
  @state() protected _showAll = false;
  @state() protected _combo?: ComboState;
  @state() protected _postal?: PostalState;
  @state() protected _draft?: DraftRecord;
  @state() protected _doctors: DoctorEntry[] = [];
  @state() protected _announce = '';
  /** The last autosave: when, and whether it worked. */
  @state() protected _draftStatus?: { ok: boolean; at: Date };

  /** Raw text of controls whose model value is derived (dates, pickers) while it differs from the model. */
  protected _raw = new Map<string, string>();
  /** Field checks of the form itself (unparseable date or phone, confirmation mismatch, unpicked picker). */
  protected _local = new Map<string, Issue>();
  protected _touched = new Set<string>();
  private _byPath = new Map<string, Issue[]>();
  private _controlPaths: string[] = [];
  private _renderPaths: string[] = [];
  private _doctorStore?: DoctorStore;
  private _saveTimer?: ReturnType<typeof setTimeout>;
  private _searchTimer?: ReturnType<typeof setTimeout>;
  private _searchSeq = 0;
  private _draftChecked = false;

  /** The doctor master (医師マスタ); default: a localStorage-backed {@link LocalDoctorStore}. */
  @property({ attribute: false })
  get doctorStore(): DoctorStore {
    return (this._doctorStore ??= new LocalDoctorStore());
  }
  set doctorStore(store: DoctorStore) {
    this._doctorStore = store;
    void this._loadDoctors();
  }

  /**
   * The report (a copy). Setting it pre-fills the form, e.g. from an EMR's patient data; what is not
   * in the object is empty.
   */
  get value(): OccurrenceReport {
    return this._applicable(this._report);
  }
  set value(report: OccurrenceReport | null | undefined) {
    this._report = structuredClone(report ?? emptyReport());
    const doses = this._report.vaccination?.doses;
    if (doses?.length) {
      // Rows by dose number (row i = dose i+1), so a report listing only the 2nd dose shows it as 2回目.
      const byDose: NonNullable<typeof doses> = [];
      for (const d of doses) if (d && d.dose >= 1 && d.dose <= 10) byDose[d.dose - 1] = d;
      for (let k = 0; k < byDose.length; k++) byDose[k] ??= { dose: k + 1 };
      this._report.vaccination!.doses = byDose;
    }
    this._raw.clear();
    this._local.clear();
    this._touched.clear();
    this._showAll = false;
    this._postal = undefined;
    this._combo = undefined;
    this._validate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // On the shadow root: focus moves between two inner controls never reach the host.
    this.renderRoot.addEventListener('focusin', this._keepFocusVisible as EventListener);
    if (this._issues.length === 0) this._validate();
    void this._loadDoctors();
    void this._checkDraft();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.renderRoot.removeEventListener('focusin', this._keepFocusVisible as EventListener);
    if (this._saveTimer) {
      clearTimeout(this._saveTimer);
      this._saveTimer = undefined;
      void this._saveDraft();
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('today')) this._validate();
    if (changed.has('draftStore') || changed.has('draftKey')) {
      this._draftChecked = false;
      if (this.isConnected) void this._checkDraft();
    }
    this._renderPaths = [];
  }

  protected override updated(): void {
    this._controlPaths = this._renderPaths;
  }

  /** WCAG 2.4.11: a control focused by Tab must not sit hidden under the sticky 確認 bar. */
  private readonly _keepFocusVisible = (e: FocusEvent): void => {
    const target = e.composedPath()[0] as HTMLElement | undefined;
    const bar = this.renderRoot?.querySelector?.<HTMLElement>('.actions');
    if (!target || !bar || bar.contains(target)) return;
    const rect = target.getBoundingClientRect();
    if (rect.bottom > bar.getBoundingClientRect().top) target.scrollIntoView?.({ block: 'center' });
  };

  // ---------------------------------------------------------------- public API

  /** Validates the current value (schema rules and the form's own field checks); shows nothing. */
  validate(): ReportFormValidation {
    this._validate();
    const issues = [...this._issues];
    return { ok: !issues.some((i) => i.severity === 'error'), report: this.value, issues };
  }

  /**
   * Moves focus to the control of a dotted path (`patient.phone`, `diagnosis.methods.0.result`, or a group
   * such as `patient.location`), scrolling it into view. Used by the dialogs' 修正する.
   * @returns whether a control was found.
   */
  async focusField(path: string): Promise<boolean> {
    await this.updateComplete;
    const target = this._controlFor(path);
    if (!target) return false;
    target.scrollIntoView?.({ block: 'center' });
    target.focus();
    return true;
  }

  /** Empties the form (value, drafts banner state and messages); the draft itself is kept. */
  reset(): void {
    this.value = emptyReport();
    this._announce = '';
    this._emitChange();
  }

  /** Removes the saved draft (call after the report was filed). */
  async clearDraft(): Promise<void> {
    if (this._saveTimer) clearTimeout(this._saveTimer);
    this._saveTimer = undefined;
    this._draft = undefined;
    await this.draftStore?.remove(this.draftKey);
  }

  /**
   * 確認: validates, shows every problem and, when there is no error, fires `hersys-submit`. On errors the
   * user stays in the form, a summary is announced and focus moves to the first invalid field.
   * @returns whether the report had no error.
   */
  async submit(): Promise<boolean> {
    this._showAll = true;
    this._validate();
    const errors = this._issues.filter((i) => i.severity === 'error');
    const t = this.l10n.t;
    if (errors.length > 0) {
      this._announce = t('form.summaryErrors', { count: errors.length });
      await this.updateComplete;
      const first = this._firstInvalidControl();
      first?.scrollIntoView?.({ block: 'center' });
      first?.focus();
      return false;
    }
    this._announce = t('form.summaryOk');
    emit(this, 'hersys-submit', { report: this.value, issues: [...this._issues] });
    return true;
  }

  // ---------------------------------------------------------------- form association hooks

  protected formValue(): string {
    return JSON.stringify(this._report);
  }

  protected formValidity(): { message: string; anchor?: HTMLElement | null } | undefined {
    const firstError = this._issues.find((i) => i.severity === 'error');
    if (!firstError) return undefined;
    const anchor = this._controlFor(this._anchorFor(firstError.path)) ?? null;
    return { message: this.l10n.t('form.invalidForm'), anchor: anchor?.isConnected ? anchor : null };
  }

  protected formReset(): void {
    this.value = emptyReport();
  }

  protected formRestore(state: string): void {
    try {
      this.value = JSON.parse(state) as OccurrenceReport;
    } catch {
      // A foreign or corrupt state: keep the current value rather than losing it.
    }
  }

  // ---------------------------------------------------------------- state changes

  /** Sets one field and revalidates; `commit` also fires `hersys-change` (done on change/blur). */
  protected _set(path: string, value: unknown, commit = true): void {
    let next = setAt(this._report, path, value);
    next = this._applyRules(next, path);
    this._report = next;
    this._validate();
    this._scheduleSave();
    if (commit) this._emitChange();
  }

  /** Dependent clean-ups: choices that make other answers inapplicable clear them. */
  private _applyRules(r: OccurrenceReport, path: string): OccurrenceReport {
    if (path === 'riskFactors.presence' && r.riskFactors?.presence !== 'yes') {
      r = setAt(r, 'riskFactors.items', undefined);
      r = setAt(r, 'riskFactors.other', undefined);
    }
    if (path === 'riskFactors.items' && (r.riskFactors?.items?.length ?? 0) > 0) {
      r = setAt(r, 'riskFactors.presence', 'yes');
    }
    if (path === 'clinical.hospitalized' && r.clinical?.hospitalized !== 'yes') {
      r = setAt(r, 'clinical.admissionDate', undefined);
    }
    if (path === 'diagnosis.symptoms') {
      const list = r.diagnosis?.symptoms ?? [];
      if (!list.includes('other')) r = setAt(r, 'diagnosis.symptomOther', undefined);
    }
    if (path === 'patient.addressSameAsLocation' && r.patient?.addressSameAsLocation) {
      r = setAt(r, 'patient.address', undefined);
    }
    if (path === 'patient.addressPhoneSameAsLocation' && r.patient?.addressPhoneSameAsLocation) {
      r = setAt(r, 'patient.addressPhone', undefined);
    }
    if (path === 'infection.area') {
      if (r.infection?.area !== 'abroad') {
        for (const k of ['countries', 'regionDetail', 'departureDate', 'entryDate', 'residentAbroad']) {
          r = setAt(r, `infection.${k}`, undefined);
        }
      }
      if (r.infection?.area !== 'domestic') {
        r = setAt(r, 'infection.prefectureCode', undefined);
        r = setAt(r, 'infection.city', undefined);
      }
    }
    const m = /^diagnosis\.methods\.(\d+)\.method$/.exec(path);
    if (m) {
      const row = r.diagnosis?.methods?.[Number(m[1])];
      const allowed: readonly string[] =
        DIAGNOSTIC_METHODS.find((d) => d.code === row?.method)?.specimens ?? [];
      if (row?.specimen && !allowed.includes(row.specimen)) {
        r = setAt(r, `diagnosis.methods.${m[1]}.specimen`, undefined);
      }
    }
    if (/^vaccination\.doses\.\d+\./.test(path)) {
      // Row i is dose i+1 (the paper form's 1回目, 2回目…): every row carries its dose number.
      const doses = [...(r.vaccination?.doses ?? [])].map((d, k) => ({ ...(d ?? {}), dose: k + 1 }));
      r = setAt(r, 'vaccination.doses', doses);
    }
    if (path === 'vaccination.doseCount') {
      const n = r.vaccination?.doseCount;
      if (n === 0 || n === 'unknown') {
        r = setAt(r, 'vaccination.latestDate', undefined);
        r = setAt(r, 'vaccination.latestVaccine', undefined);
        r = setAt(r, 'vaccination.latestVaccineOther', undefined);
      }
    }
    return r;
  }

  protected _emitChange(): void {
    emit(this, 'hersys-change', { value: this.value, issues: [...this._issues] });
  }

  protected _validate(): void {
    const result = validateReport(this._applicable(this._report), { today: this.today ?? localToday() });
    this._checkPhones();
    const local = [...this._local.values()];
    // Where the user typed something the form could not take (an unreadable date, a name not picked
    // from the list), say that rather than "required": the field is not empty to them.
    const typedPaths = new Set(local.filter((i) => TYPED_INPUT_CODES.has(i.code)).map((i) => i.path));
    const issues: Issue[] = result.issues.filter((i) => !(i.code === 'required' && typedPaths.has(i.path)));
    const schemaErrorPaths = new Set(issues.filter((i) => i.severity === 'error').map((i) => i.path));
    for (const issue of local) {
      // The schema's own finding (phone.invalid, phone.confirmationMismatch…) wins over the form's twin.
      if (!TYPED_INPUT_CODES.has(issue.code) && schemaErrorPaths.has(issue.path)) continue;
      issues.push(issue);
    }
    this._issues = issues;
    const byPath = new Map<string, Issue[]>();
    for (const issue of issues) {
      const list = byPath.get(issue.path) ?? [];
      list.push(issue);
      byPath.set(issue.path, list);
    }
    this._byPath = byPath;
    this.syncFormState();
  }

  /** The mobile confirmation (typed twice) and phone syntax, checked by the form itself. */
  private _checkPhones(): void {
    const p = this._report.patient;
    this._local.delete('patient.phoneConfirmation');
    if (!p?.phone) return;
    const parsed = parsePhoneJP(p.phone);
    if (!parsed.ok || !parsed.smsCapable) return;
    const confirm = p.phoneConfirmation ? parsePhoneJP(p.phoneConfirmation) : undefined;
    if (!p.phoneConfirmation) {
      this._local.set('patient.phoneConfirmation', {
        path: 'patient.phoneConfirmation',
        code: 'form.phoneConfirmationMissing',
        severity: 'error',
      });
    } else if (!confirm?.ok || confirm.digits !== parsed.digits) {
      this._local.set('patient.phoneConfirmation', {
        path: 'patient.phoneConfirmation',
        code: 'form.phoneConfirmationMismatch',
        severity: 'error',
      });
    }
  }

  // ---------------------------------------------------------------- drafts

  private _scheduleSave(): void {
    if (!this.draftStore) return;
    if (this._saveTimer) clearTimeout(this._saveTimer);
    this._saveTimer = setTimeout(() => {
      this._saveTimer = undefined;
      void this._saveDraft();
    }, DEBOUNCE_MS);
  }

  private async _saveDraft(): Promise<void> {
    const store = this.draftStore;
    if (!store) return;
    try {
      if (isBlank(this._stripVersion(this._report))) {
        await store.remove(this.draftKey);
        this._draftStatus = undefined;
      } else {
        await store.save(this.draftKey, this.value);
        this._draftStatus = { ok: true, at: new Date() };
      }
    } catch (error) {
      // Say so: a user who believes the draft is safe must learn that it is not.
      this._draftStatus = { ok: false, at: new Date() };
      console.warn('hersys-report-form: the draft could not be saved', error);
    }
  }

  private _stripVersion(r: OccurrenceReport): Record<string, unknown> {
    const { schemaVersion: _v, ...rest } = r;
    return rest;
  }

  private async _checkDraft(): Promise<void> {
    const store = this.draftStore;
    if (!store || this._draftChecked) return;
    this._draftChecked = true;
    try {
      const record = await store.load(this.draftKey);
      if (record && JSON.stringify(record.report) !== JSON.stringify(this._report)) this._draft = record;
    } catch (error) {
      console.warn('hersys-report-form: the draft could not be read', error);
    }
  }

  /** Restores the offered draft. */
  protected _restoreDraft(): void {
    const draft = this._draft;
    if (!draft) return;
    this.value = draft.report;
    this._draft = undefined;
    this._emitChange();
    void this.updateComplete.then(() => this._firstControl()?.focus());
  }

  /** Discards the offered draft. */
  protected async _discardDraft(): Promise<void> {
    this._draft = undefined;
    await this.draftStore?.remove(this.draftKey);
    if (!isBlank(this._stripVersion(this._report))) void this._saveDraft();
  }

  // ---------------------------------------------------------------- doctor master

  private async _loadDoctors(): Promise<void> {
    try {
      this._doctors = await this.doctorStore.list();
    } catch {
      this._doctors = [];
    }
  }

  protected _isRegisteredDoctor(): boolean {
    const r = this._report.reporter;
    return this._doctors.some(
      (d) => d.familyName === r?.doctorFamilyName && d.givenName === (r?.doctorGivenName ?? ''),
    );
  }

  protected async _toggleDoctorRegistration(on: boolean): Promise<void> {
    const r = this._report.reporter;
    if (!r?.doctorFamilyName) return;
    const entry = { familyName: r.doctorFamilyName, givenName: r.doctorGivenName ?? '' };
    if (on) await this.doctorStore.add(entry);
    else await this.doctorStore.remove(entry);
    await this._loadDoctors();
  }

  // ---------------------------------------------------------------- issues → controls

  protected get _locale(): Locale {
    return this.l10n.locale;
  }

  /**
   * Label of a field path: the `fields` namespace, else the form's own label.
   * @internal
   */
  _label(path: string): string {
    const own = this.l10n.t(`form.label.${path}`, { defaultValue: '' });
    // The screen's own wording (the manual's labels, 姓/名 under a group heading) first; the shared
    // `fields` label for anything the form does not word itself (a group's own label included).
    return own || fieldLabel(path, this.l10n.locale);
  }

  protected _message(issue: Issue): string {
    const t = this.l10n.t;
    if (issue.code.startsWith('form.')) {
      const key = {
        'form.dateUnparseable': 'form.dateInvalid',
        'form.phoneUnparseable': 'form.phoneInvalid',
        'form.phoneConfirmationMismatch': 'form.phoneMismatch',
        'form.phoneConfirmationMissing': 'form.phoneConfirmNote',
      }[issue.code];
      // The others (form.pickFromList, form.numberInvalid) are their own message keys.
      return t(key ?? issue.code);
    }
    return issueMessage(issue, this._locale);
  }

  /** The rendered control path an issue is shown at (itself, or the first control inside a group). */
  protected _anchorFor(path: string): string {
    const paths = this._controlPaths.length ? this._controlPaths : this._renderPaths;
    if (paths.includes(path)) return path;
    return paths.find((p) => p.startsWith(`${path}.`)) ?? path;
  }

  private _issuesAt(path: string): Issue[] {
    const out: Issue[] = [...(this._byPath.get(path) ?? [])];
    for (const [p, list] of this._byPath) {
      if (p !== path && this._anchorFor(p) === path && !this._controlPaths.includes(p)) out.push(...list);
    }
    return out;
  }

  /** Errors and warnings to show at a control (errors once touched or after 確認). */
  protected _visibleIssues(path: string): Issue[] {
    const show = this._showAll || this._touched.has(path);
    return this._issuesAt(path).filter((i) => i.code !== 'recommended' && (show || i.severity === 'info'));
  }

  protected _isRecommendedEmpty(path: string): boolean {
    return this._issuesAt(path).some((i) => i.code === 'recommended');
  }

  protected _isRequired(path: string): boolean {
    return fieldRequirement(path, this._report) === 'required';
  }

  /**
   * The report without answers that do not apply any more (a guardian once the patient is an adult, an
   * onset date once the category is not 患者（確定例）…). The form keeps them while editing, so changing
   * an answer back restores them; `value`, validation, drafts and submit use this.
   */
  protected _applicable(report: OccurrenceReport): OccurrenceReport {
    let r = structuredClone(report);
    const cat = r.patient?.category;
    if (r.diagnosis?.onsetDate && !(cat && ONSET_CATEGORIES.includes(cat)))
      r = setAt(r, 'diagnosis.onsetDate', undefined);
    if (r.diagnosis?.deathDate && !(cat && DEATH_CATEGORIES.includes(cat)))
      r = setAt(r, 'diagnosis.deathDate', undefined);
    if (r.patient?.guardian && !this._isMinorIn(r)) r = setAt(r, 'patient.guardian', undefined);
    if (r.vaccination?.doses) {
      const doses = r.vaccination.doses.filter((d) => d && Object.keys(d).some((k) => k !== 'dose'));
      r = setAt(r, 'vaccination.doses', doses);
    }
    return r;
  }

  protected _controlFor(path: string): HTMLElement | undefined {
    const root = this.renderRoot as ShadowRoot | undefined;
    if (!root?.querySelector) return undefined;
    const anchor = this._anchorFor(path);
    const el =
      root.getElementById(controlId(anchor)) ??
      root.querySelector<HTMLElement>(`[data-path="${CSS.escape(anchor)}"]`) ??
      root.querySelector<HTMLElement>(`[data-path^="${CSS.escape(path)}."]`);
    if (!el) return undefined;
    if (el.matches('fieldset, [role="radiogroup"], [role="group"]')) {
      return (
        el.querySelector<HTMLElement>('input:checked') ??
        el.querySelector<HTMLElement>('input, select, button') ??
        el
      );
    }
    return el;
  }

  private _firstInvalidControl(): HTMLElement | undefined {
    const errorPaths = new Set(
      this._issues.filter((i) => i.severity === 'error').map((i) => this._anchorFor(i.path)),
    );
    for (const path of this._controlPaths) {
      if (errorPaths.has(path)) {
        const el = this._controlFor(path);
        if (el) return el;
      }
    }
    return undefined;
  }

  private _firstControl(): HTMLElement | undefined {
    return this._controlPaths.length ? this._controlFor(this._controlPaths[0]!) : undefined;
  }

  protected _touch(path: string): void {
    if (!this._touched.has(path)) {
      this._touched.add(path);
      this.requestUpdate();
    }
  }

  // ---------------------------------------------------------------- control templates

  protected _reg(path: string): string {
    this._renderPaths.push(path);
    return controlId(path);
  }

  protected _req(path: string): TemplateResult | typeof nothing {
    return this._isRequired(path)
      ? html`<span class="req" part="required-badge">${this.l10n.t('form.required')}</span>`
      : nothing;
  }

  /** The message area of a control: errors/warnings, linked with aria-describedby and announced. */
  protected _msgs(
    path: string,
    id: string,
    extra?: TemplateResult | string | typeof nothing,
  ): TemplateResult {
    const issues = this._visibleIssues(path);
    return html`<div class="msgs" id="${id}-msg" aria-live="polite">
      ${issues.map(
        (i) =>
          html`<p class="msg ${i.severity}" part="${i.severity === 'error' ? 'error' : 'warning'}">
            ${this._message(i)}
          </p>`,
      )}${extra ?? nothing}
    </div>`;
  }

  protected _fieldClass(path: string, opts: ControlOptions = {}): string {
    const invalid = this._visibleIssues(path).some((i) => i.severity === 'error');
    return `field ${opts.cls ?? ''} ${invalid ? 'invalid' : ''} ${this._isRecommendedEmpty(path) ? 'recommended' : ''}`;
  }

  protected _describedBy(id: string, hint?: string): string {
    return hint ? `${id}-msg ${id}-hint` : `${id}-msg`;
  }

  protected _labelEl(path: string, id: string, opts: ControlOptions): TemplateResult {
    return html`<label for=${id} id="${id}-label" class=${opts.hideLabel ? 'sr-only' : 'label'} part="label"
      >${opts.label ?? this._label(path)}${this._req(path)}</label
    >`;
  }

  protected _hint(id: string, hint?: string): TemplateResult | typeof nothing {
    return hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : nothing;
  }

  protected _isInvalid(path: string): boolean {
    return this._visibleIssues(path).some((i) => i.severity === 'error');
  }

  /**
   * A single-line text input.
   * @internal
   */
  _text(path: string, opts: ControlOptions = {}): TemplateResult {
    const id = this._reg(path);
    const value = (getAt(this._report, path) as string | undefined) ?? '';
    return html`<div class=${this._fieldClass(path, opts)} part="field">
      ${this._labelEl(path, id, opts)}
      <input
        id=${id}
        data-path=${path}
        type="text"
        part="input"
        .value=${live(value)}
        size=${opts.size ?? 20}
        autocomplete=${opts.autocomplete ?? 'off'}
        inputmode=${opts.inputmode ?? 'text'}
        maxlength="200"
        aria-labelledby=${opts.labelledBy ? `${opts.labelledBy} ${id}-label` : `${id}-label`}
        aria-required=${this._isRequired(path) ? 'true' : 'false'}
        aria-invalid=${this._isInvalid(path) ? 'true' : 'false'}
        aria-describedby=${this._describedBy(id, opts.hint)}
        @input=${(e: Event) => this._set(path, (e.target as HTMLInputElement).value, false)}
        @change=${(e: Event) => {
          this._touch(path);
          this._set(path, (e.target as HTMLInputElement).value.trim());
        }}
      />
      ${this._hint(id, opts.hint)} ${this._msgs(path, id)}
    </div>`;
  }

  /**
   * A multi-line text area.
   * @internal
   */
  _textarea(path: string, opts: ControlOptions = {}): TemplateResult {
    const id = this._reg(path);
    const value = (getAt(this._report, path) as string | undefined) ?? '';
    return html`<div class=${this._fieldClass(path, opts)} part="field">
      ${this._labelEl(path, id, opts)}
      <textarea
        id=${id}
        data-path=${path}
        part="input"
        rows="3"
        maxlength="4000"
        .value=${live(value)}
        aria-invalid=${this._isInvalid(path) ? 'true' : 'false'}
        aria-describedby=${this._describedBy(id, opts.hint)}
        @input=${(e: Event) => this._set(path, (e.target as HTMLTextAreaElement).value, false)}
        @change=${(e: Event) => {
          this._touch(path);
          this._set(path, (e.target as HTMLTextAreaElement).value.trim());
        }}
      ></textarea>
      ${this._hint(id, opts.hint)} ${this._msgs(path, id)}
    </div>`;
  }

  /** A katakana input: half-width kana and hiragana become full-width katakana, never during IME composition. */
  protected _kana(path: string, opts: ControlOptions = {}): TemplateResult {
    const id = this._reg(path);
    const value = (getAt(this._report, path) as string | undefined) ?? '';
    const normalizeInto = (input: HTMLInputElement, commit: boolean) => {
      const normalized = normalizeKana(input.value);
      if (normalized !== input.value) {
        const atEnd = input.selectionStart === input.value.length;
        input.value = normalized;
        if (atEnd) input.setSelectionRange(normalized.length, normalized.length);
      }
      this._set(path, commit ? normalized.trim() : normalized, commit);
    };
    return html`<div class=${this._fieldClass(path, opts)} part="field">
      ${this._labelEl(path, id, opts)}
      <input
        id=${id}
        data-path=${path}
        type="text"
        part="input"
        lang="ja"
        size=${opts.size ?? 14}
        autocomplete="off"
        .value=${live(value)}
        aria-labelledby=${opts.labelledBy ? `${opts.labelledBy} ${id}-label` : `${id}-label`}
        aria-invalid=${this._isInvalid(path) ? 'true' : 'false'}
        aria-describedby=${this._describedBy(id, opts.hint)}
        @input=${(e: InputEvent) => {
          const input = e.target as HTMLInputElement;
          if (e.isComposing) return;
          if (e.inputType === 'insertFromPaste' || e.inputType === 'insertReplacementText')
            normalizeInto(input, false);
          else this._set(path, input.value, false);
        }}
        @compositionend=${(e: CompositionEvent) => normalizeInto(e.target as HTMLInputElement, false)}
        @change=${(e: Event) => {
          this._touch(path);
          normalizeInto(e.target as HTMLInputElement, true);
        }}
      />
      ${this._hint(id, opts.hint)} ${this._msgs(path, id)}
    </div>`;
  }

  /** A number input (SpO2). */
  protected _number(path: string, opts: ControlOptions & { min?: number; max?: number; unit?: string } = {}) {
    const id = this._reg(path);
    const value = getAt(this._report, path) as number | undefined;
    const raw = this._raw.get(path) ?? (value === undefined ? '' : String(value));
    return html`<div class=${this._fieldClass(path, opts)} part="field">
      ${this._labelEl(path, id, opts)}
      <span class="with-unit">
        <input
          id=${id}
          data-path=${path}
          type="text"
          inputmode="numeric"
          part="input"
          size="4"
          .value=${live(raw)}
          aria-invalid=${this._isInvalid(path) ? 'true' : 'false'}
          aria-describedby=${this._describedBy(id, opts.hint)}
          @input=${(e: Event) => {
            const raw = (e.target as HTMLInputElement).value;
            const text = raw
              .replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
              .trim();
            this._raw.set(path, raw);
            if (text === '') {
              this._local.delete(path);
              this._set(path, undefined, false);
            } else if (/^\d+(\.\d+)?$/.test(text)) {
              this._local.delete(path);
              this._set(path, Number(text), false);
            } else {
              this._local.set(path, { path, code: 'form.numberInvalid', severity: 'error' });
              this._set(path, undefined, false);
            }
          }}
          @change=${() => {
            this._touch(path);
            if (!this._local.has(path)) this._raw.delete(path);
            this._set(path, getAt(this._report, path));
          }}
        />${opts.unit ? html`<span class="unit">${opts.unit}</span>` : nothing}
      </span>
      ${this._hint(id, opts.hint)} ${this._msgs(path, id)}
    </div>`;
  }

  /**
   * A select over a code list (or explicit options).
   * @internal
   */
  _select(
    path: string,
    list: readonly { code: string; label: string }[],
    opts: ControlOptions & { onPick?: (code: string | undefined) => void; numeric?: boolean } = {},
  ): TemplateResult {
    const id = this._reg(path);
    const value = getAt(this._report, path);
    const current = value === undefined ? '' : String(value);
    return html`<div class=${this._fieldClass(path, opts)} part="field">
      ${this._labelEl(path, id, opts)}
      <select
        id=${id}
        data-path=${path}
        part="select"
        .value=${live(current)}
        aria-labelledby=${opts.labelledBy ? `${opts.labelledBy} ${id}-label` : `${id}-label`}
        aria-required=${this._isRequired(path) ? 'true' : 'false'}
        aria-invalid=${this._isInvalid(path) ? 'true' : 'false'}
        aria-describedby=${this._describedBy(id, opts.hint)}
        @change=${(e: Event) => {
          const v = (e.target as HTMLSelectElement).value;
          this._touch(path);
          const parsed = v === '' ? undefined : opts.numeric && /^\d+$/.test(v) ? Number(v) : v;
          if (opts.onPick) opts.onPick(parsed as string | undefined);
          else this._set(path, parsed);
        }}
      >
        <option value="" ?selected=${current === ''}>${this.l10n.t('form.select')}</option>
        ${list.map((o) => html`<option value=${o.code} ?selected=${o.code === current}>${o.label}</option>`)}
      </select>
      ${this._hint(id, opts.hint)} ${this._msgs(path, id)}
    </div>`;
  }

  /**
   * Radio buttons in a fieldset (inline choices, as on the paper form).
   * @internal
   */
  _radios(
    path: string,
    list: readonly { code: string; label: string }[],
    opts: ControlOptions & { allowClear?: boolean } = {},
  ): TemplateResult {
    const id = this._reg(path);
    const value = getAt(this._report, path);
    return html`<fieldset
      class="${this._fieldClass(path, opts)} choices"
      part="field"
      role="radiogroup"
      aria-labelledby="${id}-label"
      id=${id}
      data-path=${path}
      aria-required=${this._isRequired(path) ? 'true' : 'false'}
      aria-invalid=${this._isInvalid(path) ? 'true' : 'false'}
      aria-describedby=${this._describedBy(id, opts.hint)}
    >
      <legend id="${id}-label" class=${opts.hideLabel ? 'sr-only' : 'label'} part="label">
        ${opts.label ?? this._label(path)}${this._req(path)}
      </legend>
      <div class="options">
        ${list.map(
          (o) =>
            html`<label class="choice"
              ><input
                type="radio"
                name=${id}
                value=${o.code}
                .checked=${live(value === o.code)}
                @change=${() => {
                  this._touch(path);
                  this._set(path, o.code);
                }}
                @click=${(e: MouseEvent) => {
                  // Clicking the chosen option again clears an optional answer (radios cannot be unticked otherwise).
                  if (opts.allowClear && value === o.code && e.detail > 0) {
                    (e.target as HTMLInputElement).checked = false;
                    this._set(path, undefined);
                  }
                }}
              />${o.label}</label
            >`,
        )}
      </div>
      ${this._hint(id, opts.hint)} ${this._msgs(path, id)}
    </fieldset>`;
  }

  /** Checkboxes over a code list, stored as an array of codes. */
  protected _checks(
    path: string,
    list: readonly { code: string; label: string }[],
    opts: ControlOptions & { exclusive?: string } = {},
  ): TemplateResult {
    const id = this._reg(path);
    const value = (getAt(this._report, path) as string[] | undefined) ?? [];
    return html`<fieldset
      class="${this._fieldClass(path, opts)} choices"
      part="field"
      id=${id}
      data-path=${path}
      aria-describedby=${this._describedBy(id, opts.hint)}
    >
      <legend id="${id}-label" class=${opts.hideLabel ? 'sr-only' : 'label'} part="label">
        ${opts.label ?? this._label(path)}${this._req(path)}
      </legend>
      <div class="options">
        ${list.map(
          (o) =>
            html`<label class="choice"
              ><input
                type="checkbox"
                value=${o.code}
                .checked=${live(value.includes(o.code))}
                @change=${(e: Event) => {
                  const on = (e.target as HTMLInputElement).checked;
                  let next = on ? [...value, o.code] : value.filter((c) => c !== o.code);
                  // 症状なし excludes every symptom (and a symptom excludes 症状なし).
                  if (opts.exclusive && on) {
                    next = o.code === opts.exclusive ? [o.code] : next.filter((c) => c !== opts.exclusive);
                  }
                  const order = list.map((l) => l.code);
                  next.sort((a, b) => order.indexOf(a) - order.indexOf(b));
                  this._touch(path);
                  this._set(path, next);
                }}
              />${o.label}</label
            >`,
        )}
      </div>
      ${this._hint(id, opts.hint)} ${this._msgs(path, id)}
    </fieldset>`;
  }

  /** One checkbox bound to a boolean. */
  protected _bool(
    path: string,
    opts: ControlOptions & { onToggle?: (on: boolean) => void } = {},
  ): TemplateResult {
    const id = this._reg(path);
    const value = getAt(this._report, path) === true;
    return html`<div class="field check ${opts.cls ?? ''}" part="field">
      <input
        id=${id}
        data-path=${path}
        type="checkbox"
        .checked=${live(value)}
        @change=${(e: Event) => {
          const on = (e.target as HTMLInputElement).checked;
          if (opts.onToggle) opts.onToggle(on);
          this._set(path, on ? true : undefined);
        }}
      /><label for=${id} part="label">${opts.label ?? this._label(path)}</label>
    </div>`;
  }

  /**
   * A date field: type 西暦 or 和暦 (`2022/9/27`, `R4.9.27`, `S25/4/12`, `20220927`, `令和4年9月27日`),
   * normalized on blur or Enter; both calendars are shown once it is read; a calendar button opens the
   * native picker. Unreadable input stays as typed with an error next to it.
   * @internal
   */
  _date(path: string, opts: ControlOptions = {}): TemplateResult {
    const id = this._reg(path);
    const t = this.l10n.t;
    const iso = getAt(this._report, path) as string | undefined;
    const raw = this._raw.get(path) ?? (iso ? slashDate(iso) : '');
    const commit = (input: HTMLInputElement) => {
      this._touch(path);
      const text = input.value.trim();
      if (text === '') {
        this._raw.delete(path);
        this._local.delete(path);
        this._set(path, undefined);
        return;
      }
      const parsed = parseJapaneseDate(text);
      if (parsed.ok) {
        this._raw.delete(path);
        this._local.delete(path);
        input.value = slashDate(parsed.date);
        this._set(path, parsed.date);
      } else {
        this._raw.set(path, input.value);
        this._local.set(path, {
          path,
          code: 'form.dateUnparseable',
          severity: 'error',
          params: { reason: parsed.code },
        });
        this._set(path, undefined);
      }
    };
    let shown: string | typeof nothing = nothing;
    if (iso && !this._local.has(path)) {
      const wareki = formatWareki(iso);
      shown = wareki && wareki !== iso ? t('form.dateShown', { wareki, iso }) : iso;
    }
    return html`<div class=${this._fieldClass(path, opts)} part="field date-field">
      ${this._labelEl(path, id, opts)}
      <span class="date-row">
        <input
          id=${id}
          data-path=${path}
          type="text"
          part="input"
          size="14"
          autocomplete=${opts.autocomplete ?? 'off'}
          .value=${live(raw)}
          placeholder="R4.9.27"
          aria-labelledby=${opts.labelledBy ? `${opts.labelledBy} ${id}-label` : `${id}-label`}
          aria-required=${this._isRequired(path) ? 'true' : 'false'}
          aria-invalid=${this._isInvalid(path) ? 'true' : 'false'}
          aria-describedby="${id}-msg ${id}-shown"
          @input=${(e: Event) => {
            const text = (e.target as HTMLInputElement).value;
            this._raw.set(path, text);
            const parsed = text.trim() ? parseJapaneseDate(text.trim()) : undefined;
            if (parsed?.ok && parsed.date !== iso) this._set(path, parsed.date, false);
          }}
          @change=${(e: Event) => commit(e.target as HTMLInputElement)}
          @keydown=${(e: KeyboardEvent) => {
            if (e.key === 'Enter' && !e.isComposing) {
              e.preventDefault();
              commit(e.target as HTMLInputElement);
            } else if ((e.altKey && e.key === 'ArrowDown') || e.key === 'F4') {
              // The calendar from the keyboard (as native date inputs do), without an extra Tab stop per date.
              e.preventDefault();
              this._openPicker(
                (e.target as HTMLElement).parentElement!.querySelector('.native-picker')!,
                iso,
              );
            }
          }}
        /><button
          type="button"
          class="picker-btn"
          part="picker-button"
          tabindex="-1"
          aria-label="${this._label(path)}: ${t('form.datePicker')}"
          title=${t('form.datePicker')}
          @click=${(e: Event) =>
            this._openPicker((e.currentTarget as HTMLElement).nextElementSibling as HTMLInputElement, iso)}
        >
          <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
            <path
              fill="currentColor"
              d="M4 0h1v2h6V0h1v2h3v14H1V2h3zm-2 5v10h12V5zm1 2h2v2H3zm4 0h2v2H7zm4 0h2v2h-2zm-8 4h2v2H3zm4 0h2v2H7z"
            />
          </svg></button
        ><input
          type="date"
          class="native-picker"
          tabindex="-1"
          aria-hidden="true"
          @change=${(e: Event) => {
            const v = (e.target as HTMLInputElement).value;
            if (!v) return;
            this._raw.delete(path);
            this._local.delete(path);
            this._touch(path);
            this._set(path, v);
          }}
        />
      </span>
      <p class="hint shown" id="${id}-shown">${shown === nothing ? t('form.dateFormatHint') : shown}</p>
      ${this._msgs(path, id)}
    </div>`;
  }

  private _openPicker(picker: HTMLInputElement, iso: string | undefined): void {
    picker.value = iso ?? '';
    try {
      picker.showPicker();
    } catch {
      // showPicker needs a user gesture and a rendered input; the typed entry still works.
    }
  }

  /** A phone input: formatted on blur; the patient's non-mobile number gets a warning that SMS cannot reach it. */
  protected _phone(path: string, opts: ControlOptions & { mobileHint?: boolean } = {}): TemplateResult {
    const id = this._reg(path);
    const t = this.l10n.t;
    const value = (getAt(this._report, path) as string | undefined) ?? '';
    let extra: TemplateResult | typeof nothing = nothing;
    const parsed = value ? parsePhoneJP(value) : undefined;
    const schemaWarns = this._visibleIssues(path).some((i) => i.code === 'phone.notMobile');
    if (opts.mobileHint && parsed?.ok && !parsed.smsCapable && !schemaWarns) {
      extra = html`<p class="msg warning" part="warning">${t('form.phoneNotMobile')}</p>`;
    }
    return html`<div class=${this._fieldClass(path, opts)} part="field">
      ${this._labelEl(path, id, opts)}
      <input
        id=${id}
        data-path=${path}
        type="tel"
        part="input"
        size=${opts.size ?? 16}
        inputmode="tel"
        autocomplete=${opts.autocomplete ?? 'off'}
        .value=${live(value)}
        aria-labelledby=${opts.labelledBy ? `${opts.labelledBy} ${id}-label` : `${id}-label`}
        aria-required=${this._isRequired(path) ? 'true' : 'false'}
        aria-invalid=${this._isInvalid(path) ? 'true' : 'false'}
        aria-describedby=${this._describedBy(id, opts.hint)}
        @input=${(e: Event) => this._set(path, (e.target as HTMLInputElement).value, false)}
        @change=${(e: Event) => {
          const input = e.target as HTMLInputElement;
          this._touch(path);
          const text = input.value.trim();
          const p = text ? parsePhoneJP(text) : undefined;
          if (p?.ok) {
            input.value = p.formatted;
            this._local.delete(path);
            this._set(path, p.formatted);
          } else {
            if (text) this._local.set(path, { path, code: 'form.phoneUnparseable', severity: 'error' });
            else this._local.delete(path);
            this._set(path, text);
          }
        }}
      />
      ${this._hint(id, opts.hint)} ${this._msgs(path, id, extra)}
    </div>`;
  }

  /** The mobile confirmation: shown once the patient phone is a mobile number; must match to file. */
  protected _phoneConfirmation(opts: ControlOptions = {}): TemplateResult | typeof nothing {
    const phone = this._report.patient?.phone;
    const parsed = phone ? parsePhoneJP(phone) : undefined;
    if (!parsed?.ok || !parsed.smsCapable) return nothing;
    const path = 'patient.phoneConfirmation';
    const t = this.l10n.t;
    const confirm = this._report.patient?.phoneConfirmation;
    const matched = confirm && parsePhoneJP(confirm).digits === parsed.digits;
    return html`${this._phone(path, {
      ...opts,
      label: t('form.phoneConfirm'),
      hint: matched ? undefined : t('form.phoneConfirmNote'),
    })}${matched ? html`<p class="ok" part="confirmed">✓ ${t('form.phoneMatch')}</p>` : nothing}`;
  }

  /** The computed age at diagnosis (never typed): 「72歳」, 「0歳（6か月）」. */
  protected _ageText(): string {
    const dob = this._report.patient?.dateOfBirth;
    const at = this._report.diagnosis?.diagnosisDate ?? this._report.reportDate ?? this.today ?? localToday();
    const t = this.l10n.t;
    if (!dob) return t('form.ageUnknown');
    try {
      const age = ageAtDiagnosis(dob, at);
      if (!age || age.years < 0) return t('form.ageUnknown');
      return age.years === 0
        ? t('form.ageMonths', { years: 0, months: age.months })
        : t('form.age', { years: age.years });
    } catch {
      return t('form.ageUnknown');
    }
  }

  /**
   * Whether the patient is a minor at diagnosis (18 from 2022-04-01, 20 before): guardian fields apply.
   * @internal
   */
  _isMinor(): boolean {
    return this._isMinorIn(this._report);
  }

  private _isMinorIn(r: OccurrenceReport): boolean {
    const dob = r.patient?.dateOfBirth;
    if (!dob) return false;
    const at = r.diagnosis?.diagnosisDate ?? r.reportDate ?? this.today ?? localToday();
    return isMinor(dob, at) === true;
  }

  /** @internal */
  _age(opts: ControlOptions = {}): TemplateResult {
    const id = 'f_age';
    return html`<div class="field age ${opts.cls ?? ''}" part="field">
      <span class=${opts.hideLabel ? 'sr-only' : 'label'} id="${id}-label">${this._label('age')}</span>
      <output id=${id} aria-labelledby="${id}-label" aria-live="polite" part="age">${this._ageText()}</output>
    </div>`;
  }

  // ---------------------------------------------------------------- postal code + address

  /** @internal */
  _labels(list: readonly CodeEntry[]): { code: string; label: string }[] {
    const lng = this._locale;
    return list.map((e) => ({ code: e.code, label: e[lng] }));
  }

  /**
   * 〒 + 都道府県 + 市区町村 + 丁目番地 for `patient.location` / `patient.address`.
   * @internal
   */
  _address(base: string, opts: { hideLabels?: boolean } = {}): TemplateResult {
    const t = this.l10n.t;
    const pcPath = `${base}.postalCode`;
    const id = this._reg(pcPath);
    const pc = (getAt(this._report, pcPath) as string | undefined) ?? '';
    const postal = this._postal?.base === base ? this._postal : undefined;
    const formatted = /^\d{7}$/.test(pc) ? `${pc.slice(0, 3)}-${pc.slice(3)}` : pc;
    return html`<div class="address" part="address">
      <div class=${this._fieldClass(pcPath, { cls: 'postal' })} part="field">
        <label for=${id} id="${id}-label" class="label" part="label">〒 ${this._label('postalCode')}</label>
        <span class="anchor"
          ><input
            id=${id}
            data-path=${pcPath}
            type="text"
            part="input"
            size="9"
            maxlength="10"
            inputmode="numeric"
            autocomplete="off"
            .value=${live(this._raw.get(pcPath) ?? formatted)}
            aria-describedby="${id}-msg ${id}-status"
            role="combobox"
            aria-autocomplete="none"
            aria-expanded=${postal?.status === 'choose' ? 'true' : 'false'}
            aria-controls=${postal?.status === 'choose' ? `${id}-list` : nothing}
            aria-activedescendant=${postal?.status === 'choose' ? `${id}-opt-${postal.active}` : nothing}
            @input=${(e: Event) => {
              const text = (e.target as HTMLInputElement).value;
              const digits = postalDigits(text);
              this._raw.set(pcPath, text);
              this._set(pcPath, digits.length === 7 ? digits : text.trim(), false);
              if (digits.length === 7) void this._lookupPostal(base, digits);
              else if (this._postal?.base === base) this._postal = undefined;
            }}
            @change=${(e: Event) => {
              const input = e.target as HTMLInputElement;
              const digits = postalDigits(input.value);
              this._touch(pcPath);
              if (digits.length === 7) {
                this._raw.delete(pcPath);
                input.value = `${digits.slice(0, 3)}-${digits.slice(3)}`;
              }
              this._set(pcPath, digits.length === 7 ? digits : input.value.trim());
            }}
            @keydown=${(e: KeyboardEvent) => this._postalKey(e, base)}
            @blur=${() => {
              // Leaving without choosing closes the list (↓ reopens it); the status line still says why.
              if (this._postal?.base === base && this._postal.status === 'choose') {
                this._postal = { ...this._postal, status: 'closed' };
              }
            }}
          />
          ${
            postal?.status === 'choose'
              ? html`<ul
                  class="listbox"
                  role="listbox"
                  id="${id}-list"
                  part="listbox"
                  aria-label=${t('form.postalChoose', { count: postal.hits.length })}
                >
                  ${postal.hits.map(
                    (h, i) =>
                      html`<li
                        role="option"
                        id="${id}-opt-${i}"
                        class=${i === postal.active ? 'active' : ''}
                        aria-selected=${i === postal.active ? 'true' : 'false'}
                        @mousedown=${(e: Event) => e.preventDefault()}
                        @click=${() => this._pickPostal(base, h)}
                      >
                        ${this._prefName(h.prefectureCode)} ${h.city} ${h.town}
                      </li>`,
                  )}
                </ul>`
              : nothing
          }</span
        >
        <p class="hint" id="${id}-status" role="status">${postal?.message ?? ''}</p>
        ${this._msgs(pcPath, id)}
      </div>
      ${this._select(`${base}.prefectureCode`, this._labels(PREFECTURES), {
        label: this._label('prefectureCode'),
        hideLabel: opts.hideLabels,
        cls: 'pref',
      })}
      ${this._text(`${base}.city`, { label: this._label('city'), cls: 'city', size: 16 })}
      ${this._text(`${base}.street`, { label: this._label('street'), cls: 'street', size: 28 })}
    </div>`;
  }

  private _prefName(code: string): string {
    return PREFECTURES.find((p) => p.code === code)?.[this._locale] ?? '';
  }

  private async _lookupPostal(base: string, digits: string): Promise<void> {
    const t = this.l10n.t;
    this._postal = { base, status: 'looking', hits: [], active: 0, message: t('form.postalLooking') };
    let hits: PostalHit[] = [];
    try {
      hits = await this.postalLookup(digits);
    } catch (error) {
      console.warn('hersys-report-form: postal lookup failed', error);
    }
    // The user may have typed on meanwhile: only apply the answer for the code still in the field.
    if (postalDigits(String(getAt(this._report, `${base}.postalCode`) ?? '')) !== digits) return;
    if (hits.length === 0) {
      this._postal = { base, status: 'notFound', hits, active: 0, message: t('form.postalNotFound') };
    } else if (hits.length === 1) {
      this._pickPostal(base, hits[0]!, false);
    } else {
      this._postal = {
        base,
        status: 'choose',
        hits,
        active: 0,
        message: t('form.postalChoose', { count: hits.length }),
      };
    }
  }

  private _pickPostal(base: string, hit: PostalHit, moveFocus = true): void {
    let r = setAt(this._report, `${base}.prefectureCode`, hit.prefectureCode);
    r = setAt(r, `${base}.city`, hit.city);
    const street = (getAt(r, `${base}.street`) as string | undefined) ?? '';
    // Keep a street the user already typed if it starts with the town; otherwise start it with the town.
    if (hit.town && !street.startsWith(hit.town)) r = setAt(r, `${base}.street`, hit.town + street);
    this._report = r;
    const address = `${this._prefName(hit.prefectureCode)}${hit.city}${hit.town}`;
    this._postal = {
      base,
      status: 'filled',
      hits: [],
      active: 0,
      message: this.l10n.t('form.postalFilled', { address }),
    };
    this._validate();
    this._scheduleSave();
    this._emitChange();
    if (moveFocus) {
      void this.updateComplete.then(() => {
        const streetInput = this._controlFor(`${base}.street`) as HTMLInputElement | undefined;
        streetInput?.focus();
        streetInput?.setSelectionRange(streetInput.value.length, streetInput.value.length);
      });
    }
  }

  private _postalKey(e: KeyboardEvent, base: string): void {
    const p = this._postal;
    if (p?.base === base && p.status === 'closed' && e.key === 'ArrowDown') {
      e.preventDefault();
      this._postal = { ...p, status: 'choose' };
      return;
    }
    if (!p || p.base !== base || p.status !== 'choose') return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const d = e.key === 'ArrowDown' ? 1 : -1;
      this._postal = { ...p, active: (p.active + d + p.hits.length) % p.hits.length };
    } else if (e.key === 'Enter') {
      e.preventDefault();
      this._pickPostal(base, p.hits[p.active]!);
    } else if (e.key === 'Escape') {
      this._postal = undefined;
    }
  }

  // ---------------------------------------------------------------- combobox (doctor master, institutions, health centers)

  protected _combobox(
    path: string,
    opts: ControlOptions & {
      value: string;
      search?: (q: string) => Promise<ComboOption[]>;
      onType: (text: string, commit: boolean) => void;
    },
  ): TemplateResult {
    const id = this._reg(path);
    const combo = this._combo?.path === path ? this._combo : undefined;
    const open = !!combo && (combo.loading || combo.options.length > 0 || combo.query.length > 0);
    const t = this.l10n.t;
    const listId = `${id}-list`;
    return html`<div class="${this._fieldClass(path, opts)} combo" part="field">
      ${this._labelEl(path, id, opts)}
      <input
        id=${id}
        data-path=${path}
        type="text"
        part="input"
        role="combobox"
        size=${opts.size ?? 24}
        autocomplete="off"
        aria-autocomplete="list"
        aria-expanded=${open ? 'true' : 'false'}
        aria-controls=${listId}
        aria-activedescendant=${combo && combo.options.length ? `${id}-opt-${combo.active}` : ''}
        aria-labelledby=${opts.labelledBy ? `${opts.labelledBy} ${id}-label` : `${id}-label`}
        aria-required=${this._isRequired(path) ? 'true' : 'false'}
        aria-invalid=${this._isInvalid(path) ? 'true' : 'false'}
        aria-describedby=${this._describedBy(id, opts.hint)}
        .value=${live(opts.value)}
        @input=${(e: Event) => {
          const text = (e.target as HTMLInputElement).value;
          opts.onType(text, false);
          if (opts.search) this._runSearch(path, text, opts.search);
        }}
        @focus=${(e: Event) => {
          if (opts.search && !this._combo)
            this._runSearch(path, (e.target as HTMLInputElement).value, opts.search, 0);
        }}
        @change=${(e: Event) => {
          this._touch(path);
          opts.onType((e.target as HTMLInputElement).value.trim(), true);
        }}
        @blur=${() => {
          if (this._combo?.path === path) this._combo = undefined;
        }}
        @keydown=${(e: KeyboardEvent) => this._comboKey(e, path, opts.search)}
      />
      <ul
        class="listbox ${open ? 'open' : ''}"
        role="listbox"
        id=${listId}
        part="listbox"
        aria-label=${this._label(path)}
      >
        ${combo?.loading ? html`<li class="status" role="presentation">${t('form.searching')}</li>` : nothing}
        ${
          combo && !combo.loading && combo.options.length === 0 && combo.query
            ? html`<li class="status" role="presentation">${t('form.noMatch')}</li>`
            : nothing
        }
        ${(combo?.options ?? []).map(
          (o, i) =>
            html`<li
              role="option"
              id="${id}-opt-${i}"
              class=${i === combo!.active ? 'active' : ''}
              aria-selected=${i === combo!.active ? 'true' : 'false'}
              @mousedown=${(e: Event) => e.preventDefault()}
              @click=${() => {
                o.pick();
                this._combo = undefined;
              }}
            >
              <span class="opt-label">${o.label}</span>${
                o.detail ? html`<span class="opt-detail">${o.detail}</span>` : nothing
              }
            </li>`,
        )}
      </ul>
      ${this._hint(id, opts.hint)} ${this._msgs(path, id)}
    </div>`;
  }

  private _runSearch(
    path: string,
    query: string,
    search: (q: string) => Promise<ComboOption[]>,
    delay = 180,
  ): void {
    if (this._searchTimer) clearTimeout(this._searchTimer);
    const seq = ++this._searchSeq;
    this._combo = {
      path,
      options: this._combo?.path === path ? this._combo.options : [],
      active: 0,
      loading: true,
      query,
    };
    this._searchTimer = setTimeout(async () => {
      let options: ComboOption[] = [];
      try {
        options = await search(query);
      } catch (error) {
        console.warn('hersys-report-form: search failed', error);
      }
      if (seq !== this._searchSeq || this._combo?.path !== path) return;
      this._combo = { path, options, active: 0, loading: false, query };
    }, delay);
  }

  private _comboKey(e: KeyboardEvent, path: string, search?: (q: string) => Promise<ComboOption[]>): void {
    const combo = this._combo?.path === path ? this._combo : undefined;
    if (e.key === 'ArrowDown' && !combo && search) {
      e.preventDefault();
      this._runSearch(path, (e.target as HTMLInputElement).value, search, 0);
      return;
    }
    if (!combo || combo.options.length === 0) {
      if (e.key === 'Escape') this._combo = undefined;
      return;
    }
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const d = e.key === 'ArrowDown' ? 1 : -1;
      this._combo = { ...combo, active: (combo.active + d + combo.options.length) % combo.options.length };
    } else if (e.key === 'Enter' && !e.isComposing) {
      e.preventDefault();
      combo.options[combo.active]!.pick();
      this._combo = undefined;
    } else if (e.key === 'Escape') {
      e.preventDefault();
      this._combo = undefined;
    }
  }

  protected _facilityOptions(search: FacilitySearch | undefined, pick: (o: FacilityOption) => void) {
    if (!search) return undefined;
    return async (q: string): Promise<ComboOption[]> =>
      (await search(q)).map((o) => ({
        id: o.code,
        label: o.name,
        detail: o.detail ?? o.address,
        pick: () => pick(o),
      }));
  }

  /** 届出先保健所 / 担当保健所: a picker over the host's search; without one, free text. */
  protected _healthCenter(
    path: 'healthCenters.notified' | 'healthCenters.responsible',
    opts: ControlOptions = {},
  ) {
    const ref = getAt(this._report, path) as { code: string; name: string } | undefined;
    const search = this.searchHealthCenters;
    return this._combobox(path, {
      ...opts,
      hint: opts.hint ?? (search ? this.l10n.t('form.healthCenterHint') : undefined),
      value: this._raw.get(path) ?? ref?.name ?? '',
      search: this._facilityOptions(search, (o) => {
        this._raw.delete(path);
        this._local.delete(path);
        this._touch(path);
        this._set(path, { code: o.code, name: o.name });
      }),
      onType: (text, commit) => {
        if (!search) {
          // No directory from the host: the typed name is the reference.
          this._set(
            path,
            text.trim() ? { code: text.trim().slice(0, 32), name: text.trim() } : undefined,
            commit,
          );
          return;
        }
        if (ref && text === ref.name) return;
        this._raw.set(path, text);
        if (commit && text.trim()) {
          this._local.set(path, { path, code: 'form.pickFromList', severity: 'error' });
        } else if (!text.trim()) {
          this._raw.delete(path);
          this._local.delete(path);
        }
        this._set(path, undefined, commit);
      },
    });
  }

  /** 従事する病院・診療所の名称: free text, or picked from the host's search (fills address and phone). */
  protected _institution(opts: ControlOptions = {}): TemplateResult {
    const path = 'reporter.institutionName';
    return this._combobox(path, {
      ...opts,
      size: 32,
      hint: opts.hint ?? (this.searchInstitutions ? this.l10n.t('form.institutionHint') : undefined),
      value: this._report.reporter?.institutionName ?? '',
      search: this._facilityOptions(this.searchInstitutions, (o) => {
        let r = setAt(this._report, 'reporter.institutionName', o.name);
        r = setAt(r, 'reporter.institutionCode', o.code);
        if (o.address) r = setAt(r, 'reporter.institutionAddress', o.address);
        if (o.phone) r = setAt(r, 'reporter.institutionPhone', o.phone);
        this._report = r;
        this._touch(path);
        this._validate();
        this._scheduleSave();
        this._emitChange();
      }),
      onType: (text, commit) => {
        if (text === this._report.reporter?.institutionName) {
          if (commit) this._emitChange();
          return;
        }
        let r = setAt(this._report, path, text);
        if (r.reporter?.institutionCode) r = setAt(r, 'reporter.institutionCode', undefined);
        this._report = r;
        this._validate();
        this._scheduleSave();
        if (commit) this._emitChange();
      },
    });
  }

  /** 医師の氏名 (姓): offers the registered doctors of the doctor master. */
  protected _doctorFamilyName(opts: ControlOptions = {}): TemplateResult {
    const path = 'reporter.doctorFamilyName';
    const doctors = this._doctors;
    return this._combobox(path, {
      ...opts,
      size: 10,
      value: this._report.reporter?.doctorFamilyName ?? '',
      search: doctors.length
        ? async (q: string) =>
            doctors
              .filter((d) => !q || d.familyName.startsWith(q) || `${d.familyName}${d.givenName}`.includes(q))
              .map((d) => ({
                id: `${d.familyName} ${d.givenName}`,
                label: `${d.familyName} ${d.givenName}`,
                detail: this.l10n.t('form.registeredDoctors'),
                pick: () => {
                  let r = setAt(this._report, 'reporter.doctorFamilyName', d.familyName);
                  r = setAt(r, 'reporter.doctorGivenName', d.givenName);
                  this._report = r;
                  this._touch(path);
                  this._validate();
                  this._scheduleSave();
                  this._emitChange();
                },
              }))
        : undefined,
      onType: (text, commit) => this._set(path, text, commit),
    });
  }

  /** 「医師マスタに登録する」: appears once a doctor's name is typed (as in the manual). */
  protected _doctorRegister(): TemplateResult | typeof nothing {
    const r = this._report.reporter;
    if (!r?.doctorFamilyName?.trim()) return nothing;
    const id = 'f_doctorRegister';
    return html`<div class="field check register" part="field">
      <input
        id=${id}
        type="checkbox"
        .checked=${live(this._isRegisteredDoctor())}
        @change=${(e: Event) => void this._toggleDoctorRegistration((e.target as HTMLInputElement).checked)}
      /><label for=${id}>${this.l10n.t('form.registerDoctor')}</label>
    </div>`;
  }

  // ---------------------------------------------------------------- diagnostic methods rows

  /** @internal */
  _methods(opts: { compact?: boolean } = {}): TemplateResult {
    const t = this.l10n.t;
    const rows = this._report.diagnosis?.methods ?? [];
    const lng = this._locale;
    this._reg('diagnosis.methods');
    return html`<div
      class="methods"
      id=${controlId('diagnosis.methods')}
      data-path="diagnosis.methods"
      part="methods"
    >
      ${rows.map((row, i) => {
        const base = `diagnosis.methods.${i}`;
        const rowLabel = `${controlId(base)}-legend`;
        const method = DIAGNOSTIC_METHODS.find((m) => m.code === row.method);
        const specimens = this._labels(
          (method?.specimens ?? []).map((code) => {
            const s = SPECIMEN_INDEX.get(code)!;
            return s;
          }),
        );
        return html`<fieldset class="method-row" part="method-row">
          <legend class="label" id="${controlId(base)}-legend">${t('form.methodN', { n: i + 1 })}</legend>
          ${this._select(
            `${base}.method`,
            DIAGNOSTIC_METHODS.map((m) => ({ code: m.code, label: m[lng] })),
            { label: t('form.label.method'), cls: 'method', labelledBy: rowLabel },
          )}
          ${this._select(`${base}.specimen`, specimens, { label: t('form.label.specimen'), labelledBy: rowLabel })}
          ${
            row.specimen === 'other'
              ? this._text(`${base}.specimenOther`, {
                  label: t('form.label.specimenOther'),
                  labelledBy: rowLabel,
                })
              : nothing
          }
          ${this._date(`${base}.collectionDate`, { label: t('form.label.collectionDate'), labelledBy: rowLabel })}
          ${this._radios(`${base}.result`, this._labels(TEST_RESULT_LIST), { label: t('form.label.result') })}
          <button
            type="button"
            class="secondary"
            part="remove-button"
            @click=${() => {
              const next = rows.filter((_, j) => j !== i);
              for (const key of [...this._raw.keys()])
                if (key.startsWith('diagnosis.methods.')) this._raw.delete(key);
              for (const key of [...this._local.keys()])
                if (key.startsWith('diagnosis.methods.')) this._local.delete(key);
              this._set('diagnosis.methods', next);
              void this.updateComplete.then(() =>
                (this.renderRoot as ShadowRoot).querySelector<HTMLElement>('.add-method')?.focus(),
              );
            }}
          >
            ${t('form.removeMethod', { n: i + 1 })}
          </button>
        </fieldset>`;
      })}
      <button
        type="button"
        class="secondary add-method"
        part="add-button"
        @click=${() => {
          const next = [
            ...rows,
            { method: (opts.compact ? 'nucleicAcid' : 'antigenQualitative') as 'antigenQualitative' },
          ];
          this._set('diagnosis.methods', next);
          void this.updateComplete.then(() =>
            this._controlFor(`diagnosis.methods.${next.length - 1}.method`)?.focus(),
          );
        }}
      >
        ＋ ${t('form.addMethod')}
      </button>
      ${this._msgs('diagnosis.methods', controlId('diagnosis.methods'))}
    </div>`;
  }

  // ---------------------------------------------------------------- shared chrome

  /** The 「FAX様式」 switch (manual: the toggle at the top right of the form). */
  protected _layoutSwitch(): TemplateResult {
    const fax = this.layout === 'fax';
    return html`<button
      type="button"
      role="switch"
      class="switch"
      part="layout-switch"
      aria-checked=${fax ? 'true' : 'false'}
      @click=${() => {
        this.layout = fax ? 'standard' : 'fax';
        void this.updateComplete.then(() =>
          (this.renderRoot as ShadowRoot).querySelector<HTMLElement>('[role="switch"]')?.focus(),
        );
      }}
    >
      <span class="track" aria-hidden="true"><span class="thumb"></span></span>
      <span>${this.l10n.t('form.faxToggle')}</span>
    </button>`;
  }

  protected _draftBanner(): TemplateResult | typeof nothing {
    const d = this._draft;
    if (!d) return nothing;
    const t = this.l10n.t;
    let savedAt = d.savedAt;
    try {
      savedAt = new Intl.DateTimeFormat(this._locale === 'en' ? 'en-GB' : 'ja-JP', {
        dateStyle: 'short',
        timeStyle: 'short',
      }).format(new Date(d.savedAt));
    } catch {
      // keep the ISO text
    }
    return html`<div
      class="banner"
      role="region"
      aria-label=${t('form.draftBanner', { savedAt })}
      part="draft-banner"
    >
      <p>${t('form.draftBanner', { savedAt })}</p>
      <button type="button" class="primary" @click=${() => this._restoreDraft()}>
        ${t('form.draftRestore')}
      </button>
      <button type="button" class="secondary" @click=${() => void this._discardDraft()}>
        ${t('form.draftDiscard')}
      </button>
    </div>`;
  }

  private _draftStatusLine(): TemplateResult | typeof nothing {
    const d = this._draftStatus;
    if (!d || !this.draftStore) return nothing;
    const t = this.l10n.t;
    const time = d.at.toLocaleTimeString(this._locale === 'en' ? 'en-GB' : 'ja-JP', {
      hour: '2-digit',
      minute: '2-digit',
    });
    return d.ok
      ? html`<p class="draft-status" part="draft-status">${t('form.draftSaved')} (${time})</p>`
      : html`<p class="draft-status failed" part="draft-status" role="alert">${t('form.draftFailed')}</p>`;
  }

  protected _actions(): TemplateResult {
    const t = this.l10n.t;
    const errors = this._showAll ? this._issues.filter((i) => i.severity === 'error').length : 0;
    return html`<div class="actions" part="actions">
      <p class="live" role="status" aria-live="polite" aria-atomic="true" part="summary">${this._announce}</p>
      ${this._draftStatusLine()}
      ${errors ? html`<p class="error-count" aria-hidden="true">${t('form.errorCount', { count: errors })}</p>` : nothing}
      <button
        type="button"
        class="primary submit"
        part="submit-button"
        ?disabled=${this.disabled}
        @click=${() => void this.submit()}
      >
        ${t('form.submit')}
      </button>
    </div>`;
  }
}

const SPECIMEN_INDEX = new Map<string, CodeEntry>();
for (const s of SPECIMENS) SPECIMEN_INDEX.set(s.code, s);
const TEST_RESULT_LIST: readonly CodeEntry[] = TEST_RESULTS;
