import type { Issue } from '../issues.js';
import { issue, type RuleContext } from './context.js';

/** SpO2 at or below this (room air) means respiratory failure: 中等症Ⅱ or worse (診療の手引き). */
export const SPO2_RESPIRATORY_FAILURE = 93;

/**
 * SpO2 must be a percentage (0–100, error); an SpO2 of 93% or less with severity 軽症 or 無症状 is a
 * warning (the 手引き puts it at 中等症Ⅱ). Risk-factor items need 有 (error when 無/不明 is chosen with
 * items), and pregnancy for a person whose sex is 男 is a warning.
 */
export function clinicalRule(ctx: RuleContext): Issue[] {
  const out: Issue[] = [];
  const r = ctx.report;
  const spo2 = r.diagnosis?.spo2;
  if (spo2 !== undefined) {
    if (!Number.isFinite(spo2) || spo2 < 0 || spo2 > 100)
      out.push(issue('diagnosis.spo2', 'spo2.outOfRange', 'error', { value: spo2, min: 0, max: 100 }));
    else if (
      spo2 <= SPO2_RESPIRATORY_FAILURE &&
      (r.clinical?.severity === 'mild' || r.clinical?.severity === 'asymptomatic')
    )
      out.push(
        issue('clinical.severity', 'spo2.severityMismatch', 'warning', {
          spo2,
          limit: SPO2_RESPIRATORY_FAILURE,
        }),
      );
  }
  const items = r.riskFactors?.items ?? [];
  const presence = r.riskFactors?.presence;
  if (items.length > 0 && (presence === 'no' || presence === 'unknown'))
    out.push(issue('riskFactors.items', 'riskFactors.itemsWithoutPresence', 'error', { presence }));
  if (items.includes('pregnancy') && r.patient?.sex === 'male')
    out.push(issue('riskFactors.items', 'riskFactors.pregnancyNotFemale', 'warning'));
  return out;
}
