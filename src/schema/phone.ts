/**
 * Japanese phone numbers (domain notes §4.4).
 *
 * Kinds: mobile (060/070/080/090, 11 digits, SMS-capable), landline (10 digits), ip (050, 11 digits),
 * tollFree (0120 + 6 digits, 0800 + 7 digits), navi (0570 + 6 digits), m2m (020, 11 or 14 digits), and
 * international (a '+' number outside +81). Nothing else is a valid number.
 *
 * Formatting: mobile/ip/m2m 3-4-4, 0120/0570 4-3-3, 0800 4-3-4. Landlines need the area-code table to place
 * the hyphens exactly; we keep the user's own grouping when it is a valid one (area code + exchange = 6
 * digits, 4-digit subscriber number, e.g. 0467-12-3456), write 03 and 06 numbers as 2-4-4 and other
 * numbers as 3-3-4 otherwise. The digits, which are what is compared and dialled, are always exact.
 */

export type PhoneKind =
  'mobile' | 'landline' | 'ip' | 'tollFree' | 'navi' | 'm2m' | 'international' | 'unknown';

export interface PhoneResult {
  readonly ok: boolean;
  /** The digits (domestic form, leading 0; for international numbers the digits after '+'). */
  readonly digits: string;
  /** For display: 090-1234-5678, 03-1234-5678, +1 2025550123; the trimmed input when not ok. */
  readonly formatted: string;
  readonly kind: PhoneKind;
  /** True only for Japanese mobile numbers (060/070/080/090): the only ones an SMS reaches. */
  readonly smsCapable: boolean;
  /** `phone.invalid` when not ok. */
  readonly code?: 'phone.invalid';
}

const DASHES = /[-‐‑‒–—―−ー﹣ｰ]/g;

function invalid(input: string, digits: string): PhoneResult {
  return {
    ok: false,
    digits,
    formatted: input.trim(),
    kind: 'unknown',
    smsCapable: false,
    code: 'phone.invalid',
  };
}

function group(d: string, sizes: number[]): string {
  const parts: string[] = [];
  let i = 0;
  for (const n of sizes) {
    parts.push(d.slice(i, i + n));
    i += n;
  }
  if (i < d.length) parts.push(d.slice(i));
  return parts.join('-');
}

/** Recent results (validation parses the same few numbers again and again). Results are immutable. */
const CACHE = new Map<string, PhoneResult>();
const CACHE_SIZE = 256;

/**
 * Parses a Japanese phone number as typed (full-width digits, any dash, spaces, parentheses, +81).
 * Never throws.
 *
 * @example parsePhoneJP('０９０ー１２３４ー５６７８') // { ok: true, digits: '09012345678', formatted: '090-1234-5678', kind: 'mobile', smsCapable: true }
 * @example parsePhoneJP('+81 3-1234-5678') // { ok: true, digits: '0312345678', formatted: '03-1234-5678', kind: 'landline', smsCapable: false }
 * @example parsePhoneJP('1234') // { ok: false, code: 'phone.invalid', … }
 */
export function parsePhoneJP(text: string): PhoneResult {
  if (typeof text !== 'string') return invalid('', '');
  const hit = CACHE.get(text);
  if (hit !== undefined) return hit;
  const r = parse(text);
  if (text.length > 64) return r; // never keep long (hostile) input alive
  if (CACHE.size >= CACHE_SIZE) CACHE.delete(CACHE.keys().next().value!);
  CACHE.set(text, r);
  return r;
}

function parse(text: string): PhoneResult {
  if (text.length > 200) return invalid(text.slice(0, 200), '');
  const s = text.normalize('NFKC').trim();
  // The user's own grouping, for landlines.
  const typedGroups = s
    .replace(/^\+81[\s-]*(\(0\))?/, '0')
    .split(/[\s\-‐‑‒–—―−ー﹣ｰ()]+/)
    .filter((g) => g !== '');
  let rest = s.replace(/[\s.()]/g, '').replace(DASHES, '');
  let international = false;
  if (rest.startsWith('+')) {
    international = true;
    rest = rest.slice(1);
  } else if (rest.startsWith('010')) {
    // Japan's international call prefix.
    international = true;
    rest = rest.slice(3);
  }
  if (!/^\d+$/.test(rest)) return invalid(s, rest.replace(/\D/g, ''));
  if (international) {
    if (rest.startsWith('81')) {
      rest = rest.slice(2);
      if (rest.startsWith('0')) rest = rest.slice(1); // +81 (0)90…
      rest = '0' + rest;
    } else {
      if (rest.length < 8 || rest.length > 15 || rest.startsWith('0')) return invalid(s, rest);
      return { ok: true, digits: rest, formatted: '+' + rest, kind: 'international', smsCapable: false };
    }
  }
  const d = rest;
  const ok = (kind: PhoneKind, formatted: string): PhoneResult => ({
    ok: true,
    digits: d,
    formatted,
    kind,
    smsCapable: kind === 'mobile',
  });
  // 0800 (toll-free) before 080 (mobile): 080-0 is not a mobile block.
  if (/^0800\d{7}$/.test(d)) return ok('tollFree', group(d, [4, 3, 4]));
  if (/^0[6789]0\d{8}$/.test(d)) return ok('mobile', group(d, [3, 4, 4]));
  if (/^050\d{8}$/.test(d)) return ok('ip', group(d, [3, 4, 4]));
  if (/^020\d{8}(\d{3})?$/.test(d)) return ok('m2m', group(d, [3, 4, 4]));
  if (/^0120\d{6}$/.test(d)) return ok('tollFree', group(d, [4, 3, 3]));
  if (/^0570\d{6}$/.test(d)) return ok('navi', group(d, [4, 3, 3]));
  // Geographic numbers: 10 digits; 0X0 prefixes are never area codes (they are mobile, IP, M2M…).
  if (/^0[1-9]\d{8}$/.test(d) && !/^0\d0/.test(d) && !/^0(120|570|990)/.test(d)) {
    const g = typedGroups;
    if (
      g.length === 3 &&
      g.join('') === d &&
      g[0]!.length >= 2 &&
      g[0]!.length <= 5 &&
      g[0]!.length + g[1]!.length === 6 &&
      g[2]!.length === 4
    ) {
      return ok('landline', g.join('-'));
    }
    if (/^0[36]/.test(d)) return ok('landline', group(d, [2, 4, 4]));
    return ok('landline', group(d, [3, 3, 4]));
  }
  return invalid(s, d);
}

/**
 * The phone as it is stored in a normalized report: the formatted number when it parses, else the
 * trimmed text (kept, so nothing typed is lost; the rules report `phone.invalid`).
 */
export function normalizePhone(text: string): string {
  const r = parsePhoneJP(text);
  return r.ok ? r.formatted : typeof text === 'string' ? text.trim() : '';
}
