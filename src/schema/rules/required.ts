import type { Issue } from '../issues.js';
import { forEachField, isFilled } from '../fields.js';
import { issue, type RuleContext } from './context.js';

const RULE_OF: Record<string, string> = {
  'diagnosis.onsetDate': 'D6',
  'diagnosis.deathDate': 'D7',
  'patient.guardian.name': 'D11',
  'patient.guardian.phone': 'D11',
  'patient.guardian.address': 'D11',
  'clinical.admissionDate': 'D12',
  'clinical.hospitalized': 'D12',
};

/** Paths whose emptiness another rule reports with a more precise code. */
const HANDLED_ELSEWHERE = new Set(['patient.phoneConfirmation' /* phone.confirmationRequired */]);

/**
 * Required (error `required`), recommended (warning `recommended`) and not-applicable (`notApplicable`,
 * error for the onset date (D6), death date (D7) and admission date (D12); warning for guardian fields
 * of an adult (D11) and other leftovers) from the field table in fields.ts.
 */
export function requiredRule(ctx: RuleContext): Issue[] {
  const out: Issue[] = [];
  const options = { adultAge: ctx.adultAge, skipOptional: true };
  forEachField(ctx.report, options, (path, meta, requirement, value) => {
    if (requirement === 'optional' || HANDLED_ELSEWHERE.has(path)) return;
    const filled = isFilled(value);
    const rule = RULE_OF[meta.path];
    const params = rule ? { rule } : undefined;
    if (!filled && requirement === 'required') out.push(issue(path, 'required', 'error', params));
    else if (!filled && requirement === 'recommended')
      out.push(issue(path, 'recommended', 'warning', params));
    else if (filled && requirement === 'notApplicable')
      out.push(issue(path, 'notApplicable', meta.notApplicableSeverity ?? 'warning', params));
  });
  return out;
}
