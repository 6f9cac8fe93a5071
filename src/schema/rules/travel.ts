import type { Issue } from '../issues.js';
import type { OccurrenceReport } from '../report/occurrence-report.js';
import { issue } from './context.js';

/**
 * D15, travel: 出国日 ≤ 入国日 ≤ 診断日 (errors). For a resident abroad only the entry date is asked. Travel
 * dates on a report whose infection area is 日本国内 are a warning (`travel.D15.notAbroad`): the 渡航期間
 * belongs to the 国外 region. `dates` holds the report's valid dates by path.
 */
export function travelRule(report: OccurrenceReport, dates: ReadonlyMap<string, string>): Issue[] {
  const out: Issue[] = [];
  const dep = dates.get('infection.departureDate');
  const ent = dates.get('infection.entryDate');
  const dx = dates.get('diagnosis.diagnosisDate');
  if (dep !== undefined && ent !== undefined && dep > ent)
    out.push(
      issue('infection.departureDate', 'travel.D15.departureAfterEntry', 'error', {
        date: dep,
        other: 'infection.entryDate',
        otherDate: ent,
      }),
    );
  if (ent !== undefined && dx !== undefined && ent > dx)
    out.push(
      issue('infection.entryDate', 'travel.D15.entryAfterDiagnosis', 'error', {
        date: ent,
        other: 'diagnosis.diagnosisDate',
        otherDate: dx,
      }),
    );
  if (report?.infection?.area === 'domestic') {
    if (dep !== undefined) out.push(issue('infection.departureDate', 'travel.D15.notAbroad', 'warning'));
    if (ent !== undefined) out.push(issue('infection.entryDate', 'travel.D15.notAbroad', 'warning'));
  }
  return out;
}
