import type { Issue } from '../issues.js';
import type { IssueCode } from '../issue-codes.js';
import type { OccurrenceReport } from '../report/occurrence-report.js';
import { ONSET_CATEGORIES } from '../codes/index.js';
import { daysBetween, isIsoDate, todayInJapan } from '../iso-date.js';
import { ageAtDiagnosis } from '../age.js';
import { valueAt } from '../fields.js';
import { issue } from './context.js';
import { vaccinationDateRule } from './vaccination.js';
import { travelRule } from './travel.js';

/** The fields of the manual's 日付の整合性確認 timeline, oldest first. */
export const TIMELINE_FIELDS = [
  'dateOfBirth',
  'onsetDate',
  'specimenCollectionDate',
  'diagnosisDate',
  'admissionDate',
  'deathDate',
  'reportDate',
] as const;
export type TimelineField = (typeof TIMELINE_FIELDS)[number];

/** The report path of each timeline field. */
export const TIMELINE_PATHS: Readonly<Record<TimelineField, string>> = {
  dateOfBirth: 'patient.dateOfBirth',
  onsetDate: 'diagnosis.onsetDate',
  specimenCollectionDate: 'diagnosis.specimenCollectionDate',
  diagnosisDate: 'diagnosis.diagnosisDate',
  admissionDate: 'clinical.admissionDate',
  deathDate: 'diagnosis.deathDate',
  reportDate: 'reportDate',
};

const TIMELINE_PATH_SET: ReadonlySet<string> = new Set(Object.values(TIMELINE_PATHS));

export interface TimelineEntry {
  readonly field: TimelineField;
  readonly path: string;
  /** The date as entered (ISO), absent when not entered (入力なし). */
  readonly date?: string;
  /** × in the dialog: the date breaks the order against another timeline date, or is not a real date. */
  readonly flagged: boolean;
}

export interface DateConsistencyResult {
  /** No date issue at all (no error and no warning). */
  readonly consistent: boolean;
  readonly timeline: readonly TimelineEntry[];
  readonly issues: readonly Issue[];
}

/**
 * The ordered pairs the timeline checks: `earlier` must be on or before `later`; a violation flags BOTH
 * dates (×) and raises `code` on `earlier`'s path (or on `later`'s for the DOB rule). Pairs not listed
 * are not compared, which is what makes the manual's example come out as it shows:
 * - the date of birth is compared with every other date (D2, an error);
 * - every date is compared with the report date (D1, a warning the user may confirm);
 * - specimen ≤ diagnosis (D8), onset ≤ death (D7), admission ≤ death (D12);
 * - onset is NOT compared with specimen, diagnosis or admission (an onset after the diagnosis is D5's
 *   business, a warning that does not flag), and admission is NOT compared with onset, specimen or
 *   diagnosis (admission before onset: in-hospital infection). Diagnosis and death are not ordered in
 *   the timeline: for the death categories the diagnosis is a 検案 after death (D7, a separate error).
 */
const PAIRS: readonly { earlier: TimelineField; later: TimelineField; code: IssueCode }[] = [
  { earlier: 'onsetDate', later: 'deathDate', code: 'date.D7.onsetAfterDeath' },
  { earlier: 'specimenCollectionDate', later: 'diagnosisDate', code: 'date.D8.specimenAfterDiagnosis' },
  { earlier: 'admissionDate', later: 'deathDate', code: 'date.D12.admissionAfterDeath' },
  { earlier: 'onsetDate', later: 'reportDate', code: 'date.D1.afterReportDate' },
  { earlier: 'specimenCollectionDate', later: 'reportDate', code: 'date.D1.afterReportDate' },
  { earlier: 'diagnosisDate', later: 'reportDate', code: 'date.D1.afterReportDate' },
  { earlier: 'admissionDate', later: 'reportDate', code: 'date.D1.afterReportDate' },
  { earlier: 'deathDate', later: 'reportDate', code: 'date.D1.afterReportDate' },
];

/** A date path and its segments, split once. */
interface DatePath {
  readonly path: string;
  readonly segs: readonly string[];
}
const datePath = (path: string): DatePath => ({ path, segs: path.split('.') });
const DATES_BEFORE_METHODS: readonly DatePath[] = [
  ...TIMELINE_FIELDS.map((f) => datePath(TIMELINE_PATHS[f])),
  datePath('diagnosis.firstVisitDate'),
  datePath('diagnosis.estimatedInfectionDate'),
];
const METHODS = datePath('diagnosis.methods');
const LATEST_DOSE: readonly DatePath[] = [datePath('vaccination.latestDate')];
const DOSES = datePath('vaccination.doses');
const DATES_AFTER_DOSES: readonly DatePath[] = [
  datePath('infection.departureDate'),
  datePath('infection.entryDate'),
];

/** The text at a path, or undefined when there is none (or it is empty or not text). */
function textAt(root: unknown, path: string | readonly string[]): string | undefined {
  const v = valueAt(root, path);
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function pushDates(out: { path: string; value: string }[], report: unknown, paths: readonly DatePath[]) {
  for (const { path, segs } of paths) {
    const value = textAt(report, segs);
    if (value !== undefined) out.push({ path, value });
  }
}

function pushListDates(
  out: { path: string; value: string }[],
  report: unknown,
  list: DatePath,
  leaf: string,
) {
  const entries = valueAt(report, list.segs);
  if (!Array.isArray(entries)) return;
  for (let i = 0; i < entries.length; i++) {
    const value = textAt(entries[i], leaf);
    if (value !== undefined) out.push({ path: `${list.path}.${i}.${leaf}`, value });
  }
}

/** Every date path of a report (the timeline's and the others), with its value when it is a string. */
export function reportDatePaths(report: unknown): { path: string; value: string }[] {
  const out: { path: string; value: string }[] = [];
  pushDates(out, report, DATES_BEFORE_METHODS);
  pushListDates(out, report, METHODS, 'collectionDate');
  pushDates(out, report, LATEST_DOSE);
  pushListDates(out, report, DOSES, 'date');
  pushDates(out, report, DATES_AFTER_DOSES);
  return out;
}

/** Years beyond which a date of birth is taken for a typo. */
const MAX_PLAUSIBLE_AGE = 120;
/** D14: an onset more than this many days before the diagnosis is implausible. */
const D14_ONSET_DAYS = 30;
/** D14: an infection more than this many days before the onset is implausible. */
const D14_INFECTION_DAYS = 14;
/** D9: a report later than this many days after the diagnosis is not 直ちに. */
const D9_MAX_DAYS = 1;

/**
 * The manual's 日付の整合性確認 (date consistency check) and the date rules of domain notes §7.
 *
 * Returns the timeline in the dialog's order with × flags, and every date issue: impossible dates
 * (`date.invalid`), D1 (future: error; after the report date: warning), D2 (before birth: error), D3, D4,
 * D5 (warning, never flags), D7, D8, D9, D12, D13, D14, D15. Never throws, whatever `report` is.
 *
 * @example
 * checkDateConsistency(manualDateExampleReport(), { today: '2022-06-28' }).timeline
 *   .filter((e) => e.flagged).map((e) => e.field) // ['specimenCollectionDate', 'diagnosisDate']
 */
export function checkDateConsistency(
  report: OccurrenceReport,
  options: { today?: string } = {},
): DateConsistencyResult {
  const today = options.today !== undefined && isIsoDate(options.today) ? options.today : todayInJapan();
  const issues: Issue[] = [];
  const flagged = new Set<string>();

  // Valid dates by path; invalid ones raise date.invalid and take no further part.
  const dates = new Map<string, string>();
  for (const { path, value } of reportDatePaths(report)) {
    if (isIsoDate(value)) dates.set(path, value);
    else if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
      issues.push(issue(path, 'date.invalid', 'error', { value }));
      flagged.add(path);
    }
  }
  const at = (f: TimelineField) => dates.get(TIMELINE_PATHS[f]);

  // D1: nothing in the future.
  for (const [path, value] of dates) {
    if (value > today) issues.push(issue(path, 'date.D1.future', 'error', { date: value, today }));
  }

  // D2: nothing before birth (an error; flags both in the timeline).
  const dob = at('dateOfBirth');
  if (dob) {
    for (const [path, value] of dates) {
      if (path === TIMELINE_PATHS.dateOfBirth || value >= dob) continue;
      issues.push(
        issue(path, 'date.D2.beforeBirth', 'error', {
          date: value,
          other: 'patient.dateOfBirth',
          otherDate: dob,
        }),
      );
      flagged.add(path);
      flagged.add(TIMELINE_PATHS.dateOfBirth);
    }
    const ageRef = at('diagnosisDate') ?? at('reportDate') ?? today;
    const age = ageAtDiagnosis(dob, ageRef);
    if (age && age.years > MAX_PLAUSIBLE_AGE)
      issues.push(issue('patient.dateOfBirth', 'age.implausible', 'warning', { years: age.years }));
  }

  // Timeline pairs.
  for (const p of PAIRS) {
    const a = at(p.earlier);
    const b = at(p.later);
    if (a === undefined || b === undefined || a <= b) continue;
    const pa = TIMELINE_PATHS[p.earlier];
    const pb = TIMELINE_PATHS[p.later];
    issues.push(issue(pa, p.code, 'warning', { date: a, other: pb, otherDate: b }));
    flagged.add(pa);
    flagged.add(pb);
  }

  // D1 for the dates outside the timeline: after the report date (warning, no timeline entry).
  const rep = at('reportDate');
  if (rep) {
    for (const [path, value] of dates) {
      if (TIMELINE_PATH_SET.has(path) || value <= rep) continue;
      issues.push(
        issue(path, 'date.D1.afterReportDate', 'warning', {
          date: value,
          other: 'reportDate',
          otherDate: rep,
        }),
      );
    }
  }

  const dx = at('diagnosisDate');
  const onset = at('onsetDate');
  const first = dates.get('diagnosis.firstVisitDate');
  const inf = dates.get('diagnosis.estimatedInfectionDate');
  const death = at('deathDate');
  const pair = (
    path: string,
    code: IssueCode,
    severity: 'error' | 'warning',
    date: string,
    other: string,
    otherDate: string,
  ) => issues.push(issue(path, code, severity, { date, other, otherDate }));

  // D3: first visit on or before the diagnosis.
  if (first && dx && first > dx)
    pair(
      'diagnosis.firstVisitDate',
      'date.D3.firstVisitAfterDiagnosis',
      'error',
      first,
      'diagnosis.diagnosisDate',
      dx,
    );
  // D4: infection on or before onset and diagnosis.
  if (inf && onset && inf > onset)
    pair(
      'diagnosis.estimatedInfectionDate',
      'date.D4.infectionAfterOnset',
      'error',
      inf,
      'diagnosis.onsetDate',
      onset,
    );
  if (inf && dx && inf > dx)
    pair(
      'diagnosis.estimatedInfectionDate',
      'date.D4.infectionAfterDiagnosis',
      'error',
      inf,
      'diagnosis.diagnosisDate',
      dx,
    );
  // D5: onset after diagnosis for a 患者（確定例）: asymptomatic at diagnosis? A warning; never a ×.
  const category = valueAt(report, 'patient.category');
  if (
    onset &&
    dx &&
    onset > dx &&
    typeof category === 'string' &&
    (ONSET_CATEGORIES as readonly string[]).includes(category)
  )
    issues.push(
      issue('diagnosis.onsetDate', 'date.D5.onsetAfterDiagnosis', 'warning', {
        date: onset,
        other: 'diagnosis.diagnosisDate',
        otherDate: dx,
        suggestion: 'asymptomatic',
      }),
    );
  // D7: a 検案 is on or after the death.
  if (death && dx && death > dx)
    pair('diagnosis.deathDate', 'date.D7.deathAfterDiagnosis', 'error', death, 'diagnosis.diagnosisDate', dx);
  // D8: each method's specimen collected on or before the diagnosis.
  if (dx) {
    for (const [path, value] of dates) {
      if (/^diagnosis\.methods\.\d+\.collectionDate$/.test(path) && value > dx)
        pair(path, 'date.D8.specimenAfterDiagnosis', 'warning', value, 'diagnosis.diagnosisDate', dx);
    }
  }
  // D9: reported 直ちに (within a day of the diagnosis).
  if (rep && dx) {
    const gap = daysBetween(dx, rep);
    if (gap !== undefined && gap > D9_MAX_DAYS)
      issues.push(
        issue('reportDate', 'date.D9.lateReport', 'warning', {
          days: gap,
          other: 'diagnosis.diagnosisDate',
          otherDate: dx,
        }),
      );
  }
  // D14: implausible lags.
  if (onset && dx) {
    const lag = daysBetween(onset, dx);
    if (lag !== undefined && lag > D14_ONSET_DAYS)
      issues.push(
        issue('diagnosis.onsetDate', 'date.D14.onsetLongBeforeDiagnosis', 'warning', {
          days: lag,
          limit: D14_ONSET_DAYS,
        }),
      );
  }
  if (inf && onset) {
    const lag = daysBetween(inf, onset);
    if (lag !== undefined && lag > D14_INFECTION_DAYS)
      issues.push(
        issue('diagnosis.estimatedInfectionDate', 'date.D14.infectionLongBeforeOnset', 'warning', {
          days: lag,
          limit: D14_INFECTION_DAYS,
        }),
      );
  }
  // D13 and D15.
  issues.push(...vaccinationDateRule(report, dates), ...travelRule(report, dates));

  const timeline: TimelineEntry[] = TIMELINE_FIELDS.map((field) => {
    const path = TIMELINE_PATHS[field];
    const v = valueAt(report, path);
    const entry: TimelineEntry =
      typeof v === 'string' && v !== ''
        ? { field, path, date: v, flagged: flagged.has(path) }
        : { field, path, flagged: false };
    return entry;
  });
  return { consistent: issues.length === 0, timeline, issues };
}
