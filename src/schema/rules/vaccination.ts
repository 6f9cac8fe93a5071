import type { Issue } from '../issues.js';
import type { OccurrenceReport } from '../report/occurrence-report.js';
import { valueAt } from '../fields.js';
import { issue } from './context.js';

/** Japan's first COVID-19 vaccinations (health-care workers); an earlier dose date is a typo (D13). */
export const VACCINATION_START_DATE = '2021-02-17';

interface DoseView {
  index: number;
  dose: number;
  given: unknown;
  date: string | undefined;
}

function doseViews(report: unknown, dates: ReadonlyMap<string, string>): DoseView[] {
  const doses = valueAt(report, 'vaccination.doses');
  if (!Array.isArray(doses)) return [];
  const out: DoseView[] = [];
  doses.forEach((d: unknown, index) => {
    const dose = valueAt(d, 'dose');
    if (typeof dose !== 'number') return;
    out.push({ index, dose, given: valueAt(d, 'given'), date: dates.get(`vaccination.doses.${index}.date`) });
  });
  return out;
}

/**
 * D13, the dates: each dose after the previous one (error), none before 2021-02-17 (error), none after
 * the diagnosis (warning: a dose after the diagnosis is not history), and the latest date equal to the
 * last dose's (warning). `dates` holds the report's valid dates by path.
 */
export function vaccinationDateRule(report: OccurrenceReport, dates: ReadonlyMap<string, string>): Issue[] {
  const out: Issue[] = [];
  const dx = dates.get('diagnosis.diagnosisDate');
  const views = doseViews(report, dates).sort((a, b) => a.dose - b.dose);
  let prev: DoseView | undefined;
  for (const v of views) {
    if (v.date === undefined) continue;
    const path = `vaccination.doses.${v.index}.date`;
    if (prev?.date !== undefined && v.date <= prev.date)
      out.push(
        issue(path, 'vaccination.D13.doseOrder', 'error', {
          dose: v.dose,
          date: v.date,
          otherDose: prev.dose,
          other: `vaccination.doses.${prev.index}.date`,
          otherDate: prev.date,
        }),
      );
    prev = v;
  }
  const checkDate = (path: string) => {
    const d = dates.get(path);
    if (d === undefined) return;
    if (d < VACCINATION_START_DATE)
      out.push(
        issue(path, 'vaccination.D13.beforeProgramme', 'error', { date: d, start: VACCINATION_START_DATE }),
      );
    else if (dx !== undefined && d > dx)
      out.push(
        issue(path, 'vaccination.D13.afterDiagnosis', 'warning', {
          date: d,
          other: 'diagnosis.diagnosisDate',
          otherDate: dx,
        }),
      );
  };
  for (const v of views) checkDate(`vaccination.doses.${v.index}.date`);
  checkDate('vaccination.latestDate');
  const latest = dates.get('vaccination.latestDate');
  const lastDose = views.filter((v) => v.date !== undefined && v.given !== 'no').at(-1);
  if (latest !== undefined && lastDose?.date !== undefined && latest !== lastDose.date)
    out.push(
      issue('vaccination.latestDate', 'vaccination.D13.latestDateMismatch', 'warning', {
        date: latest,
        other: `vaccination.doses.${lastDose.index}.date`,
        otherDate: lastDose.date,
      }),
    );
  return out;
}

/**
 * D13, the counts: the doses listed as given must not exceed the dose count (error, also for a count of
 * 0), and a dose number must not appear twice (error `array.duplicate`).
 */
export function vaccinationCountRule(report: OccurrenceReport): Issue[] {
  const out: Issue[] = [];
  const views = doseViews(report, new Map());
  const seen = new Set<number>();
  for (const v of views) {
    if (seen.has(v.dose))
      out.push(issue(`vaccination.doses.${v.index}.dose`, 'array.duplicate', 'error', { value: v.dose }));
    seen.add(v.dose);
  }
  const count = report.vaccination?.doseCount;
  if (typeof count === 'number') {
    const given = views.filter((v) => v.given === 'yes');
    const highest = given.reduce((m, v) => Math.max(m, v.dose), 0);
    if (given.length > count || highest > count)
      out.push(
        issue('vaccination.doseCount', 'vaccination.D13.doseCountMismatch', 'error', {
          count,
          listed: Math.max(given.length, highest),
        }),
      );
  }
  return out;
}
