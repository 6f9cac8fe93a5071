import type { Issue } from '../issues.js';
import { FIELDS, fieldMeta, fieldRequirement, isFilled, valueAt } from '../fields.js';
import { issue, type RuleContext } from './context.js';

/** Fields inside lists: checked for each entry. */
const LIST_PATHS = ['diagnosis.methods', 'vaccination.doses'];

const RULE_OF: Record<string, string> = {
  'diagnosis.onsetDate': 'D6',
  'diagnosis.deathDate': 'D7',
  'patient.guardian.name': 'D11',
  'patient.guardian.phone': 'D11',
  'patient.guardian.address': 'D11',
  'clinical.admissionDate': 'D12',
};

/** Paths whose emptiness another rule reports with a more precise code. */
const HANDLED_ELSEWHERE = new Set(['patient.phoneConfirmation' /* phone.confirmationRequired */]);

function check(ctx: RuleContext, path: string, out: Issue[]): void {
  if (HANDLED_ELSEWHERE.has(path)) return;
  const req = fieldRequirement(path, ctx.report, ctx.adultAge === undefined ? {} : { adultAge: ctx.adultAge });
  const filled = isFilled(valueAt(ctx.report, path));
  const meta = fieldMeta(path);
  const rule = meta ? RULE_OF[meta.path] : undefined;
  const params = rule ? { rule } : undefined;
  if (!filled && req === 'required') out.push(issue(path, 'required', 'error', params));
  else if (!filled && req === 'recommended') out.push(issue(path, 'recommended', 'warning', params));
  else if (filled && req === 'notApplicable')
    out.push(issue(path, 'notApplicable', meta?.notApplicableSeverity ?? 'warning', params));
}

/**
 * Required (error `required`), recommended (warning `recommended`) and not-applicable (`notApplicable`,
 * error for the onset date (D6), death date (D7) and admission date (D12); warning for guardian fields
 * of an adult (D11) and other leftovers) from the field table in fields.ts.
 */
export function requiredRule(ctx: RuleContext): Issue[] {
  const out: Issue[] = [];
  for (const f of FIELDS) {
    const list = LIST_PATHS.find((l) => f.path.startsWith(l + '.'));
    if (!list) {
      check(ctx, f.path, out);
      continue;
    }
    const entries = valueAt(ctx.report, list);
    if (!Array.isArray(entries)) continue;
    const leaf = f.path.slice(list.length + 1);
    for (let i = 0; i < entries.length; i++) check(ctx, `${list}.${i}.${leaf}`, out);
  }
  return out;
}
