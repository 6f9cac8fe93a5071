import { normalizeKana } from '../kana.js';
import { parsePhoneJP } from '../phone.js';
import type { Person } from './record.js';

/**
 * Duplicate people: the same person registered twice (a typo, another clinic, half-width kana, an old
 * kanji form). Matching works on normalized keys, so the server can index them
 * ({@link duplicateKeys}) and score only the few people that share a key ({@link DuplicateIndex}).
 *
 * Reasons (each symmetric: a matches b exactly when b matches a):
 * - `sameKana`: the フリガナ are equal after normalization (width, hiragana, small kana, ヂ/ジ, ヅ/ズ, ヲ/オ, spaces);
 * - `sameName`: the 氏名 are equal after normalization (width, spaces, old/new kanji forms);
 * - `variantKanji`: … and they are written with different kanji forms (髙橋 / 高橋);
 * - `widthVariant`: the kana or the name are written differently only in width or script (ﾔﾏﾀﾞ / ヤマダ / やまだ);
 * - `nameOrderSwapped`: family and given name are swapped (kana or kanji);
 * - `sameDob`: same date of birth;
 * - `samePhone`: a phone number in common (digits compared).
 */
export type DuplicateReason =
  'sameKana' | 'sameName' | 'sameDob' | 'samePhone' | 'nameOrderSwapped' | 'variantKanji' | 'widthVariant';

/** The fields the matcher reads (a {@link Person} has them all). */
export type MatchablePerson = Pick<
  Person,
  'familyName' | 'givenName' | 'familyNameKana' | 'givenNameKana' | 'dateOfBirth' | 'phone' | 'phone2'
> & {
  /** More phone numbers to compare (e.g. the report's address phone, 緊急連絡先 excluded on purpose). */
  phones?: readonly string[];
};

/** One candidate with its score (0..100) and the reasons it matches. */
export interface DuplicateMatch<T> {
  candidate: T;
  score: number;
  reasons: DuplicateReason[];
}

/**
 * Old, variant and compatibility kanji forms common in names → the form used for matching. NFKC already
 * folds the CJK compatibility ideographs it knows; these are the ones it leaves alone (﨑 U+FA11 is a
 * unified ideograph) and the 旧字体/異体字 pairs people register both ways.
 */
export const KANJI_VARIANTS: Readonly<Record<string, string>> = Object.freeze({
  髙: '高',
  﨑: '崎',
  嵜: '崎',
  碕: '崎',
  德: '徳',
  邊: '辺',
  邉: '辺',
  齋: '斎',
  齊: '斎',
  斉: '斎',
  濵: '浜',
  濱: '浜',
  槇: '槙',
  國: '国',
  澤: '沢',
  廣: '広',
  櫻: '桜',
  龍: '竜',
  惠: '恵',
  眞: '真',
  冨: '富',
  嶋: '島',
  嶌: '島',
  舘: '館',
  邨: '村',
  靜: '静',
  關: '関',
  鐵: '鉄',
  與: '与',
  榮: '栄',
  實: '実',
  淺: '浅',
  蘆: '芦',
  萬: '万',
  彌: '弥',
  壽: '寿',
  條: '条',
  藏: '蔵',
  瀨: '瀬',
  橫: '横',
  黑: '黒',
  增: '増',
  將: '将',
  團: '団',
  龜: '亀',
  禮: '礼',
  來: '来',
  圓: '円',
  兒: '児',
  嶽: '岳',
  渕: '淵',
  渊: '淵',
  曾: '曽',
  鷗: '鴎',
  巖: '巌',
  檜: '桧',
  籠: '篭',
  峯: '峰',
  﨔: '欅',
  桒: '桑',
  髮: '髪',
  對: '対',
  傳: '伝',
  聰: '聡',
  讓: '譲',
  莊: '荘',
  藝: '芸',
  驒: '騨',
  瑤: '瑶',
  凜: '凛',
});

const SMALL_KANA: Readonly<Record<string, string>> = {
  ァ: 'ア',
  ィ: 'イ',
  ゥ: 'ウ',
  ェ: 'エ',
  ォ: 'オ',
  ッ: 'ツ',
  ャ: 'ヤ',
  ュ: 'ユ',
  ョ: 'ヨ',
  ヮ: 'ワ',
  ヵ: 'カ',
  ヶ: 'ケ',
  ヂ: 'ジ',
  ヅ: 'ズ',
  ヲ: 'オ',
};

const SEPARATORS = /[\s・･·.,'’-]/gu;
/** Full-width katakana and ー only: needs no NFKC, no spaces to drop. */
const FULL_KATAKANA = /^[\u30A1-\u30FA\u30FC]+$/u;
/** CJK unified ideographs, kana: NFKC leaves them as they are. */
const PLAIN_CJK = /^[\u3041-\u3096\u30A1-\u30FA\u30FC\u4E00-\u9FFF]+$/u;

/**
 * The matching key of a フリガナ part: full-width katakana, no spaces or ・, small kana made large,
 * ヂ/ヅ/ヲ folded into ジ/ズ/オ, latin letters lower-cased. Idempotent.
 *
 * @example kanaKey('ﾔﾏﾀﾞ ﾊﾅｺ') // 'ヤマダハナコ'
 */
export function kanaKey(text: string | undefined): string {
  if (typeof text !== 'string' || text === '') return '';
  // Fast path: already full-width katakana (the common case; normalization would not change it).
  let s = FULL_KATAKANA.test(text) ? text : normalizeKana(text).replace(SEPARATORS, '').toLowerCase();
  s = s.replace(/[ァィゥェォッャュョヮヵヶヂヅヲ]/gu, (ch) => SMALL_KANA[ch] ?? ch);
  return s;
}

/**
 * The matching key of a 氏名 part: NFKC (width), no spaces, old/variant kanji folded by
 * {@link KANJI_VARIANTS}, latin letters lower-cased. Idempotent.
 *
 * @example nameKey('髙橋 一郎') // '高橋一郎'
 */
export function nameKey(text: string | undefined): string {
  if (typeof text !== 'string' || text === '') return '';
  let out = '';
  for (const ch of text.normalize('NFKC').replace(SEPARATORS, '').toLowerCase())
    out += KANJI_VARIANTS[ch] ?? ch;
  return out;
}

/** Width-only form (NFKC, no spaces), to tell a width variant from a kanji variant. */
function widthKey(text: string | undefined): string {
  if (typeof text !== 'string') return '';
  if (PLAIN_CJK.test(text)) return text;
  return text.normalize('NFKC').replace(SEPARATORS, '').toLowerCase();
}

/** The digits of a phone for matching ('' when there are fewer than 10 digits). */
export function phoneKey(text: string | undefined): string {
  if (typeof text !== 'string' || text === '') return '';
  if (/^0\d{9,10}$/.test(text)) return text; // already digits
  const r = parsePhoneJP(text);
  const digits = r.ok ? r.digits : text.normalize('NFKC').replace(/\D/g, '');
  return digits.length >= 10 ? digits : '';
}

/** The normalized keys of a person: what the server indexes and the matcher compares. */
export interface DuplicateKeys {
  /** フリガナ (姓+名) key; '' without kana. */
  readonly kana: string;
  readonly familyKana: string;
  readonly givenKana: string;
  /** 氏名 (姓+名) key; '' without a name. */
  readonly name: string;
  readonly familyName: string;
  readonly givenName: string;
  /** 生年月日 (ISO) or ''. */
  readonly dob: string;
  /** Phone digits, distinct. */
  readonly phones: readonly string[];
  /** The kana and name as typed (spaces removed), for the width/kanji variant reasons. */
  readonly rawKana: string;
  readonly rawName: string;
  /** The name with width folded only (NFKC), to tell a width variant from a kanji variant. */
  readonly widthName: string;
}

/**
 * The normalized keys of a person. Index `kana`, `name`, `dob` and each of `phones` (and the swapped
 * name keys `givenKana + familyKana`, `givenName + familyName` to find swapped names).
 */
export function duplicateKeys(person: MatchablePerson): DuplicateKeys {
  const familyKana = kanaKey(person.familyNameKana);
  const givenKana = kanaKey(person.givenNameKana);
  const familyName = nameKey(person.familyName);
  const givenName = nameKey(person.givenName);
  const phones = [person.phone, person.phone2, ...(person.phones ?? [])]
    .map(phoneKey)
    .filter((p) => p !== '');
  return {
    kana: familyKana + givenKana,
    familyKana,
    givenKana,
    name: familyName + givenName,
    familyName,
    givenName,
    dob: typeof person.dateOfBirth === 'string' ? person.dateOfBirth : '',
    phones: [...new Set(phones)],
    rawKana: compact(person.familyNameKana) + compact(person.givenNameKana),
    rawName: compact(person.familyName) + compact(person.givenName),
    widthName: widthKey(person.familyName) + widthKey(person.givenName),
  };
}

function compact(text: string | undefined): string {
  return typeof text === 'string' ? text.replace(/\s/gu, '') : '';
}

const SCORE = { name: 35, both: 50, swapped: 30, dob: 30, phone: 35, dobConflict: -20 } as const;

/** The threshold: a candidate is shown from this score on (e.g. same kana and name, or name and birth date). */
export const DUPLICATE_THRESHOLD = 50;

/** Scores two people's keys. Symmetric: `scoreKeys(a, b)` equals `scoreKeys(b, a)`. */
export function scoreKeys(a: DuplicateKeys, b: DuplicateKeys): { score: number; reasons: DuplicateReason[] } {
  const reasons: DuplicateReason[] = [];
  const sameKana = a.kana !== '' && a.kana === b.kana;
  const sameName = a.name !== '' && a.name === b.name;
  if (sameKana) reasons.push('sameKana');
  if (sameName) reasons.push('sameName');
  // Equal keys but different spelling: old/variant kanji (髙/高) and/or width or script (ﾔﾏﾀﾞ/ヤマダ).
  if (sameName && a.widthName !== b.widthName) reasons.push('variantKanji');
  const widthKana = sameKana && a.rawKana !== b.rawKana;
  const widthName = sameName && a.rawName !== b.rawName && a.widthName === b.widthName;
  if (widthKana || widthName) reasons.push('widthVariant');
  let swapped = false;
  if (!sameKana && !sameName) {
    const kanaSwap =
      a.familyKana !== '' &&
      a.givenKana !== '' &&
      a.familyKana !== a.givenKana &&
      a.familyKana === b.givenKana &&
      a.givenKana === b.familyKana;
    const nameSwap =
      a.familyName !== '' &&
      a.givenName !== '' &&
      a.familyName !== a.givenName &&
      a.familyName === b.givenName &&
      a.givenName === b.familyName;
    swapped = kanaSwap || nameSwap;
    if (swapped) reasons.push('nameOrderSwapped');
  }
  let score =
    sameKana && sameName ? SCORE.both : sameKana || sameName ? SCORE.name : swapped ? SCORE.swapped : 0;
  if (a.dob !== '' && b.dob !== '') {
    if (a.dob === b.dob) {
      reasons.push('sameDob');
      score += SCORE.dob;
    } else {
      score += SCORE.dobConflict;
    }
  }
  if (a.phones.some((p) => b.phones.includes(p))) {
    reasons.push('samePhone');
    score += SCORE.phone;
  }
  return { score: Math.max(0, Math.min(100, score)), reasons: order(reasons) };
}

const REASON_ORDER: readonly DuplicateReason[] = [
  'sameKana',
  'sameName',
  'sameDob',
  'samePhone',
  'nameOrderSwapped',
  'variantKanji',
  'widthVariant',
];

function order(reasons: DuplicateReason[]): DuplicateReason[] {
  return REASON_ORDER.filter((r) => reasons.includes(r));
}

/**
 * The candidates that may be the same person as `person`, best first, with their score and reasons
 * (only those scoring at least `threshold`, default {@link DUPLICATE_THRESHOLD}).
 *
 * @example findDuplicateCandidates({ familyNameKana: 'ﾔﾏﾀﾞ', givenNameKana: 'ﾊﾅｺ', familyName: '山田', givenName: '花子' }, people)
 */
export function findDuplicateCandidates<T extends MatchablePerson>(
  person: MatchablePerson,
  candidates: readonly T[],
  options: { threshold?: number; limit?: number } = {},
): DuplicateMatch<T>[] {
  const threshold = options.threshold ?? DUPLICATE_THRESHOLD;
  const keys = duplicateKeys(person);
  const out: DuplicateMatch<T>[] = [];
  for (const candidate of candidates) {
    const { score, reasons } = scoreKeys(keys, duplicateKeys(candidate));
    if (score >= threshold) out.push({ candidate, score, reasons });
  }
  out.sort((a, b) => b.score - a.score);
  return options.limit === undefined ? out : out.slice(0, options.limit);
}

/**
 * An in-memory index of people by their duplicate keys: the reference for the server's SQL indexes
 * (one index per key: kana, name, dob, phone) and what the benchmark measures. `candidatesFor` looks up
 * every key of the person (and the swapped name keys), then scores only those people.
 */
export class DuplicateIndex<T extends MatchablePerson> {
  private readonly people: T[] = [];
  private readonly keys: DuplicateKeys[] = [];
  private readonly byKey = new Map<string, number[]>();

  /** Number of people indexed. */
  get size(): number {
    return this.people.length;
  }

  private put(key: string, id: number): void {
    if (key === '' || key.length < 2) return;
    const list = this.byKey.get(key);
    if (list) list.push(id);
    else this.byKey.set(key, [id]);
  }

  /** Adds a person (keys computed once). */
  add(person: T): void {
    const id = this.people.length;
    const k = duplicateKeys(person);
    this.people.push(person);
    this.keys.push(k);
    this.put('k:' + k.kana, id);
    this.put('n:' + k.name, id);
    this.put('d:' + k.dob, id);
    for (const p of k.phones) this.put('p:' + p, id);
  }

  /** The indexed people that may be `person`, best first (see {@link findDuplicateCandidates}). */
  candidatesFor(
    person: MatchablePerson,
    options: { threshold?: number; limit?: number } = {},
  ): DuplicateMatch<T>[] {
    const threshold = options.threshold ?? DUPLICATE_THRESHOLD;
    const k = duplicateKeys(person);
    const ids = new Set<number>();
    const look = (key: string) => {
      for (const id of this.byKey.get(key) ?? []) ids.add(id);
    };
    if (k.kana) look('k:' + k.kana);
    if (k.name) look('n:' + k.name);
    if (k.givenKana && k.familyKana) look('k:' + k.givenKana + k.familyKana);
    if (k.givenName && k.familyName) look('n:' + k.givenName + k.familyName);
    if (k.dob) look('d:' + k.dob);
    for (const p of k.phones) look('p:' + p);
    const out: DuplicateMatch<T>[] = [];
    for (const id of ids) {
      const { score, reasons } = scoreKeys(k, this.keys[id]!);
      if (score >= threshold) out.push({ candidate: this.people[id]!, score, reasons });
    }
    out.sort((a, b) => b.score - a.score);
    return options.limit === undefined ? out : out.slice(0, options.limit);
  }
}
