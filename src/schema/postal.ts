/** 郵便番号: 7 digits, written NNN-NNNN. */

export type PostalResult =
  | { ok: true; code: string; formatted: string }
  | { ok: false; issue: 'postal.invalid'; code?: undefined; formatted?: undefined };

/**
 * Normalizes a postal code as typed: full-width digits, a leading 〒, spaces and any hyphen or dash are
 * accepted. The result's `code` is the 7 digits, `formatted` is NNN-NNNN. Never throws; anything that is
 * not 7 digits gives `{ ok: false, issue: 'postal.invalid' }`.
 *
 * @example normalizePostalCode('〒１００－０００４') // { ok: true, code: '1000004', formatted: '100-0004' }
 */
export function normalizePostalCode(text: string): PostalResult {
  if (typeof text !== 'string') return { ok: false, issue: 'postal.invalid' };
  const s = text
    .normalize('NFKC')
    .replace(/^\s*〒/, '')
    .replace(/[\s\-‐‑‒–—―−ー﹣ｰ]/g, '');
  if (!/^\d{7}$/.test(s)) return { ok: false, issue: 'postal.invalid' };
  return { ok: true, code: s, formatted: `${s.slice(0, 3)}-${s.slice(3)}` };
}
