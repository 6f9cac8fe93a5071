/** Where the server gets the time; tests pass a fixed or stepping clock. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** The calendar date in Japan (Asia/Tokyo, UTC+9, no DST) of an instant, as YYYY-MM-DD. */
export function tokyoDate(d: Date): string {
  return new Date(d.getTime() + 9 * 3600_000).toISOString().slice(0, 10);
}

export function iso(d: Date): string {
  return d.toISOString();
}
