import { isValidYmd, splitIsoDate, toIso } from './iso-date.js';

/**
 * 和暦 (Japanese era) display and entry.
 *
 * Decisions (docs/schema.md, "Eras"):
 * - Month and day are always Gregorian. Dates before 明治6年 (1873) were lunisolar; we do not convert them.
 *   The first representable day is 1868-01-25, the Gregorian day of 明治元年1月1日 under the retroactive
 *   rule, so 明治 dates that fall before 1868-01-25 in Gregorian terms (e.g. 明治元年1月1日) are rejected.
 * - On the boundary days 1912-07-30 and 1926-12-25 both eras are accepted on input; output uses the NEW
 *   era (大正元年7月30日, 昭和元年12月25日).
 * - Year 1 of an era is written 元年 in the long style and 1 in the short style (R1.5.1).
 */

export type EraCode = 'meiji' | 'taisho' | 'showa' | 'heisei' | 'reiwa';

export interface Era {
  readonly code: EraCode;
  /** 明治, 大正… */
  readonly ja: string;
  /** M, T, S, H, R. */
  readonly abbr: string;
  readonly en: string;
  /** First day (ISO) this era is printed for. */
  readonly start: string;
  /** Last day (ISO) accepted on input for this era (the next era's first day when they share it). */
  readonly inputEnd: string | undefined;
}

/** The eras from 明治, oldest first. */
export const ERAS: readonly Era[] = [
  { code: 'meiji', ja: '明治', abbr: 'M', en: 'Meiji', start: '1868-01-25', inputEnd: '1912-07-30' },
  { code: 'taisho', ja: '大正', abbr: 'T', en: 'Taisho', start: '1912-07-30', inputEnd: '1926-12-25' },
  { code: 'showa', ja: '昭和', abbr: 'S', en: 'Showa', start: '1926-12-25', inputEnd: '1989-01-07' },
  { code: 'heisei', ja: '平成', abbr: 'H', en: 'Heisei', start: '1989-01-08', inputEnd: '2019-04-30' },
  { code: 'reiwa', ja: '令和', abbr: 'R', en: 'Reiwa', start: '2019-05-01', inputEnd: undefined },
];

/** The first day wareki can express. */
export const FIRST_WAREKI_DATE = '1868-01-25';

/** A date split for a UI with an era select. */
export interface WarekiParts {
  readonly era: EraCode;
  readonly eraName: string;
  readonly abbr: string;
  /** Year of the era (1 for 元年). */
  readonly year: number;
  /** The year as printed in the long style: '元' or the number. */
  readonly yearText: string;
  readonly month: number;
  readonly day: number;
}

function eraStartYear(era: Era): number {
  return Number(era.start.slice(0, 4));
}

/**
 * The era parts of an ISO date, or `undefined` for an invalid date or one before 1868-01-25.
 *
 * @example toWarekiParts('2019-05-01') // { era: 'reiwa', eraName: '令和', abbr: 'R', year: 1, yearText: '元', month: 5, day: 1 }
 */
export function toWarekiParts(iso: string): WarekiParts | undefined {
  const p = splitIsoDate(iso);
  if (!p || iso < FIRST_WAREKI_DATE) return undefined;
  let era: Era = ERAS[0]!;
  for (const e of ERAS) if (iso >= e.start) era = e;
  const year = p.year - eraStartYear(era) + 1;
  return {
    era: era.code,
    eraName: era.ja,
    abbr: era.abbr,
    year,
    yearText: year === 1 ? '元' : String(year),
    month: p.month,
    day: p.day,
  };
}

export type WarekiStyle = 'long' | 'short' | 'parts';

/**
 * Formats an ISO date in 和暦. Never throws: an invalid date or one before 1868-01-25 is returned as given.
 *
 * @example formatWareki('2022-09-27') // '令和4年9月27日'
 * @example formatWareki('2019-05-01') // '令和元年5月1日'
 * @example formatWareki('2022-09-27', { style: 'short' }) // 'R4.9.27'
 * @example formatWareki('1926-12-25') // '昭和元年12月25日' (the new era on a boundary day)
 */
export function formatWareki(iso: string, options: { style: 'parts' }): WarekiParts | undefined;
export function formatWareki(iso: string, options?: { style?: 'long' | 'short' }): string;
export function formatWareki(
  iso: string,
  options: { style?: WarekiStyle } = {},
): string | WarekiParts | undefined {
  const parts = typeof iso === 'string' ? toWarekiParts(iso) : undefined;
  if (options.style === 'parts') return parts;
  if (!parts) return typeof iso === 'string' ? iso : '';
  if (options.style === 'short') return `${parts.abbr}${parts.year}.${parts.month}.${parts.day}`;
  return `${parts.eraName}${parts.yearText}年${parts.month}月${parts.day}日`;
}

/** Why a date text could not be read. */
export type DateParseCode = 'date.empty' | 'date.format' | 'date.invalid' | 'date.outsideEra';

export type DateParseResult = { ok: true; date: string } | { ok: false; code: DateParseCode };

const ERA_BY_NAME: Record<string, Era> = {};
for (const e of ERAS) {
  ERA_BY_NAME[e.ja] = e;
  ERA_BY_NAME[e.abbr] = e;
  ERA_BY_NAME[e.abbr.toLowerCase()] = e;
}

/**
 * The ISO date of an era date given by parts (for UIs with an era select), checking the era's range.
 *
 * @example fromWarekiParts('heisei', 31, 4, 30) // { ok: true, date: '2019-04-30' }
 * @example fromWarekiParts('heisei', 31, 5, 1) // { ok: false, code: 'date.outsideEra' }
 */
export function fromWarekiParts(era: EraCode, year: number, month: number, day: number): DateParseResult {
  const e = ERAS.find((x) => x.code === era);
  if (!e || !Number.isInteger(year) || year < 1) return { ok: false, code: 'date.invalid' };
  const gy = eraStartYear(e) + year - 1;
  if (!isValidYmd(gy, month, day)) return { ok: false, code: 'date.invalid' };
  const iso = toIso(gy, month, day);
  if (iso < e.start || (e.inputEnd !== undefined && iso > e.inputEnd))
    return { ok: false, code: 'date.outsideEra' };
  return { ok: true, date: iso };
}

const DASHES = /[‐‑‒–—―−ー－﹣ｰ]/g;
const KANJI_DIGITS: Readonly<Record<string, number>> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 二十七 → 27, 十二 → 12, 二〇二二 → 2022 (digit by digit when there is no 十). */
function kanjiNumber(k: string): string {
  if (!k.includes('十')) return [...k].map((c) => String(KANJI_DIGITS[c] ?? '')).join('');
  const parts = k.split('十');
  if (parts.length !== 2) return k; // not a number we read; left to fail
  const [tens, ones] = parts as [string, string];
  if (tens.length > 1 || ones.length > 1) return k;
  return String((tens === '' ? 1 : KANJI_DIGITS[tens]!) * 10 + (ones === '' ? 0 : KANJI_DIGITS[ones]!));
}
const GREGORIAN_RE = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/;
const COMPACT_RE = /^(\d{4})(\d{2})(\d{2})$/;
const ERA_RE = /^(明治|大正|昭和|平成|令和|[MTSHRmtshr])\.?(元|\d{1,2})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/;

/**
 * Reads a date typed the ways clinics write it and returns it as ISO. Never throws.
 *
 * Accepted: `2022-09-27`, `2022/9/27`, `2022.9.27`, `2022年9月27日`, `20220927`, `R4.9.27`, `R04/09/27`,
 * `令和4年9月27日`, `令和元年5月1日`, `令和四年九月二十七日`, `S25/4/12`, `H31.4.30`, `㍻31.4.30`; full-width digits and
 * letters, spaces and any hyphen-like dash. Rejected with a code: empty text (`date.empty`), anything else
 * (`date.format`), impossible days such as `2022/2/30` (`date.invalid`), and era dates outside their era,
 * such as `H31.5.1` or `明治元年1月1日` (before 1868-01-25) (`date.outsideEra`).
 *
 * @example parseJapaneseDate('令和4年9月27日') // { ok: true, date: '2022-09-27' }
 * @example parseJapaneseDate('H31.5.1') // { ok: false, code: 'date.outsideEra' }
 */
export function parseJapaneseDate(text: unknown): DateParseResult {
  if (typeof text !== 'string') return { ok: false, code: 'date.format' };
  const s = text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(DASHES, '-')
    .replace(/[〇零一二三四五六七八九十]+/g, kanjiNumber);
  if (s === '') return { ok: false, code: 'date.empty' };
  let m = GREGORIAN_RE.exec(s) ?? COMPACT_RE.exec(s);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    return isValidYmd(y, mo, d) ? { ok: true, date: toIso(y, mo, d) } : { ok: false, code: 'date.invalid' };
  }
  m = ERA_RE.exec(s);
  if (m) {
    const era = ERA_BY_NAME[m[1]!];
    if (!era) return { ok: false, code: 'date.format' };
    const year = m[2] === '元' ? 1 : Number(m[2]);
    return fromWarekiParts(era.code, year, Number(m[3]), Number(m[4]));
  }
  return { ok: false, code: 'date.format' };
}
