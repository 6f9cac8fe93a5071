import type * as z from 'zod';
import type { Issue } from './issues.js';
import type { IssueCode } from './issue-codes.js';
import { occurrenceReportSchema, type OccurrenceReport } from './report/occurrence-report.js';
import { MAX_LINE } from './report/primitives.js';
import { PREFECTURES, prefectureCodeOf } from './codes/index.js';
import { normalizeKana } from './kana.js';
import { normalizePhone } from './phone.js';
import { normalizePostalCode } from './postal.js';
import { parseJapaneseDate } from './wareki.js';
import { KANA_PATHS, PHONE_PATHS, POSTAL_PATHS, PREFECTURE_PATHS } from './rules/contact.js';

/** Deeper than any field of the model; anything below is left for zod to reject. */
const MAX_DEPTH = 8;

type Json = unknown;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * What the clean-up does below one node of the input, besides trimming and dropping empty values: the string
 * at a field is brought to its stored form (`normalize`), a list's repeated codes are dropped (`dedupe`);
 * `fields` and `entries` lead to the object's fields and a list's entries. Built once from the field paths.
 */
interface Normalizer {
  normalize?: (s: string) => string | undefined;
  dedupe?: boolean;
  fields?: Map<string, Normalizer>;
  entries?: Normalizer;
}

/**
 * The clean-up, in one pass: a copy where strings are trimmed, and '' (or blank text), `null` and `undefined`
 * values are removed (a cleared field means "no value", as in a form), and the fields `n` names are normalized.
 * Not-plain objects are kept as they are, for zod to reject with a type issue.
 */
function clean(v: Json, depth: number, n: Normalizer | undefined): Json {
  if (typeof v === 'string') {
    const t = v.trim();
    if (t === '') return undefined;
    // Over-long text is left for the shape check (text.tooLong), not normalized.
    if (n?.normalize === undefined || t.length > MAX_LINE) return t;
    const normalized = n.normalize(t);
    return normalized === '' ? undefined : normalized;
  }
  if (depth >= MAX_DEPTH) return v;
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    const entry = n?.entries;
    for (const x of v) {
      const c = clean(x, depth + 1, entry);
      if (c !== undefined) out.push(c);
    }
    return n?.dedupe ? [...new Set(out)] : out;
  }
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    const fields = n?.fields;
    for (const k of Object.keys(v)) {
      const c = clean(v[k], depth + 1, fields?.get(k));
      if (c === undefined) continue;
      if (k === '__proto__') setOwn(out, k, c);
      else out[k] = c;
    }
    return out;
  }
  return v === null ? undefined : v;
}

const PREF_CODES = new Set<string>(PREFECTURES.map((p) => p.code));
/** Already normal: full-width katakana words separated by single spaces. */
const KATAKANA_ONLY = /^[\u30A1-\u30FA\u30FC-\u30FE・]+(?: [\u30A1-\u30FA\u30FC-\u30FE・]+)*$/u;
const ISO_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

function normalizePrefecture(s: string): string {
  if (PREF_CODES.has(s)) return s;
  const ascii = s.normalize('NFKC');
  if (/^\d$/.test(ascii)) return '0' + ascii;
  if (/^\d{2}$/.test(ascii) || PREF_CODES.has(ascii)) return ascii;
  if (/^JP-\d{2}$/i.test(ascii)) return ascii.slice(3);
  return prefectureCodeOf(ascii) ?? s;
}

const kanaValue = (s: string) => (KATAKANA_ONLY.test(s) ? s : normalizeKana(s));
const postalValue = (s: string) => {
  const r = normalizePostalCode(s);
  return r.ok ? r.code : s;
};
const dateValue = (s: string) => {
  if (ISO_SHAPE.test(s)) return s;
  const r = parseJapaneseDate(s);
  return r.ok ? r.date : s;
};

/** The normalizer tree: `*` stands for every entry of a list. */
function normalizerFor(
  rules: readonly [paths: readonly string[], what: Omit<Normalizer, 'fields' | 'entries'>][],
): Normalizer {
  const root: Normalizer = {};
  for (const [paths, what] of rules) {
    for (const path of paths) {
      let node = root;
      for (const seg of path.split('.')) {
        if (seg === '*') node = node.entries ??= {};
        else {
          node.fields ??= new Map();
          let next = node.fields.get(seg);
          if (next === undefined) node.fields.set(seg, (next = {}));
          node = next;
        }
      }
      Object.assign(node, what);
    }
  }
  return root;
}

const NORMALIZER = normalizerFor([
  [KANA_PATHS, { normalize: kanaValue }],
  [PHONE_PATHS, { normalize: normalizePhone }],
  [POSTAL_PATHS, { normalize: postalValue }],
  [PREFECTURE_PATHS, { normalize: normalizePrefecture }],
  [
    [
      'reportDate',
      'patient.dateOfBirth',
      'diagnosis.diagnosisDate',
      'diagnosis.specimenCollectionDate',
      'diagnosis.onsetDate',
      'diagnosis.deathDate',
      'diagnosis.firstVisitDate',
      'diagnosis.estimatedInfectionDate',
      'diagnosis.methods.*.collectionDate',
      'infection.departureDate',
      'infection.entryDate',
      'vaccination.latestDate',
      'vaccination.doses.*.date',
      'clinical.admissionDate',
    ],
    { normalize: dateValue },
  ],
  [['diagnosis.symptoms', 'riskFactors.items'], { dedupe: true }],
]);

/**
 * Normalizes raw input before the shape check: trims, drops empty values, and brings each kind of field to
 * its stored form (katakana furigana, 7-digit postal codes, hyphenated phone numbers, ISO dates from any
 * accepted writing incl. 和暦, prefecture names or 1-digit codes to JIS codes, repeated codes removed).
 * Values that cannot be normalized are kept as typed, for the rules to report.
 */
export function normalizeInput(input: unknown): unknown {
  return clean(input, 0, NORMALIZER);
}

function valueAtSegs(root: unknown, segs: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const s of segs) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[s];
  }
  return cur;
}

/** A value as echoed in issue params: at most 64 characters. */
function shown(value: unknown): string {
  const t = typeof value === 'string' ? value : String(value);
  return t.length > 64 ? t.slice(0, 63) + '…' : t;
}

const DATE_LEAVES = /(Date|^reportDate|collectionDate|dateOfBirth|\.date)$/;

function mapZodIssue(zi: z.core.$ZodIssue, root: unknown, basePath: readonly PropertyKey[] = []): Issue[] {
  const segs = [...basePath, ...zi.path];
  const path = segs.map(String).join('.');
  const value = valueAtSegs(root, segs);
  const mk = (code: IssueCode, params?: Record<string, string | number | boolean>): Issue =>
    params === undefined ? { path, code, severity: 'error' } : { path, code, severity: 'error', params };
  switch (zi.code) {
    case 'unrecognized_keys':
      return zi.keys.map((k) => ({
        path: path === '' ? k : `${path}.${k}`,
        code: 'field.unknown',
        severity: 'error',
      }));
    case 'invalid_type':
      if (value === undefined) return [mk('required')];
      if (zi.expected === 'int') return [mk('number.notInteger')];
      return [mk('type.invalid', { expected: String(zi.expected) })];
    case 'too_big':
      if (zi.origin === 'string') return [mk('text.tooLong', { max: Number(zi.maximum) })];
      if (zi.origin === 'array' || zi.origin === 'set')
        return [mk('array.tooLong', { max: Number(zi.maximum) })];
      return [mk('number.tooLarge', { max: Number(zi.maximum) })];
    case 'too_small':
      if (zi.origin === 'string') return [mk('required')];
      if (zi.origin === 'array' || zi.origin === 'set') return [mk('value.invalid')];
      return [mk('number.tooSmall', { min: Number(zi.minimum) })];
    case 'invalid_format':
      if (typeof value === 'string' && DATE_LEAVES.test(path)) {
        const r = value.length <= 40 ? parseJapaneseDate(value) : undefined;
        return [mk(r === undefined || r.ok ? 'date.format' : r.code, { value: shown(value) })];
      }
      return [mk('format.invalid', { value: typeof value === 'string' ? shown(value) : '' })];
    case 'invalid_value':
      if (value === undefined) return [mk('required')];
      if (zi.values.length > 1) return [mk('enum.invalid', { value: shown(value) })];
      return [mk('value.invalid', { expected: String(zi.values[0]) })];
    case 'invalid_union': {
      const first = zi.errors[0]?.[0];
      if (first && value !== undefined) return mapZodIssue(first, root, segs);
      return [mk(value === undefined ? 'required' : 'value.invalid')];
    }
    default:
      return [mk('value.invalid')];
  }
}

function deleteAt(root: unknown, segs: readonly PropertyKey[]): boolean {
  if (segs.length === 0) return false;
  const parent = valueAtSegs(root, segs.slice(0, -1));
  if (parent === null || typeof parent !== 'object') return false;
  const key = segs[segs.length - 1]!;
  if (Array.isArray(parent) && typeof key === 'number') {
    parent.splice(key, 1);
    return true;
  }
  delete (parent as Record<PropertyKey, unknown>)[key];
  return true;
}

/**
 * Checks the shape with zod and maps its issues to ours (`type.invalid`, `field.unknown`, `text.tooLong`,
 * `enum.invalid`, `date.format`…). On failure the offending values are removed (up to three rounds) so the
 * rules can still check the rest; the issues keep the input's paths.
 */
export function checkStructure(normalized: unknown): { report: OccurrenceReport; issues: Issue[] } {
  if (!isPlainObject(normalized)) {
    const expected = 'object';
    return {
      report: {},
      issues: [{ path: '', code: 'type.invalid', severity: 'error', params: { expected } }],
    };
  }
  const issues: Issue[] = [];
  const current: unknown = normalized;
  for (let round = 0; round < 3; round++) {
    const r = occurrenceReportSchema.safeParse(current);
    if (r.success) return { report: r.data, issues };
    // Delete deepest paths first so array indexes stay valid while deleting.
    const zis = [...r.error.issues].sort((a, b) => b.path.length - a.path.length || cmpPath(b.path, a.path));
    for (const zi of zis) {
      if (round === 0) issues.push(...mapZodIssue(zi, current));
      if (zi.code === 'unrecognized_keys') {
        for (const k of zi.keys) deleteAt(current, [...zi.path, k]);
        continue;
      }
      // Round 0 removes the value itself; later rounds its container (e.g. a list entry that lacks a
      // required member).
      const target = zi.path.slice(0, Math.max(1, zi.path.length - round));
      if (zi.path.length === 0 || !deleteAt(current, target)) return { report: {}, issues };
    }
  }
  const last = occurrenceReportSchema.safeParse(current);
  return { report: last.success ? last.data : {}, issues };
}

function cmpPath(a: readonly PropertyKey[], b: readonly PropertyKey[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return a.length - b.length;
}
