import type { Issue } from './issues.js';
import type { OccurrenceReport } from './report/occurrence-report.js';
import { DEATH_CATEGORIES } from './codes/index.js';
import { ageAtDiagnosis } from './age.js';
import { isIsoDate } from './iso-date.js';

/**
 * Who must be reported individually (発生届) is policy, not a law of nature: from 2022-09-26 only four
 * categories were (domain notes §1.4). A deployment picks a policy object; validateReport takes it as
 * `eligibilityPolicy`.
 */
export interface EligibilityPolicy {
  readonly id: string;
  readonly description: string;
  /**
   * First diagnosis date (ISO) from which only the four categories are reported (D16); `null` turns
   * the limit off.
   */
  readonly fourCategoriesFrom: string | null;
  /** Category 1: aged this or older at the diagnosis date. */
  readonly elderlyAge: number;
  /** Severity of D16 (a report outside the four categories): 'error' blocks filing. */
  readonly outsideCategoriesSeverity: 'error' | 'warning';
  /** D17: warn that a 疑似症患者 who needs no hospitalization is not to be reported. */
  readonly warnSuspectedNotHospitalized: boolean;
}

/** The policies the SDK ships. */
export const ELIGIBILITY_POLICIES = {
  /** Default: the nationwide 全数届出の見直し of 2022-09-26 (four categories), and D17. */
  fourCategories2022: {
    id: 'fourCategories2022',
    description:
      'From 2022-09-26 only the four categories (65+, hospitalization, risk with treatment or oxygen, pregnancy) and deaths are reported.',
    fourCategoriesFrom: '2022-09-26',
    elderlyAge: 65,
    outsideCategoriesSeverity: 'error',
    warnSuspectedNotHospitalized: true,
  },
  /** Every case is reported (as before 2022-09-26, or where a prefecture still wants all); D17 stays. */
  allCases: {
    id: 'allCases',
    description: 'Every case is reported individually; only the 疑似症患者 footnote (D17) applies.',
    fourCategoriesFrom: null,
    elderlyAge: 65,
    outsideCategoriesSeverity: 'error',
    warnSuspectedNotHospitalized: true,
  },
} as const satisfies Record<string, EligibilityPolicy>;

export const DEFAULT_ELIGIBILITY_POLICY: EligibilityPolicy = ELIGIBILITY_POLICIES.fourCategories2022;

/** Why a case is reportable under the four-category rule. */
export type EligibilityReason = 'death' | 'elderly' | 'hospitalization' | 'riskWithTreatment' | 'pregnancy';

export interface Eligibility {
  /** True when the four-category limit is in force for this report's diagnosis date. */
  readonly limited: boolean;
  /** The categories the case falls in (may be several; empty when none). */
  readonly reasons: readonly EligibilityReason[];
  /**
   * Whether the case is to be reported individually: `true`, `false` (D16: only the daily count; or
   * D17: a 疑似症患者 who needs no hospitalization), or `undefined` when the report lacks the answers.
   */
  readonly eligible: boolean | undefined;
}

/**
 * Whether the case is to be reported by 発生届 under a policy, and why.
 *
 * @example reportEligibility(tc1Report()) // { limited: true, reasons: ['elderly'], eligible: true }
 */
export function reportEligibility(
  report: OccurrenceReport,
  policy: EligibilityPolicy = DEFAULT_ELIGIBILITY_POLICY,
): Eligibility {
  const r = report ?? {};
  const reasons: EligibilityReason[] = [];
  const category = r.patient?.category;
  const dx = r.diagnosis?.diagnosisDate;
  const dob = r.patient?.dateOfBirth;
  if (category !== undefined && DEATH_CATEGORIES.includes(category)) reasons.push('death');
  const age = dob && dx ? ageAtDiagnosis(dob, dx) : undefined;
  if (age && age.years >= policy.elderlyAge) reasons.push('elderly');
  const c = r.clinical;
  if (c?.hospitalizationNeeded === 'yes' || c?.hospitalized === 'yes') reasons.push('hospitalization');
  const items = r.riskFactors?.items ?? [];
  const risk = r.riskFactors?.presence === 'yes' || items.length > 0;
  if (risk && (c?.antiviralNeeded === 'yes' || c?.oxygenNeeded === 'yes')) reasons.push('riskWithTreatment');
  if (items.includes('pregnancy')) reasons.push('pregnancy');

  const limited =
    policy.fourCategoriesFrom !== null &&
    dx !== undefined &&
    isIsoDate(dx) &&
    dx >= policy.fourCategoriesFrom;
  if (category === 'suspected' && c?.hospitalizationNeeded === 'no' && c.hospitalized !== 'yes')
    return { limited, reasons, eligible: false };
  if (!limited) return { limited, reasons, eligible: dx === undefined ? undefined : true };
  if (reasons.length > 0) return { limited, reasons, eligible: true };
  // Outside the categories only if the answers that could put the case in one are given.
  const answered =
    age !== undefined && c?.hospitalizationNeeded !== undefined && r.riskFactors?.presence !== undefined;
  return { limited, reasons, eligible: answered ? false : undefined };
}

/** D16 and D17 as issues on the whole report (path ''). */
export function eligibilityRule(report: OccurrenceReport, policy: EligibilityPolicy): Issue[] {
  const e = reportEligibility(report, policy);
  const out: Issue[] = [];
  const c = report.clinical;
  if (
    policy.warnSuspectedNotHospitalized &&
    report.patient?.category === 'suspected' &&
    c?.hospitalizationNeeded === 'no' &&
    c.hospitalized !== 'yes'
  ) {
    out.push({ path: '', code: 'eligibility.D17.suspectedNotHospitalized', severity: 'warning' });
  } else if (e.limited && e.eligible === false) {
    out.push({
      path: '',
      code: 'eligibility.D16.notInFourCategories',
      severity: policy.outsideCategoriesSeverity,
      params: { from: policy.fourCategoriesFrom ?? '', elderlyAge: policy.elderlyAge },
    });
  }
  return out;
}
