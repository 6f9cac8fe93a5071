import type { Issue } from './issues.js';
import type { OccurrenceReport } from './report/occurrence-report.js';
import { FIELD_PATHS, fieldKeyOf } from './fields.js';
import { isIsoDate, todayInJapan } from './iso-date.js';
import { ageAtDiagnosis, isMinor, type Age } from './age.js';
import { checkStructure, normalizeInput } from './structure.js';
import { requiredRule } from './rules/required.js';
import { contactRule } from './rules/contact.js';
import { checkDateConsistency } from './rules/date-consistency.js';
import { categoryRule } from './rules/category.js';
import { clinicalRule } from './rules/clinical.js';
import { vaccinationCountRule } from './rules/vaccination.js';
import {
  DEFAULT_ELIGIBILITY_POLICY,
  eligibilityRule,
  reportEligibility,
  type Eligibility,
  type EligibilityPolicy,
} from './eligibility.js';
import {
  DEFAULT_OBSERVATION_POLICY,
  healthObservationPeriod,
  type ObservationPeriod,
  type ObservationPolicy,
} from './observation-period.js';
import type { RuleContext } from './rules/context.js';

export interface ValidateOptions {
  /** Today as ISO `YYYY-MM-DD` (D1: no future dates). Default: today in Japan (`todayInJapan()`). */
  readonly today?: string;
  /** The health-observation policy for `derived.observationPeriod` (default: the manual's). */
  readonly observationPolicy?: ObservationPolicy;
  /** Who is to be reported (D16, D17). Default: the four categories from 2022-09-26. */
  readonly eligibilityPolicy?: EligibilityPolicy;
  /** Overrides the age of majority for the guardian rule (default: 18 from 2022-04-01, 20 before). */
  readonly minorAge?: number;
}

/** Values computed from the report (never stored in it). */
export interface DerivedValues {
  /** 5 診断時の年齢: at the diagnosis date. */
  readonly ageAtDiagnosis?: Age;
  /** Under the age of majority at the diagnosis date. */
  readonly minor?: boolean;
  readonly observationPeriod?: ObservationPeriod;
  readonly eligibility: Eligibility;
}

export interface ValidationResult {
  /** No error-severity issue: the report may be filed (warnings may remain). */
  readonly ok: boolean;
  /**
   * The normalized report: trimmed, empty values removed, furigana in katakana, postal codes as 7
   * digits, phones hyphenated, dates ISO (wareki accepted), prefecture names as codes. When the input has
   * structural errors, the offending values are left out so the rest can still be checked; the issues
   * keep the input's paths.
   */
  readonly report: OccurrenceReport;
  /** Every finding, in form order; warnings listed in `confirmedWarnings` carry `confirmed: true`. */
  readonly issues: readonly Issue[];
  readonly derived: DerivedValues;
}

const ORDER = new Map<string, number>(FIELD_PATHS.map((p, i) => [p, i]));
const ORDER_CACHE = new Map<string, number>();
/** Position of a path in form order (its nearest listed ancestor's); '' first, unknown paths last. */
function orderOf(path: string): number {
  if (path === '') return -1;
  const hit = ORDER_CACHE.get(path);
  if (hit !== undefined) return hit;
  let key = fieldKeyOf(path);
  let order = FIELD_PATHS.length;
  while (key !== '') {
    const o = ORDER.get(key);
    if (o !== undefined) {
      order = o;
      break;
    }
    const dot = key.lastIndexOf('.');
    key = dot < 0 ? '' : key.slice(0, dot);
  }
  if (ORDER_CACHE.size < 1024 && path.length <= 128) ORDER_CACHE.set(path, order);
  return order;
}

function markConfirmed(report: OccurrenceReport, issues: Issue[]): Issue[] {
  const confirmed = new Set((report.confirmedWarnings ?? []).map((c) => `${c.code}\u0000${c.path}`));
  if (confirmed.size === 0) return issues;
  return issues.map((i) =>
    i.severity === 'warning' && confirmed.has(`${i.code}\u0000${i.path}`)
      ? { ...i, confirmed: true as const }
      : i,
  );
}

function dedupe(issues: Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${i.code}\u0000${i.path}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Validates a report (a draft from a form, a server request body, an EMR export: anything) and returns
 * the normalized report and every issue. Never throws.
 *
 * @example
 * const { ok, report, issues } = validateReport(body, { today: '2022-09-27' });
 * if (!ok) return c.json({ issues }, 400);
 *
 * @example validateReport(null).issues // [{ path: '', code: 'type.invalid', severity: 'error', params: { expected: 'object' } }]
 */
export function validateReport(input: unknown, options: ValidateOptions = {}): ValidationResult {
  try {
    return validate(input, options);
  } catch (e) {
    // Defensive: no input may make validation throw. Reaching this is a bug; report it as an issue.
    return {
      ok: false,
      report: {},
      issues: [
        { path: '', code: 'value.invalid', severity: 'error', params: { reason: String(e).slice(0, 200) } },
      ],
      derived: { eligibility: { limited: false, reasons: [], eligible: undefined } },
    };
  }
}

function validate(input: unknown, options: ValidateOptions): ValidationResult {
  const today = options.today !== undefined && isIsoDate(options.today) ? options.today : todayInJapan();
  const eligibilityPolicy = options.eligibilityPolicy ?? DEFAULT_ELIGIBILITY_POLICY;
  const { report, issues: structural } = checkStructure(normalizeInput(input));
  const ctx: RuleContext = { report, today, adultAge: options.minorAge, eligibilityPolicy };
  if (structural.some((i) => i.path === '')) {
    // Not an object at all: one clear issue rather than every required field.
    return {
      ok: false,
      report,
      issues: structural,
      derived: { eligibility: reportEligibility(report, eligibilityPolicy) },
    };
  }
  // A value removed for a structural issue is not also "missing".
  const broken = new Set(structural.map((i) => i.path));
  const notBroken = (i: Issue) => !broken.has(i.path);
  const all: Issue[] = [
    ...structural,
    ...requiredRule(ctx).filter(notBroken),
    ...contactRule(ctx),
    ...checkDateConsistency(report, { today }).issues,
    ...categoryRule(ctx),
    ...clinicalRule(ctx),
    ...vaccinationCountRule(report),
    ...eligibilityRule(report, eligibilityPolicy),
  ];
  const indexed = dedupe(all).map((issue, i) => ({ issue, i, o: orderOf(issue.path) }));
  indexed.sort((a, b) => a.o - b.o || a.i - b.i);
  const issues = markConfirmed(
    report,
    indexed.map((x) => x.issue),
  );

  const dob = report.patient?.dateOfBirth;
  const dx = report.diagnosis?.diagnosisDate;
  const age = dob && dx ? ageAtDiagnosis(dob, dx) : undefined;
  const minor =
    dob && dx
      ? isMinor(dob, dx, options.minorAge === undefined ? {} : { adultAge: options.minorAge })
      : undefined;
  const observationPeriod = healthObservationPeriod(
    report,
    options.observationPolicy ?? DEFAULT_OBSERVATION_POLICY,
  );
  const derived: DerivedValues = {
    ...(age ? { ageAtDiagnosis: age } : {}),
    ...(minor !== undefined ? { minor } : {}),
    ...(observationPeriod ? { observationPeriod } : {}),
    eligibility: reportEligibility(report, eligibilityPolicy),
  };
  return { ok: !issues.some((i) => i.severity === 'error'), report, issues, derived };
}
