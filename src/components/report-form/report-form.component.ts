import { adoptStyles, html, nothing, unsafeCSS, type PropertyValues, type TemplateResult } from 'lit';
import {
  CATEGORIES,
  CERTAINTIES,
  DEATH_CATEGORIES,
  INFECTION_AREAS,
  INFECTION_ROUTES,
  ONSET_CATEGORIES,
  PREFECTURES,
  RISK_FACTORS,
  SEVERITIES,
  SEXES,
  SYMPTOMS,
  VACCINES,
  YES_NO,
  YES_NO_UNKNOWN,
} from '../../schema/index.js';
import { loadLocale, registerResourcePack } from '../../locales/runtime.js';
import { ReportFormBase } from './report-form-base.js';
import { reportFormStyles } from './report-form.styles.js';
import type { FaxLayoutHost, FaxLayoutKit } from './report-form-fax.js';

type FaxModule = typeof import('./report-form-fax.js'); // eslint-disable-line @typescript-eslint/consistent-type-imports -- the type of a module loaded by import()

/** Lit's tags and the code lists the FAX sheet shows (./report-form-fax.ts imports no code itself). */
const FAX_KIT: FaxLayoutKit = {
  html,
  nothing,
  CATEGORIES,
  SEXES,
  VACCINES,
  YES_NO_UNKNOWN,
  ONSET_CATEGORIES,
  DEATH_CATEGORIES,
};

/** The FAX layout's module once loaded (shared by every form on the page). */
let faxModule: FaxModule | undefined;
let faxLoading: Promise<FaxModule> | undefined;

/** Loads the FAX layout (template, styles, strings) once; a failed load is tried again next time. */
function loadFax(): Promise<FaxModule> {
  faxLoading ??= import('./report-form-fax.js').then(
    (m) => {
      registerResourcePack(m.REPORT_FAX_STRINGS);
      return (faxModule = m);
    },
    (error: unknown) => {
      faxLoading = undefined;
      throw error;
    },
  );
  return faxLoading;
}

/**
 * The 発生届 (COVID-19 occurrence report, HER-SYS ver.2) entry form.
 *
 * `layout="standard"` follows the HER-SYS manual's 発生届(ver.2) screen (sections 1–13 in its order);
 * `layout="fax"` lays out the same fields like the paper form 別記様式6-1 (items 1–19); its code, styles and
 * strings load when it is first shown (the update waits for them, `updateComplete` included). The visible
 * 「FAX様式」 switch changes layouts without losing any value. Dates take 西暦 or 和暦, the age at
 * diagnosis is computed, the postal code fills the address (offline data), the patient's mobile number
 * must be typed twice, and drafts autosave through a host `draftStore`.
 *
 * Form-associated: inside a `<form>` it submits the report as JSON under `name`, takes part in
 * `reset()`, validity and state restore.
 *
 * @summary The 発生届 entry form (standard HER-SYS screen and FAX/paper layout).
 * @tagname hersys-report-form
 *
 * @attribute name - The name the report is submitted under (FormData value: the report as JSON).
 * @attribute disabled - Disables every control (also set by an enclosing `<fieldset disabled>`).
 * @property {HTMLFormElement | null} form - The owning `<form>`.
 * @property {ValidityState} validity - `customError` while the report has errors.
 * @property {string} validationMessage - The message `reportValidity()` shows.
 *
 * @fires {CustomEvent<HersysChangeDetail>} hersys-change - Every committed change: `{ value, issues }`. Bubbles, composed.
 * @fires {CustomEvent<HersysSubmitDetail>} hersys-submit - 確認 pressed and no error: `{ report, issues }`. Bubbles, composed.
 *
 * @csspart form - The root container of either layout.
 * @csspart header - Title, lead text and the layout switch.
 * @csspart layout-switch - The 「FAX様式」 switch.
 * @csspart draft-banner - The 「保存されていない入力があります」 banner.
 * @csspart section - A numbered section (standard) or a boxed item (FAX).
 * @csspart section-title - The heading of a section or item.
 * @csspart field - The wrapper of one control with its label and messages.
 * @csspart label - A field label.
 * @csspart required-badge - The 必須 badge.
 * @csspart input - Text, date, phone and number inputs.
 * @csspart select - Select boxes.
 * @csspart picker-button - The calendar button of a date field.
 * @csspart listbox - Suggestion lists (postal towns, doctors, institutions, health centers).
 * @csspart error - An error message next to a field.
 * @csspart warning - A warning message next to a field.
 * @csspart age - The computed age.
 * @csspart methods - The diagnostic-method rows.
 * @csspart actions - The bottom bar with the 確認 button and the announced summary.
 * @csspart submit-button - The 確認 button.
 *
 * @cssprop --hersys-font-family - Font stack.
 * @cssprop --hersys-font-size - Base font size.
 * @cssprop --hersys-color-text - Text colour.
 * @cssprop --hersys-color-surface - Background of the form.
 * @cssprop --hersys-color-surface-alt - Background of headings and cells.
 * @cssprop --hersys-color-border - Control borders.
 * @cssprop --hersys-color-primary - Primary buttons, the switch, links.
 * @cssprop --hersys-color-danger - Errors and the 必須 badge.
 * @cssprop --hersys-color-recommended - The yellow frame of recommended fields that are empty.
 * @cssprop --hersys-color-focus - The focus ring.
 * @cssprop --hersys-radius - Corner radius of controls.
 * @cssprop --hersys-spacing - Base spacing unit.
 */
export class HersysReportForm extends ReportFormBase implements FaxLayoutHost {
  static override styles = reportFormStyles;

  /** Whether this form's shadow root has the FAX styles (adopted once, when the layout is first shown). */
  private _faxStyled = false;

  /**
   * ReactiveElement awaits what this returns before updating: a FAX render first waits for the FAX
   * module (and its strings in the current locale), so the sheet is drawn whole, in one update.
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    if (this.layout !== 'fax' || faxModule) return super.scheduleUpdate();
    return loadFax()
      .then(() => loadLocale(this._locale))
      .catch((error: unknown) =>
        console.warn('hersys-report-form: the FAX layout could not be loaded', error),
      )
      .then(() => super.scheduleUpdate());
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.layout === 'fax' && faxModule && !this._faxStyled && this.shadowRoot) {
      adoptStyles(this.shadowRoot, [
        ...HersysReportForm.elementStyles,
        unsafeCSS(faxModule.reportFormFaxCss),
      ]);
      this._faxStyled = true;
    }
  }

  override render(): TemplateResult {
    // Without its module (a failed load) the FAX layout falls back to the standard one, values intact.
    const fax = this.layout === 'fax' ? faxModule : undefined;
    return html`<div
      class="form layout-${this.layout}"
      part="form"
      lang=${this._locale}
      @keydown=${this._onKeydown}
    >
      <header class="header" part="header">
        <h2 class="title">${fax ? this.l10n.t('form.fax.title') : this.l10n.t('form.title')}</h2>
        ${this._layoutSwitch()}
        <p class="lead">${this.l10n.t('form.lead')}</p>
      </header>
      ${this._draftBanner()}
      <fieldset class="root" ?disabled=${this.disabled} aria-label=${this.l10n.t('form.title')}>
        <p class="legend-note">
          <span class="swatch" aria-hidden="true"></span>${this.l10n.t('form.recommendedLegend')}
        </p>
        ${fax ? fax.faxLayout(this, FAX_KIT, { t: this.l10n.t, report: this._report, minor: this._isMinor() }) : this._standardLayout()}
      </fieldset>
      ${this._actions()}
    </div>`;
  }

  /** Ctrl+Enter (⌘+Enter) anywhere in the form is 確認, so a keyboard user need not travel to the button. */
  private _onKeydown = (e: KeyboardEvent): void => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.isComposing && !this.disabled) {
      e.preventDefault();
      // Commit the field being edited first (its change event), as leaving it would.
      (this.shadowRoot?.activeElement as HTMLElement | null)?.blur();
      void this.submit();
    }
  };

  // ------------------------------------------------------------------ shared groups
  // Public (@internal) like the base's field templates: the FAX layout, a module loaded by need, calls them.

  /** A numbered section of the standard layout, titled by `form.section.<id>`. */
  private _section(id: string, body: unknown, cls = ''): TemplateResult {
    return html`<section class="section ${cls}" part="section" aria-labelledby="s-${id}">
      <h3 class="section-title" id="s-${id}" part="section-title">${this.l10n.t(`form.section.${id}`)}</h3>
      <div class="section-body">${body}</div>
    </section>`;
  }

  private _groupLabel(id: string, text: string, path?: string): TemplateResult {
    return html`<span class="group-label label" id=${id}>${text}${path ? this._req(path) : nothing}</span>`;
  }

  private get _category() {
    return this._report.patient?.category;
  }

  /** @internal */
  _doctorGroup(): TemplateResult {
    const t = this.l10n.t;
    return html`<div class="row" role="group" aria-labelledby="g-doctor">
      ${this._groupLabel('g-doctor', t('form.label.doctorName'))}
      ${this._doctorFamilyName({ labelledBy: 'g-doctor' })}
      ${this._text('reporter.doctorGivenName', { labelledBy: 'g-doctor', size: 10 })}
      ${this._doctorRegister()}
    </div>`;
  }

  /** @internal */
  _institutionGroup(): TemplateResult {
    const t = this.l10n.t;
    return html`<div class="row">${this._institution()}</div>
      <div class="row">
        ${this._text('reporter.institutionAddress', { size: 40, cls: 'wide' })}
        ${this._phone('reporter.institutionPhone')}
      </div>
      <p class="note">${t('form.notAtInstitutionNote')}</p>
      <div class="row">
        ${this._bool('reporter.notAtInstitution', { label: t('form.notAtInstitution') })}
        ${this._phone('reporter.outOfHoursPhone')}
      </div>`;
  }

  /** @internal */
  _nameGroup(): TemplateResult {
    const t = this.l10n.t;
    return html`<div class="row" role="group" aria-labelledby="g-name">
        ${this._groupLabel('g-name', t('form.label.patientName'))}
        ${this._text('patient.familyName', { labelledBy: 'g-name', size: 12, autocomplete: 'off' })}
        ${this._text('patient.givenName', { labelledBy: 'g-name', size: 12 })}
      </div>
      <div class="row" role="group" aria-labelledby="g-kana">
        ${this._groupLabel('g-kana', t('form.label.patientKana'))}
        ${this._kana('patient.familyNameKana', { labelledBy: 'g-kana' })}
        ${this._kana('patient.givenNameKana', { labelledBy: 'g-kana' })}
      </div>`;
  }

  /** @internal */
  _patientPhone(): TemplateResult {
    const t = this.l10n.t;
    return html`<div class="row">
      ${this._phone('patient.phone', { hint: t('form.phoneNote'), mobileHint: true, autocomplete: 'off' })}
      ${this._phoneConfirmation()}
    </div>`;
  }

  /** @internal */
  _addressGroup(): TemplateResult {
    const t = this.l10n.t;
    const p = this._report.patient;
    return html`<p class="note">${t('form.addressNote')}</p>
      ${this._bool('patient.addressSameAsLocation', { label: t('form.sameAsLocation') })}
      ${p?.addressSameAsLocation ? nothing : this._address('patient.address')}
      <div class="row">
        ${this._bool('patient.addressPhoneSameAsLocation', { label: t('form.samePhoneAsLocation') })}
        ${p?.addressPhoneSameAsLocation ? nothing : this._phone('patient.addressPhone')}
      </div>`;
  }

  /** @internal */
  _guardianName(): TemplateResult {
    return this._text('patient.guardian.name', { size: 24 });
  }

  /** @internal */
  _guardianPhone(): TemplateResult {
    return this._phone('patient.guardian.phone');
  }

  private _diagnosisDates(): TemplateResult {
    const t = this.l10n.t;
    const cat = this._category;
    const onset = cat !== undefined && ONSET_CATEGORIES.includes(cat);
    const death = cat !== undefined && DEATH_CATEGORIES.includes(cat);
    return html`${this._date('diagnosis.diagnosisDate')}
    ${this._date('diagnosis.specimenCollectionDate', { hint: t('form.specimenNote') })}
    ${onset ? this._date('diagnosis.onsetDate') : nothing}
    ${death ? this._date('diagnosis.deathDate') : nothing} ${this._date('diagnosis.firstVisitDate')}
    ${this._date('diagnosis.estimatedInfectionDate')}`;
  }

  /** @internal */
  _symptoms(hideLabel = false): TemplateResult {
    const t = this.l10n.t;
    const list = this._report.diagnosis?.symptoms ?? [];
    return html`${this._checks('diagnosis.symptoms', this._labels(SYMPTOMS), { exclusive: 'none', hideLabel, cls: 'wrap' })}
      <div class="row">
        ${list.includes('other') ? this._text('diagnosis.symptomOther', { size: 30 }) : nothing}
        ${this._number('diagnosis.spo2', { unit: t('form.spo2Unit') })}
      </div>`;
  }

  /** @internal */
  _infection(): TemplateResult {
    const t = this.l10n.t;
    const inf = this._report.infection;
    const certainty = this._labels(CERTAINTIES);
    return html`<div class="row">
        ${this._radios('infection.routeCertainty', certainty, { allowClear: true })}
        ${this._radios('infection.route', this._labels(INFECTION_ROUTES), { allowClear: true })}
      </div>
      <div class="row">${this._text('infection.routeDetail', { size: 40, cls: 'wide' })}</div>
      <div class="row">
        ${this._radios('infection.regionCertainty', certainty, { allowClear: true })}
        ${this._radios('infection.area', this._labels(INFECTION_AREAS), { allowClear: true })}
      </div>
      ${
        inf?.area === 'domestic'
          ? html`<div class="row">
              ${this._select('infection.prefectureCode', this._labels(PREFECTURES))}
              ${this._text('infection.city')}
            </div>`
          : nothing
      }
      ${
        inf?.area === 'abroad'
          ? html`<div class="row">
                ${this._text('infection.countries', { size: 30 })}
                ${this._text('infection.regionDetail', { size: 24 })}
              </div>
              <div class="row" role="group" aria-labelledby="g-travel">
                ${this._groupLabel('g-travel', t('form.travel'))} ${this._bool('infection.residentAbroad')}
                ${inf.residentAbroad ? nothing : this._date('infection.departureDate')}
                ${this._date('infection.entryDate')}
              </div>`
          : nothing
      }`;
  }

  /** @internal */
  _vaccination(): TemplateResult {
    const t = this.l10n.t;
    const v = this._report.vaccination;
    const counts = [
      ...Array.from({ length: 8 }, (_, n) => ({ code: String(n), label: t('form.doses', { count: n }) })),
      { code: 'unknown', label: t('form.doseUnknown') },
    ];
    const given = typeof v?.doseCount === 'number' && v.doseCount > 0;
    return html`<p class="note">${t('form.vaccineNote')}</p>
      <div class="row">
        ${this._select('vaccination.doseCount', counts, { numeric: true, label: t('form.doseCount') })}
        ${given ? this._date('vaccination.latestDate') : nothing}
        ${given ? this._select('vaccination.latestVaccine', this._labels(VACCINES)) : nothing}
        ${given && v?.latestVaccine === 'other' ? this._text('vaccination.latestVaccineOther') : nothing}
      </div>`;
  }

  /** @internal */
  _risk(): TemplateResult {
    const t = this.l10n.t;
    const rf = this._report.riskFactors;
    const lng = this._locale;
    return html`<p class="note">${t('form.riskNote')}</p>
      ${this._radios('riskFactors.presence', this._labels(YES_NO_UNKNOWN))}
      ${this._checks(
        'riskFactors.items',
        RISK_FACTORS.map((r) => ({ code: r.code, label: `${r.number}. ${r[lng]}` })),
        { cls: 'risk-items' },
      )}
      ${rf?.items?.includes('other') ? this._text('riskFactors.other', { size: 40 }) : nothing}`;
  }

  /** @internal */
  _clinical(): TemplateResult {
    const yn = this._labels(YES_NO);
    const c = this._report.clinical;
    return html`${this._radios('clinical.severity', this._labels(SEVERITIES), { allowClear: true })}
      <div class="row">${this._radios('clinical.hospitalizationNeeded', yn)}</div>
      <div class="row">
        ${this._radios('clinical.hospitalized', yn)}
        ${
          c?.hospitalized === 'yes'
            ? html`${this._date('clinical.admissionDate')}
              ${this._text('clinical.inpatientInstitution', { size: 28 })}`
            : nothing
        }
      </div>
      <div class="row">
        ${this._radios('clinical.antiviralNeeded', yn)} ${this._radios('clinical.oxygenNeeded', yn)}
      </div>
      <div class="row">${this._radios('clinical.telemedicine', yn)}</div>`;
  }

  /** @internal */
  _healthCenters(): TemplateResult {
    return html`<div class="row">
      ${this._healthCenter('healthCenters.notified')} ${this._healthCenter('healthCenters.responsible')}
    </div>`;
  }

  // ------------------------------------------------------------------ standard layout (HER-SYS ver.2 screen)

  /** The manual's 発生届(ver.2) screen: 届出に必要な項目, then sections 1–13, in the manual's order. */
  protected _standardLayout(): TemplateResult {
    const t = this.l10n.t;
    const minor = this._isMinor();
    return html`
      ${this._section(
        'reporter',
        html`<div class="row">${this._date('reportDate')}</div>
          ${this._doctorGroup()} ${this._institutionGroup()}`,
      )}
      ${this._section(
        'category',
        html`${this._select('patient.category', this._labels(CATEGORIES), { hideLabel: true, labelledBy: 's-category' })}
          <p class="note">${t('form.categoryNote')}</p>`,
      )}
      <div class="grid-4">
        ${this._section('name', this._nameGroup(), 'span-2')}
        ${this._section('sex', this._radios('patient.sex', this._labels(SEXES), { hideLabel: true }))}
        ${this._section('dob', this._date('patient.dateOfBirth', { hideLabel: true, labelledBy: 's-dob' }))}
        ${this._section('age', this._age({ hideLabel: true }))}
      </div>
      ${this._section(
        'location',
        html`<p class="note">${t('form.locationNote')}</p>
          ${this._address('patient.location')} ${this._patientPhone()}`,
      )}
      ${this._section(
        'address',
        html`${this._addressGroup()}
          <div class="row">${this._text('patient.occupation', { size: 24 })}</div>`,
      )}
      ${
        minor
          ? html`<div class="grid-2">
              ${this._section('guardianName', this._guardianName())}
              ${this._section('guardianPhone', this._guardianPhone())}
              <p class="note span-all">${t('form.guardianNote')}</p>
            </div>`
          : nothing
      }
      ${this._section(
        'diagnosis',
        html`<div class="dates">${this._diagnosisDates()}</div>
          ${this._symptoms()}
          <h4 class="sub" id="s-methods">${this._label('diagnosis.methods')}</h4>
          ${this._methods()}
          <h4 class="sub">${t('form.section.infection')}</h4>
          ${this._infection()}`,
      )}
      ${this._section('vaccination', this._vaccination())} ${this._section('risk', this._risk())}
      ${this._section('severity', this._clinical())}
      ${this._section('other', html`${this._textarea('clinical.supplementary')} ${this._healthCenters()}`)}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hersys-report-form': HersysReportForm;
  }
}
