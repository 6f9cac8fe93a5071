/**
 * The report check the server applies: `validateReport` from `hersys-sdk/schema`, the same shape check and
 * rules the components run as the user types (issues with paths relative to the report).
 */
import { validateReport, type Issue, type OccurrenceReport } from 'hersys-sdk/schema';

export interface ReportCheck {
  /** True when no issue is an error (warnings are kept with the report). */
  ok: boolean;
  /** The report as the schema normalized it, when `ok`. */
  report: OccurrenceReport | undefined;
  issues: Issue[];
}

/** Checks a report as of `today` (the Tokyo date: dates after it are errors). */
export function checkReport(input: unknown, today: string): ReportCheck {
  const r = validateReport(input, { today });
  const issues = [...r.issues];
  const ok = r.ok && !issues.some((i) => i.severity === 'error');
  return { ok, report: ok ? r.report : undefined, issues };
}
