import { daysInMonth, splitIsoDate } from './iso-date.js';

/**
 * Age under 年齢計算ニ関スル法律: a person gains a year at the end of the day before the birthday, so on
 * the birthday they are a year older. A birthday (or monthly anniversary) that does not exist in a month
 * (2/29 in a common year, the 31st in a 30-day month) is reached at the end of that month's last day, so
 * a 2/29 birth is still younger on 2022-02-28 and older on 2022-03-01.
 */
export interface Age {
  /** Full years. */
  readonly years: number;
  /** Full months since the last birthday (0..11); the form shows them for 0-year-olds (0歳6か月). */
  readonly months: number;
}

/** Total full months from a birth date to a date, by the rule above. */
function fullMonths(
  b: { year: number; month: number; day: number },
  d: { year: number; month: number; day: number },
) {
  let months = (d.year - b.year) * 12 + (d.month - b.month);
  // The anniversary in d's month: b.day, or (if the month is shorter) the next month's 1st.
  const anniversaryReached = b.day <= daysInMonth(d.year, d.month) ? d.day >= b.day : false;
  if (!anniversaryReached) months -= 1;
  return months;
}

/**
 * Age at a date (the diagnosis date for the form's item 5). `undefined` when a date is invalid or the
 * date is before the birth date. Never throws.
 *
 * @example ageAtDiagnosis('1950-04-12', '2022-09-27') // { years: 72, months: 5 }
 * @example ageAtDiagnosis('2022-03-15', '2022-09-21') // { years: 0, months: 6 } (0歳6か月)
 * @example ageAtDiagnosis('2004-02-29', '2022-02-28') // { years: 17, months: 11 }
 */
export function ageAtDiagnosis(dateOfBirth: string, date: string): Age | undefined {
  const b = splitIsoDate(dateOfBirth);
  const d = splitIsoDate(date);
  if (!b || !d || date < dateOfBirth) return undefined;
  const months = fullMonths(b, d);
  return { years: Math.floor(months / 12), months: months % 12 };
}

/** Since 2022-04-01 (民法改正) the age of majority is 18; before, 20. */
export const MAJORITY_CHANGE_DATE = '2022-04-01';

/** The age of majority that applies on a date. */
export function adultAgeOn(date: string): number {
  return date >= MAJORITY_CHANGE_DATE ? 18 : 20;
}

/**
 * Whether the person is a minor on the date (the diagnosis date decides: under 18 from 2022-04-01, under
 * 20 before). `adultAge` overrides the age of majority. `undefined` when the age cannot be computed.
 *
 * @example isMinor('2005-01-01', '2022-09-27') // true (17, and 18 is the majority since 2022-04-01)
 * @example isMinor('2003-01-01', '2022-03-31') // true (19, and 20 was the majority then)
 */
export function isMinor(
  dateOfBirth: string,
  date: string,
  options: { adultAge?: number } = {},
): boolean | undefined {
  const age = ageAtDiagnosis(dateOfBirth, date);
  if (!age) return undefined;
  return age.years < (options.adultAge ?? adultAgeOn(date));
}
