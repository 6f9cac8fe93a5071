import type { OccurrenceReport } from '../report/occurrence-report.js';
import type { Issue, Severity } from '../issues.js';
import type { IssueCode } from '../issue-codes.js';
import type { EligibilityPolicy } from '../eligibility.js';

/** What every rule gets: the normalized report and the validation options. */
export interface RuleContext {
  readonly report: OccurrenceReport;
  /** ISO date of today (D1). */
  readonly today: string;
  /** Overrides the age of majority (otherwise 18 from 2022-04-01, 20 before). */
  readonly adultAge: number | undefined;
  readonly eligibilityPolicy: EligibilityPolicy;
}

/** Builds an issue (params only when given). */
export function issue(
  path: string,
  code: IssueCode,
  severity: Severity,
  params?: Record<string, string | number | boolean>,
): Issue {
  return params === undefined ? { path, code, severity } : { path, code, severity, params };
}
