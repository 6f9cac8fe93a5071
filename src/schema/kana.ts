/**
 * フリガナ: normalization to full-width katakana and the check for non-kana text.
 *
 * Decisions (docs/schema.md, "Kana"):
 * - Half-width kana become full-width (NFKC: ｶﾞ → ガ, ｰ → ー, ･ → ・); hiragana become katakana
 *   (ゔ → ヴ, ゝゞ → ヽヾ, ゕゖ → ヵヶ).
 * - Spaces: leading/trailing spaces are removed, and every run of spaces (half-width, full-width, tabs)
 *   becomes ONE half-width space. Family and given name have their own fields, so a space only occurs in
 *   multi-part names (foreign names, 「ヤマダ ハナコ」 typed into one field).
 * - Dashes are NOT turned into ー: in a foreign name a hyphen separates parts, so guessing could corrupt
 *   the name. `checkKana` rejects them and the message asks for ー or ・.
 * - Sound marks: a half-width or spacing ﾞ ﾟ ゛ ゜ joins the kana before it (ﾊ ﾟ → パ, は゛ → バ); a mark that
 *   cannot compose with it (ッ゛) is dropped, so the result never holds a bare combining mark.
 * - Idempotent: normalizeKana(normalizeKana(x)) === normalizeKana(x).
 */

/**
 * Normalizes a furigana as typed into full-width katakana. Never throws (non-strings give '').
 *
 * @example normalizeKana('やまだ\u3000はなこ') // 'ヤマダ ハナコ' (\u3000 is a full-width space)
 * @example normalizeKana('ﾔﾏﾀﾞ') // 'ヤマダ'
 */
export function normalizeKana(text: string): string {
  if (typeof text !== 'string') return '';
  let s = text.normalize('NFKC');
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if ((c >= 0x3041 && c <= 0x3096) || c === 0x309d || c === 0x309e) out += String.fromCodePoint(c + 0x60);
    else if (c === 0x00b7 || c === 0x2022 || c === 0x2027) out += '・';
    else out += ch;
  }
  // A sound mark separated from its kana by a space (ﾊ ﾟ, or ゛ which NFKC turns into space + mark) belongs
  // to the kana before it; join them so NFKC can compose パ.
  // A mark that still cannot compose (ッ゛, ア゜) is a typo no name has: it is dropped, so the result never
  // holds a bare combining mark.
  s = out
    .replace(/\s+(?=[\u3099\u309A])/gu, '')
    .normalize('NFKC')
    .replace(/[\u3099\u309A]/gu, '');
  return s.replace(/\s+/gu, ' ').trim();
}

/** Letters a furigana may contain: katakana ァ..ヺ (with ヴ, ヵ, ヶ, ヷ..ヺ), ー, ヽ, ヾ, ・ and a space. */
const KANA_ONLY = /^[\u30A1-\u30FA\u30FC\u30FD\u30FE・ ]*$/u;
const HAS_LETTER = /[\u30A1-\u30FA]/u;

/**
 * Checks a furigana: `undefined` when it is (after {@link normalizeKana}) only katakana, ー, ・, ヽヾ and
 * spaces with at least one kana letter, or for empty text (requiredness is a separate rule); otherwise the
 * issue code `kana.invalid`.
 *
 * @example checkKana('やまだ') // undefined (normalizes to ヤマダ)
 * @example checkKana('Yamada') // 'kana.invalid'
 */
export function checkKana(text: string): 'kana.invalid' | undefined {
  if (typeof text !== 'string') return 'kana.invalid';
  const s = normalizeKana(text);
  if (s === '') return undefined;
  return KANA_ONLY.test(s) && HAS_LETTER.test(s) ? undefined : 'kana.invalid';
}
