/**
 * Calendar arithmetic on ISO `YYYY-MM-DD` strings. Pure: no `Date` parsing of strings, no time zone.
 * Internally a date is a day number (days since 1970-01-01, proleptic Gregorian), computed with UTC.
 */

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days in a month of a (proleptic Gregorian) year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** True when the year, month and day form a real calendar date (year 1..9999). */
export function isValidYmd(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

export interface Ymd {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Recently split dates (a report's few dates are looked at many times). Entries are immutable. */
const SPLIT_CACHE = new Map<string, Ymd | null>();

/** The parts of a valid ISO date, or `undefined` (wrong shape or impossible date such as 2022-02-30). */
export function splitIsoDate(iso: unknown): Ymd | undefined {
  if (typeof iso !== 'string') return undefined;
  if (iso.length !== 10) return undefined;
  const hit = SPLIT_CACHE.get(iso);
  if (hit !== undefined) return hit ?? undefined;
  const m = ISO_RE.exec(iso);
  let out: Ymd | null = null;
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    const day = Number(m[3]);
    if (isValidYmd(year, month, day)) out = Object.freeze({ year, month, day });
  }
  if (SPLIT_CACHE.size >= 512) SPLIT_CACHE.delete(SPLIT_CACHE.keys().next().value!);
  SPLIT_CACHE.set(iso, out);
  return out ?? undefined;
}

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: unknown): value is string {
  return splitIsoDate(value) !== undefined;
}

/** Writes a date as `YYYY-MM-DD`. */
export function toIso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Day number of an ISO date (days since 1970-01-01), or `undefined` when it is not a valid date. */
export function dayNumber(iso: string): number | undefined {
  const p = splitIsoDate(iso);
  if (!p) return undefined;
  const d = new Date(0);
  d.setUTCFullYear(p.year, p.month - 1, p.day);
  return Math.round(d.getTime() / 86_400_000);
}

/** The ISO date of a day number. */
export function fromDayNumber(n: number): string {
  const d = new Date(n * 86_400_000);
  return toIso(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** `iso` plus `days` (may be negative); `undefined` when `iso` is not a valid date. */
export function addDays(iso: string, days: number): string | undefined {
  const n = dayNumber(iso);
  return n === undefined ? undefined : fromDayNumber(n + days);
}

/** Whole days from `a` to `b` (positive when b is later); `undefined` when either is invalid. */
export function daysBetween(a: string, b: string): number | undefined {
  const x = dayNumber(a);
  const y = dayNumber(b);
  return x === undefined || y === undefined ? undefined : y - x;
}

/** Today in the local time zone of the running process, as ISO. */
export function localToday(): string {
  const d = new Date();
  return toIso(d.getFullYear(), d.getMonth() + 1, d.getDate());
}

let japanFormat: Intl.DateTimeFormat | null | undefined;

/**
 * Today in Japan (Asia/Tokyo), as ISO: the calendar HER-SYS and the report dates live in. A server running
 * in UTC would otherwise see 「today」 as yesterday between 00:00 and 09:00 JST and reject that morning's
 * reports as future-dated. Falls back to the local date where the runtime has no time-zone data.
 *
 * @example todayInJapan() // '2022-09-27' at 2022-09-26T16:00:00Z
 */
export function todayInJapan(now: Date = new Date()): string {
  if (japanFormat === undefined) {
    try {
      japanFormat = new Intl.DateTimeFormat('en-CA', {
        timeZone: 'Asia/Tokyo',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      });
    } catch {
      japanFormat = null;
    }
  }
  if (japanFormat === null) return localToday();
  const parts = japanFormat.formatToParts(now);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const y = get('year');
  const m = get('month');
  const d = get('day');
  return isValidYmd(y, m, d) ? toIso(y, m, d) : localToday();
}
