import type { OccurrenceReport } from './report/occurrence-report.js';
import { addDays, isIsoDate } from './iso-date.js';

/** What day 0 of a period is. */
export type ObservationBasis = 'onset' | 'specimen' | 'diagnosis' | 'reportDate';

/**
 * A health-observation (健康観察) rule as plain data, so a deployment can switch or write its own.
 * The period starts the day after day 0 and lasts `days` days (day 0 + 1 .. day 0 + days).
 */
export interface ObservationPolicy {
  readonly id: string;
  readonly description: string;
  /** With an onset date (symptomatic): day 0 is the onset. */
  readonly symptomatic: { readonly days: number };
  /** Without one: the first of these dates present is day 0. */
  readonly otherwise: { readonly basis: readonly ObservationBasis[]; readonly days: number };
  /**
   * The earliest end of 療養 (isolation), as a day number counted from day 0 (day 8 = the 8th day after
   * day 0), when the policy defines one.
   */
  readonly isolationRelease?: {
    readonly symptomaticHome: number;
    readonly symptomaticHospitalized: number;
    readonly asymptomatic: number;
  };
}

/** The policies the SDK ships. */
export const OBSERVATION_POLICIES = {
  /**
   * The manual (2022.7): 10 days from the day after the onset date; without an onset date, 10 days from
   * the day after the report date.
   */
  manual2022: {
    id: 'manual2022',
    description:
      'HER-SYS manual 2022.7: 10 days from the day after onset, else from the day after the report date.',
    symptomatic: { days: 10 },
    otherwise: { basis: ['reportDate'], days: 10 },
  },
  /**
   * The rules from 2022-09-07 (domain notes §3.1): observation continues until onset + 10 days
   * (symptomatic) or specimen collection + 7 days (asymptomatic); 療養 may end on day 8 at home (day 11
   * when hospitalized), day 8 for the asymptomatic.
   */
  isolation20220907: {
    id: 'isolation20220907',
    description:
      'From 2022-09-07: onset + 10 days (symptomatic), specimen collection + 7 days (asymptomatic).',
    symptomatic: { days: 10 },
    otherwise: { basis: ['specimen', 'diagnosis', 'reportDate'], days: 7 },
    isolationRelease: { symptomaticHome: 8, symptomaticHospitalized: 11, asymptomatic: 8 },
  },
} as const satisfies Record<string, ObservationPolicy>;

export const DEFAULT_OBSERVATION_POLICY: ObservationPolicy = OBSERVATION_POLICIES.manual2022;

export interface ObservationPeriod {
  /** First day of observation (ISO). */
  readonly start: string;
  /** Last day (ISO, inclusive). */
  readonly end: string;
  readonly days: number;
  /** Which date is day 0. */
  readonly basis: ObservationBasis;
  /** Day 0 itself. */
  readonly dayZero: string;
  /** Earliest end of 療養 when the policy defines it (ISO). */
  readonly isolationRelease?: string;
}

const BASIS_PATH: Record<ObservationBasis, (r: OccurrenceReport) => string | undefined> = {
  onset: (r) => r.diagnosis?.onsetDate,
  specimen: (r) => r.diagnosis?.specimenCollectionDate,
  diagnosis: (r) => r.diagnosis?.diagnosisDate,
  reportDate: (r) => r.reportDate,
};

/**
 * The health-observation period (健康観察期間) of a report under a policy (default: the manual's).
 * `undefined` when the report has none of the dates the policy needs. Never throws.
 *
 * @example healthObservationPeriod({ reportDate: '2022-06-30', diagnosis: { onsetDate: '2022-06-29' } })
 * // { start: '2022-06-30', end: '2022-07-09', days: 10, basis: 'onset', dayZero: '2022-06-29' }
 */
export function healthObservationPeriod(
  report: OccurrenceReport,
  policy: ObservationPolicy = DEFAULT_OBSERVATION_POLICY,
): ObservationPeriod | undefined {
  const r = report !== null && typeof report === 'object' ? report : {};
  let basis: ObservationBasis | undefined;
  let day0: string | undefined;
  let days: number;
  const onset = safe(() => BASIS_PATH.onset(r));
  if (onset !== undefined && isIsoDate(onset)) {
    basis = 'onset';
    day0 = onset;
    days = policy.symptomatic.days;
  } else {
    days = policy.otherwise.days;
    for (const b of policy.otherwise.basis) {
      const d = safe(() => BASIS_PATH[b](r));
      if (d !== undefined && isIsoDate(d)) {
        basis = b;
        day0 = d;
        break;
      }
    }
  }
  if (basis === undefined || day0 === undefined || !(days >= 1)) return undefined;
  const start = addDays(day0, 1)!;
  const end = addDays(day0, days)!;
  const rel = policy.isolationRelease;
  if (!rel) return { start, end, days, basis, dayZero: day0 };
  const hospitalized = r.clinical?.hospitalized === 'yes';
  const releaseDay =
    basis === 'onset' ? (hospitalized ? rel.symptomaticHospitalized : rel.symptomaticHome) : rel.asymptomatic;
  return { start, end, days, basis, dayZero: day0, isolationRelease: addDays(day0, releaseDay)! };
}

function safe<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}
