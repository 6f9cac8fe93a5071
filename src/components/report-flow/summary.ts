import {
  CATEGORIES,
  CERTAINTIES,
  DIAGNOSTIC_METHODS,
  INFECTION_AREAS,
  INFECTION_ROUTES,
  PREFECTURES,
  RISK_FACTORS,
  SEVERITIES,
  SEXES,
  SPECIMENS,
  SYMPTOMS,
  TEST_RESULTS,
  VACCINES,
  YES_NO,
  YES_NO_UNKNOWN,
  labelOf,
  type CodeEntry,
  type OccurrenceReport,
} from '../../schema/index.js';
import type { Locale, TFunction } from '../../locales/runtime.js';
import { slashDate } from '../internal/slash-date.js';

/** One read-only line of the confirmation screen. */
export interface SummaryRow {
  /** Dotted path of the field (for 再編集 links and tests). */
  path: string;
  label: string;
  value: string;
}

/** One section of the confirmation screen, in the form's order. */
export interface SummarySection {
  id: string;
  title: string;
  rows: SummaryRow[];
}

/**
 * The report as read-only sections for the confirmation screen. Only filled fields are listed (an empty
 * report gives empty sections, shown as 未入力); codes are shown by their label in the UI language.
 */
export function summarize(report: OccurrenceReport, t: TFunction, lng: Locale): SummarySection[] {
  const label = (list: readonly CodeEntry[], code: string | undefined) =>
    labelOf(list, code, lng) ?? code ?? '';
  const s = (key: string) => t(`flow.summary.${key}`);
  const join = (...parts: Array<string | undefined>) => parts.filter((p) => p && p.trim()).join(' ');
  const address = (
    a: { postalCode?: string; prefectureCode?: string; city?: string; street?: string } | undefined,
  ) =>
    a
      ? join(
          a.postalCode ? `〒${a.postalCode.replace(/^(\d{3})(\d{4})$/, '$1-$2')}` : undefined,
          `${label(PREFECTURES, a.prefectureCode)}${a.city ?? ''}${a.street ?? ''}`,
        )
      : '';
  const sections: SummarySection[] = [];
  // A row is [path, value] (labelled by the path's last segment) or [path, value, label key].
  const section = (id: string, rows: Array<[string, string | undefined, string?]>) =>
    sections.push({
      id,
      title: s(id),
      rows: rows
        .filter(([, v]) => v !== undefined && v !== '')
        .map(([path, v, key]) => ({
          path,
          label: s(key ?? path.slice(path.lastIndexOf('.') + 1)),
          value: v!,
        })),
    });

  const r = report.reporter ?? {};
  section('reporter', [
    ['reportDate', slashDate(report.reportDate)],
    ['reporter.doctorFamilyName', join(r.doctorFamilyName, r.doctorGivenName), 'doctor'],
    ['reporter.institutionName', r.institutionName],
    ['reporter.institutionAddress', r.institutionAddress],
    ['reporter.institutionPhone', r.institutionPhone],
    ['reporter.outOfHoursPhone', r.outOfHoursPhone],
  ]);

  const p = report.patient ?? {};
  section('patient', [
    ['patient.category', label(CATEGORIES, p.category)],
    ['patient.familyName', join(p.familyName, p.givenName), 'name'],
    ['patient.familyNameKana', join(p.familyNameKana, p.givenNameKana), 'kana'],
    ['patient.sex', label(SEXES, p.sex)],
    ['patient.dateOfBirth', slashDate(p.dateOfBirth)],
    ['patient.occupation', p.occupation],
    ['patient.location', address(p.location)],
    ['patient.phone', p.phone],
    ['patient.address', p.addressSameAsLocation ? s('sameAsLocation') : address(p.address)],
    ['patient.guardian.name', join(p.guardian?.name, p.guardian?.phone), 'guardian'],
  ]);

  const d = report.diagnosis ?? {};
  const symptoms = [...(d.symptoms ?? []).map((c) => label(SYMPTOMS, c)), d.symptomOther]
    .filter(Boolean)
    .join('、');
  const methods = (d.methods ?? [])
    .map((m) =>
      join(
        label(DIAGNOSTIC_METHODS, m.method),
        m.specimen
          ? `(${m.specimen === 'other' && m.specimenOther ? m.specimenOther : label(SPECIMENS, m.specimen)})`
          : undefined,
        slashDate(m.collectionDate),
        label(TEST_RESULTS, m.result),
      ),
    )
    .join(' / ');
  section('diagnosis', [
    ['diagnosis.diagnosisDate', slashDate(d.diagnosisDate)],
    ['diagnosis.specimenCollectionDate', slashDate(d.specimenCollectionDate)],
    ['diagnosis.onsetDate', slashDate(d.onsetDate)],
    ['diagnosis.deathDate', slashDate(d.deathDate)],
    ['diagnosis.firstVisitDate', slashDate(d.firstVisitDate)],
    ['diagnosis.estimatedInfectionDate', slashDate(d.estimatedInfectionDate)],
    ['diagnosis.symptoms', symptoms],
    ['diagnosis.spo2', d.spo2 === undefined ? undefined : `${d.spo2}%`],
    ['diagnosis.methods', methods],
  ]);

  const i = report.infection ?? {};
  section('infection', [
    [
      'infection.route',
      join(label(CERTAINTIES, i.routeCertainty), label(INFECTION_ROUTES, i.route), i.routeDetail),
    ],
    [
      'infection.area',
      join(
        label(CERTAINTIES, i.regionCertainty),
        label(INFECTION_AREAS, i.area),
        `${label(PREFECTURES, i.prefectureCode)}${i.city ?? ''}`,
        i.countries,
        i.regionDetail,
      ),
    ],
  ]);

  const v = report.vaccination ?? {};
  section('vaccination', [
    [
      'vaccination.doseCount',
      v.doseCount === undefined
        ? undefined
        : v.doseCount === 'unknown'
          ? s('unknown')
          : t('flow.summary.doseCountValue', { count: v.doseCount }),
    ],
    [
      'vaccination.latestDate',
      join(
        slashDate(v.latestDate),
        v.latestVaccine === 'other' ? v.latestVaccineOther : label(VACCINES, v.latestVaccine),
      ),
      'latestVaccination',
    ],
  ]);

  const rf = report.riskFactors ?? {};
  section('riskFactors', [
    ['riskFactors.presence', label(YES_NO_UNKNOWN, rf.presence)],
    [
      'riskFactors.items',
      [...(rf.items ?? []).map((c) => label(RISK_FACTORS, c)), rf.other].filter(Boolean).join('、'),
    ],
  ]);

  const c = report.clinical ?? {};
  section('clinical', [
    ['clinical.severity', label(SEVERITIES, c.severity)],
    ['clinical.hospitalizationNeeded', label(YES_NO, c.hospitalizationNeeded)],
    ['clinical.hospitalized', label(YES_NO, c.hospitalized)],
    ['clinical.admissionDate', slashDate(c.admissionDate)],
    ['clinical.inpatientInstitution', c.inpatientInstitution],
    ['clinical.supplementary', c.supplementary],
  ]);

  const h = report.healthCenters ?? {};
  section('healthCenters', [
    ['healthCenters.notified', h.notified?.name],
    ['healthCenters.responsible', h.responsible?.name],
  ]);
  return sections;
}

/**
 * What 連続登録(引継ぎ) keeps (the manual, ⑦): 医師の氏名, 従事する病院・診療所 (name, code, address, phone)
 * and 入院医療機関. Nothing about the patient.
 */
export function carryOver(report: OccurrenceReport): OccurrenceReport {
  const r = report.reporter ?? {};
  const reporter = Object.fromEntries(
    (
      [
        'doctorFamilyName',
        'doctorGivenName',
        'institutionName',
        'institutionCode',
        'institutionAddress',
        'institutionPhone',
      ] as const
    )
      .filter((k) => r[k] !== undefined && r[k] !== '')
      .map((k) => [k, r[k]]),
  );
  const next: OccurrenceReport = { schemaVersion: 2 };
  if (Object.keys(reporter).length) next.reporter = reporter;
  if (report.clinical?.inpatientInstitution)
    next.clinical = { inpatientInstitution: report.clinical.inpatientInstitution };
  return next;
}
