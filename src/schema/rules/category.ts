import type { Issue } from '../issues.js';
import { DIAGNOSTIC_METHODS } from '../codes/index.js';
import { issue, type RuleContext } from './context.js';

/**
 * The category against the clinical picture and the tests:
 * - D6: a 無症状病原体保有者 has no symptoms (error when symptoms other than 症状なし are given); a
 *   患者（確定例） with only 症状なし is a warning (the category may be wrong). The onset date of a
 *   non-patient is `notApplicable` (required.ts).
 * - 症状なし together with a symptom is an error.
 * - D8: at least one positive method, unless 疑似症患者 (clinical diagnosis): an error when results are
 *   given and none is positive.
 * - A specimen the form does not list for the method (e.g. saliva for a qualitative antigen test) is an
 *   error.
 */
export function categoryRule(ctx: RuleContext): Issue[] {
  const out: Issue[] = [];
  const r = ctx.report;
  const category = r.patient?.category;
  const symptoms = r.diagnosis?.symptoms ?? [];
  const real = symptoms.filter((s) => s !== 'none');
  if (symptoms.includes('none') && real.length > 0)
    out.push(issue('diagnosis.symptoms', 'symptoms.noneWithOthers', 'error'));
  else if (category === 'asymptomatic' && real.length > 0)
    out.push(issue('diagnosis.symptoms', 'category.D6.asymptomaticWithSymptoms', 'error'));
  else if (category === 'confirmed' && symptoms.length > 0 && real.length === 0)
    out.push(
      issue('diagnosis.symptoms', 'category.D6.confirmedWithoutSymptoms', 'warning', {
        suggestion: 'asymptomatic',
      }),
    );

  const methods = r.diagnosis?.methods ?? [];
  const withResult = methods.filter((m) => m.result !== undefined);
  if (category !== 'suspected' && withResult.length > 0 && !withResult.some((m) => m.result === 'positive'))
    out.push(issue('diagnosis.methods', 'diagnosis.D8.noPositiveMethod', 'error'));
  methods.forEach((m, i) => {
    const def = DIAGNOSTIC_METHODS.find((d) => d.code === m.method);
    if (def && m.specimen !== undefined && !(def.specimens as readonly string[]).includes(m.specimen))
      out.push(
        issue(`diagnosis.methods.${i}.specimen`, 'diagnosis.specimenNotAllowed', 'error', {
          method: m.method,
          specimen: m.specimen,
        }),
      );
  });
  return out;
}
