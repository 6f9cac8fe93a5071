/**
 * The FAX layout of `<hersys-report-form>` (the paper form 別記様式6-1): its template, styles and strings.
 * A separate module because most pages never show it: the form imports it when `layout="fax"` is first
 * rendered and waits for it before that update (see `scheduleUpdate` in ./report-form.component.ts), so the
 * switch never shows a half-drawn sheet and no value is lost. It arranges the form's own field templates
 * ({@link FaxLayoutParts}); validation, state and every control stay in the form.
 *
 * It imports no code the form's chunk has (only types): lit's `html` and the code lists come in the parts.
 * Were lit or the schema imported here, a bundler would move everything the two share (lit, zod, the
 * schema) out of the form's chunk into a third, shared one, and the page would load more gzip than this
 * module saves.
 */
import type { TemplateResult, html, nothing } from 'lit';
import type { OccurrenceReport } from '../../schema/index.js';
import type { TFunction } from '../../locales/runtime.js';
import { REPORT_FAX_STRINGS } from '../../locales/packs/report-fax.js';
import type { ControlOptions } from './report-form-base.js';

export { reportFormFaxCss } from './report-form-fax.styles.js';
export { REPORT_FAX_STRINGS };

type Choice = { code: string; label: string };

/** What the FAX layout takes from the form: its state, its field templates and the groups both layouts share. */
export interface FaxLayoutParts {
  readonly html: typeof html;
  readonly nothing: typeof nothing;
  readonly t: TFunction;
  readonly report: OccurrenceReport;
  readonly minor: boolean;
  /** Whether 発病年月日 / 死亡年月日 apply to the chosen category. */
  readonly onset: boolean;
  readonly death: boolean;
  /** The code lists of the choices the sheet shows, labelled in the current locale. */
  readonly choices: Readonly<Record<'category' | 'sex' | 'vaccine' | 'yesNoUnknown', Choice[]>>;
  label(path: string): string;
  date(path: string, opts?: ControlOptions): TemplateResult;
  text(path: string, opts?: ControlOptions): TemplateResult;
  textarea(path: string): TemplateResult;
  select(path: string, list: readonly Choice[], opts?: ControlOptions): TemplateResult;
  radios(
    path: string,
    list: readonly Choice[],
    opts?: ControlOptions & { allowClear?: boolean },
  ): TemplateResult;
  age(opts: ControlOptions): TemplateResult;
  methods(opts: { compact?: boolean }): TemplateResult;
  address(base: string): TemplateResult;
  doctorGroup(): TemplateResult;
  institutionGroup(): TemplateResult;
  nameGroup(): TemplateResult;
  addressGroup(): TemplateResult;
  patientPhone(): TemplateResult;
  guardianName(): TemplateResult;
  guardianPhone(): TemplateResult;
  symptoms(hideLabel: boolean): TemplateResult;
  infection(): TemplateResult;
  vaccination(): TemplateResult;
  clinical(fax: boolean): TemplateResult;
  risk(): TemplateResult;
  healthCenters(): TemplateResult;
}

function cell({ html }: FaxLayoutParts, n: string, title: string, body: unknown, cls = ''): TemplateResult {
  return html`<section class="cell ${cls}" part="section" aria-labelledby="c-${n}">
    <h3 class="cell-head" id="c-${n}" part="section-title">${title}</h3>
    <div class="cell-body">${body}</div>
  </section>`;
}

/** The paper form's per-dose history (1回目, 2回目, 3回目…: 有・無・不明, vaccine, date). */
function doseRows(p: FaxLayoutParts): TemplateResult {
  const { html, nothing, t } = p;
  const v = p.report.vaccination;
  const count = Math.min(
    10,
    Math.max(3, v?.doses?.length ?? 0, typeof v?.doseCount === 'number' ? v.doseCount : 0),
  );
  const answers = p.choices.yesNoUnknown;
  const vaccines = p.choices.vaccine;
  return html`<div class="doses" part="doses">
    ${Array.from({ length: count }, (_, i) => {
      const base = `vaccination.doses.${i}`;
      const legend = `dose-${i}-legend`;
      return html`<fieldset class="dose-row">
        <legend class="label" id=${legend}>${t('form.doseN', { n: i + 1 })}</legend>
        ${p.radios(`${base}.given`, answers, { label: t('form.label.doseGiven'), allowClear: true })}
        ${p.select(`${base}.vaccine`, vaccines, { label: t('form.label.doseVaccine'), labelledBy: legend })}
        ${
          v?.doses?.[i]?.vaccine === 'other'
            ? p.text(`${base}.vaccineOther`, { label: t('form.label.doseVaccineOther'), labelledBy: legend })
            : nothing
        }
        ${p.date(`${base}.date`, { label: t('form.label.doseDate'), labelledBy: legend })}
      </fieldset>`;
    })}
  </div>`;
}

/** The paper form 別記様式6-1: a boxed grid numbered 1–19, options as inline choices. */
export function faxLayout(p: FaxLayoutParts): TemplateResult {
  const { html, nothing, t } = p;
  const f = (k: string) => t(`form.fax.${k}`);
  return html`<div class="sheet" part="sheet">
    <p class="addressee">${f('addressee')}</p>
    <p class="preamble">${f('preamble')}</p>
    <div class="fax-grid header-grid">
      ${cell(p, 'report', p.label('reportDate'), p.date('reportDate', { hideLabel: true, labelledBy: 'c-report' }))}
      ${cell(p, 'doctor', t('form.label.doctorName'), p.doctorGroup(), 'span-3')}
      ${cell(p, 'inst', p.label('reporter.institutionName'), p.institutionGroup(), 'span-4')}
    </div>
    <div class="fax-grid">
      ${cell(
        p,
        '1',
        f('n1'),
        html`${p.radios('patient.category', p.choices.category, { hideLabel: true })}
          <p class="note">${t('form.categoryNote')}</p>`,
        'span-4',
      )}
      ${cell(p, '2', f('n2'), p.nameGroup(), 'span-2')}
      ${cell(p, '3', f('n3'), p.radios('patient.sex', p.choices.sex, { hideLabel: true }))}
      ${cell(p, '4', f('n4'), p.date('patient.dateOfBirth', { hideLabel: true, labelledBy: 'c-4' }))}
      ${cell(p, '5', f('n5'), p.age({ hideLabel: true }))}
      ${cell(p, '6', f('n6'), p.text('patient.occupation', { hideLabel: true, labelledBy: 'c-6', size: 24 }), 'span-3')}
      ${cell(p, '7', f('n7'), p.addressGroup(), 'span-4')}
      ${cell(p, '8', f('n8'), html`${p.address('patient.location')} ${p.patientPhone()}`, 'span-4')}
      ${
        p.minor
          ? html`${cell(p, '9', f('n9'), p.guardianName(), 'span-2')}
            ${cell(
              p,
              '10',
              f('n10'),
              html`${p.text('patient.guardian.address', { size: 30 })} ${p.guardianPhone()}
                <p class="note">${f('n9note')}</p>`,
              'span-2',
            )}`
          : nothing
      }
      ${cell(p, '11', f('n11'), p.symptoms(true), 'span-4')}
      ${cell(p, '12', f('n12'), p.methods({ compact: true }), 'span-4')}
      ${cell(p, '13', f('n13'), p.date('diagnosis.firstVisitDate', { hideLabel: true, labelledBy: 'c-13' }))}
      ${cell(
        p,
        '14',
        f('n14'),
        html`${p.date('diagnosis.diagnosisDate', { hideLabel: true, labelledBy: 'c-14' })}
        ${p.date('diagnosis.specimenCollectionDate')}`,
      )}
      ${cell(p, '15', f('n15'), p.date('diagnosis.estimatedInfectionDate', { hideLabel: true, labelledBy: 'c-15' }))}
      ${cell(
        p,
        '16',
        f('n16'),
        p.onset
          ? p.date('diagnosis.onsetDate', { hideLabel: true, labelledBy: 'c-16' })
          : html`<p class="na">${t('form.onsetNote')}</p>`,
      )}
      ${cell(
        p,
        '17',
        f('n17'),
        p.death
          ? p.date('diagnosis.deathDate', { hideLabel: true, labelledBy: 'c-17' })
          : html`<p class="na">${t('form.deathNote')}</p>`,
        'span-4',
      )}
      ${cell(
        p,
        '18',
        f('n18'),
        html`${p.infection()}
          <h4 class="sub">${f('n18vaccine')}</h4>
          ${p.vaccination()} ${doseRows(p)}`,
        'span-4',
      )}
      ${cell(
        p,
        '19',
        f('n19'),
        html`${p.clinical(true)}
          <h4 class="sub">${t('form.section.risk')}</h4>
          ${p.risk()}`,
        'span-4',
      )}
      ${cell(p, 'extra', f('extra'), html`${p.textarea('clinical.supplementary')} ${p.healthCenters()}`, 'span-4 extra')}
    </div>
    <p class="footnote">${f('footnote')}</p>
  </div>`;
}
