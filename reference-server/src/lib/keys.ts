/** Search keys: how names, kana, phones and passport numbers are stored for exact and prefix search. */
import { normalizeKana } from 'hersys-sdk/schema';
import { createHash } from 'node:crypto';

/** Kana as stored for search: full-width katakana, no spaces. */
export function kanaKey(text: string | undefined | null): string {
  return text ? normalizeKana(text).replace(/ /g, '') : '';
}

/** A name as stored for search: NFKC, no spaces. */
export function nameKey(text: string | undefined | null): string {
  return text ? text.normalize('NFKC').replace(/\s+/gu, '') : '';
}

/** Phone digits for search (any formatting; full-width digits accepted). */
export function phoneKey(text: string | undefined | null): string {
  return text ? text.normalize('NFKC').replace(/\D/g, '') : '';
}

/** Passport number for search: NFKC, upper case, no spaces. */
export function passportKey(text: string | undefined | null): string {
  return text ? text.normalize('NFKC').replace(/\s+/gu, '').toUpperCase() : '';
}

/** The upper bound for a prefix range scan (`col >= p AND col < prefixEnd(p)`), byte/code-point order. */
export function prefixEnd(prefix: string): string {
  return prefix + '\u{10FFFF}';
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
