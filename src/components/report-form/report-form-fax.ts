/**
 * The FAX layout of `<hersys-report-form>` (the paper form 別記様式6-1): its template, styles and strings.
 * A separate module because most pages never show it: the form imports it when `layout="fax"` is first
 * rendered and waits for it before that update (see `scheduleUpdate` in ./report-form.component.ts), so the
 * switch never shows a half-drawn sheet and no value is lost. It arranges the form's own field templates
 * ({@link FaxLayoutHost}); validation, state and every control stay in the form.
 *
 * It imports no code the form's chunk has (only types): lit's `html` and the code lists come in the kit.
 * Were lit or the schema imported here, a bundler would move everything the two share (lit, zod, the
 * schema) out of the form's chunk into a third, shared one, and the page would load more gzip than this
 * module saves.
 */
import type { TemplateResult, html, nothing } from 'lit';
import type { CodeEntry, OccurrenceReport } from '../../schema/index.js';
import type { TFunction } from '../../locales/runtime.js';
import { REPORT_FAX_STRINGS } from '../../locales/packs/report-fax.js';
import type { ControlOptions } from './report-form-base.js';

export { reportFormFaxCss } from './report-form-fax.styles.js';
export { REPORT_FAX_STRINGS };

type Choice = { code: string; label: string };

/**
 * The form's templates the sheet arranges: `<hersys-report-form>`'s field templates and the groups both
 * layouts share (public on the form for this module only, marked `@internal`).
 */
export interface FaxLayoutHost {
  _label(path: string): string;
  _labels(list: readonly CodeEntry[]): Choice[];
  _date(path: string, opts?: ControlOptions): TemplateResult;
  _text(path: string, opts?: ControlOptions): TemplateResult;
  _textarea(path: string): TemplateResult;
  _select(path: string, list: readonly Choice[], opts?: ControlOptions): TemplateResult;
  _radios(
    path: string,
    list: readonly Choice[],
    opts?: ControlOptions & { allowClear?: boolean },
  ): TemplateResult;
  _age(opts: ControlOptions): TemplateResult;
  _methods(opts: { compact?: boolean }): TemplateResult;
  _address(base: string): TemplateResult;
  _doctorGroup(): TemplateResult;
  _institutionGroup(): TemplateResult;
  _nameGroup(): TemplateResult;
  _addressGroup(): TemplateResult;
  _patientPhone(): TemplateResult;
  _guardianName(): TemplateResult;
  _guardianPhone(): TemplateResult;
  _symptoms(hideLabel: boolean): TemplateResult;
  _infection(): TemplateResult;
  _vaccination(): TemplateResult;
  _clinical(): TemplateResult;
  _risk(): TemplateResult;
  _healthCenters(): TemplateResult;
}

/** What this module may not import itself (see the module comment): lit's tags and the code lists it shows. */
export interface FaxLayoutKit {
  readonly html: typeof html;
  readonly nothing: typeof nothing;
  readonly CATEGORIES: readonly CodeEntry[];
  readonly SEXES: readonly CodeEntry[];
  readonly VACCINES: readonly CodeEntry[];
  readonly YES_NO_UNKNOWN: readonly CodeEntry[];
  readonly ONSET_CATEGORIES: readonly string[];
  readonly DEATH_CATEGORIES: readonly string[];
}

/** The form's state for one render. */
export interface FaxLayoutState {
  readonly t: TFunction;
  readonly report: OccurrenceReport;
  readonly minor: boolean;
}

function cell({ html }: FaxLayoutKit, n: string, title: string, body: unknown, cls = ''): TemplateResult {
  return html`<section class="cell ${cls}" part="section" aria-labelledby="c-${n}">
    <h3 class="cell-head" id="c-${n}" part="section-title">${title}</h3>
    <div class="cell-body">${body}</div>
  </section>`;
}

/** The paper form's per-dose history (1回目, 2回目, 3回目…: 有・無・不明, vaccine, date). */
function doseRows(p: FaxLayoutHost, k: FaxLayoutKit, { t, report }: FaxLayoutState): TemplateResult {
  const { html, nothing } = k;
  const v = report.vaccination;
  const count = Math.min(
    10,
    Math.max(3, v?.doses?.length ?? 0, typeof v?.doseCount === 'number' ? v.doseCount : 0),
  );
  const answers = p._labels(k.YES_NO_UNKNOWN);
  const vaccines = p._labels(k.VACCINES);
  return html`<div class="doses" part="doses">
    ${Array.from({ length: count }, (_, i) => {
      const base = `vaccination.doses.${i}`;
      const legend = `dose-${i}-legend`;
      return html`<fieldset class="dose-row">
        <legend class="label" id=${legend}>${t('form.doseN', { n: i + 1 })}</legend>
        ${p._radios(`${base}.given`, answers, { label: t('form.label.doseGiven'), allowClear: true })}
        ${p._select(`${base}.vaccine`, vaccines, { label: t('form.label.doseVaccine'), labelledBy: legend })}
        ${
          v?.doses?.[i]?.vaccine === 'other'
            ? p._text(`${base}.vaccineOther`, { label: t('form.label.doseVaccineOther'), labelledBy: legend })
            : nothing
        }
        ${p._date(`${base}.date`, { label: t('form.label.doseDate'), labelledBy: legend })}
      </fieldset>`;
    })}
  </div>`;
}

/** The paper form 別記様式6-1: a boxed grid numbered 1–19, options as inline choices. */
export function faxLayout(p: FaxLayoutHost, k: FaxLayoutKit, state: FaxLayoutState): TemplateResult {
  const { html, nothing } = k;
  const { t, report, minor } = state;
  const cat = report.patient?.category ?? '';
  const f = (k: string) => t(`form.fax.${k}`);
  return html`<div class="sheet" part="sheet">
    <p class="addressee">${f('addressee')}</p>
    <p class="preamble">${f('preamble')}</p>
    <div class="fax-grid header-grid">
      ${cell(k, 'report', p._label('reportDate'), p._date('reportDate', { hideLabel: true, labelledBy: 'c-report' }))}
      ${cell(k, 'doctor', t('form.label.doctorName'), p._doctorGroup(), 'span-3')}
      ${cell(k, 'inst', p._label('reporter.institutionName'), p._institutionGroup(), 'span-4')}
    </div>
    <div class="fax-grid">
      ${cell(
        k,
        '1',
        f('n1'),
        html`${p._radios('patient.category', p._labels(k.CATEGORIES), { hideLabel: true })}
          <p class="note">${t('form.categoryNote')}</p>`,
        'span-4',
      )}
      ${cell(k, '2', f('n2'), p._nameGroup(), 'span-2')}
      ${cell(k, '3', f('n3'), p._radios('patient.sex', p._labels(k.SEXES), { hideLabel: true }))}
      ${cell(k, '4', f('n4'), p._date('patient.dateOfBirth', { hideLabel: true, labelledBy: 'c-4' }))}
      ${cell(k, '5', f('n5'), p._age({ hideLabel: true }))}
      ${cell(k, '6', f('n6'), p._text('patient.occupation', { hideLabel: true, labelledBy: 'c-6', size: 24 }), 'span-3')}
      ${cell(k, '7', f('n7'), p._addressGroup(), 'span-4')}
      ${cell(k, '8', f('n8'), html`${p._address('patient.location')} ${p._patientPhone()}`, 'span-4')}
      ${
        minor
          ? html`${cell(k, '9', f('n9'), p._guardianName(), 'span-2')}
            ${cell(
              k,
              '10',
              f('n10'),
              html`${p._text('patient.guardian.address', { size: 30 })} ${p._guardianPhone()}
                <p class="note">${f('n9note')}</p>`,
              'span-2',
            )}`
          : nothing
      }
      ${cell(k, '11', f('n11'), p._symptoms(true), 'span-4')}
      ${cell(k, '12', f('n12'), p._methods({ compact: true }), 'span-4')}
      ${cell(k, '13', f('n13'), p._date('diagnosis.firstVisitDate', { hideLabel: true, labelledBy: 'c-13' }))}
      ${cell(
        k,
        '14',
        f('n14'),
        html`${p._date('diagnosis.diagnosisDate', { hideLabel: true, labelledBy: 'c-14' })}
        ${p._date('diagnosis.specimenCollectionDate')}`,
      )}
      ${cell(k, '15', f('n15'), p._date('diagnosis.estimatedInfectionDate', { hideLabel: true, labelledBy: 'c-15' }))}
      ${cell(
        k,
        '16',
        f('n16'),
        k.ONSET_CATEGORIES.includes(cat)
          ? p._date('diagnosis.onsetDate', { hideLabel: true, labelledBy: 'c-16' })
          : html`<p class="na">${t('form.onsetNote')}</p>`,
      )}
      ${cell(
        k,
        '17',
        f('n17'),
        k.DEATH_CATEGORIES.includes(cat)
          ? p._date('diagnosis.deathDate', { hideLabel: true, labelledBy: 'c-17' })
          : html`<p class="na">${t('form.deathNote')}</p>`,
        'span-4',
      )}
      ${cell(
        k,
        '18',
        f('n18'),
        html`${p._infection()}
          <h4 class="sub">${f('n18vaccine')}</h4>
          ${p._vaccination()} ${doseRows(p, k, state)}`,
        'span-4',
      )}
      ${cell(
        k,
        '19',
        f('n19'),
        html`${p._clinical()}
          <h4 class="sub">${t('form.section.risk')}</h4>
          ${p._risk()}`,
        'span-4',
      )}
      ${cell(k, 'extra', f('extra'), html`${p._textarea('clinical.supplementary')} ${p._healthCenters()}`, 'span-4 extra')}
    </div>
    <p class="footnote">${f('footnote')}</p>
  </div>`;
}
