/**
 * The report check the server applies: `validateReport` from `hersys-sdk/schema` (shape + rules, issues
 * with paths relative to the report). Until the rules module is exported, the shape check alone is applied
 * (unknown fields, types, lengths), so the API contract — 400 with `Issue`s — is the same.
 */
import * as schema from 'hersys-sdk/schema';
import type { Issue, OccurrenceReport } from 'hersys-sdk/schema';
import { zodIssues } from './validate.js';

export interface ReportCheck {
  ok: boolean;
  report: OccurrenceReport | undefined;
  issues: Issue[];
}

type ValidateReport = (
  input: unknown,
  options: { today: string },
) => { ok: boolean; report?: OccurrenceReport; issues: readonly Issue[] };

export function checkReport(input: unknown, today: string): ReportCheck {
  const validate = (schema as unknown as { validateReport?: ValidateReport }).validateReport;
  if (typeof validate === 'function') {
    const r = validate(input, { today });
    const issues = [...r.issues];
    const ok = r.ok && !issues.some((i) => i.severity === 'error');
    return { ok, report: ok ? (r.report ?? (input as OccurrenceReport)) : undefined, issues };
  }
  const parsed = schema.occurrenceReportSchema.safeParse(input);
  if (!parsed.success) return { ok: false, report: undefined, issues: zodIssues(parsed.error) };
  return { ok: true, report: parsed.data, issues: [] };
}
