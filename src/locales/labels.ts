/**
 * Field labels and issue messages from a source of resources: the components' translator
 * (./runtime.ts) and the i18next instances of `hersys-sdk/locales` (./index.ts) share these rules.
 */

/** The locales the SDK ships. */
export type Locale = 'ja' | 'en';

/** Where labels and messages come from (a thin view of a translator or an i18next instance). */
export interface LabelSource {
  /** The raw value at a key of the `fields` namespace in one locale (no fallback). */
  field(lng: Locale, key: string): unknown;
  /** The message `issues:<code>` in one locale with the params filled, or undefined when it has none. */
  issue(lng: Locale, code: string, params: Record<string, unknown>): string | undefined;
}

/** An issue as the schema returns it (structural type, so the locales do not depend on the schema). */
export interface IssueLike {
  readonly path: string;
  readonly code: string;
  readonly params?: Readonly<Record<string, string | number | boolean>>;
}

function labelAt(source: LabelSource, lng: Locale, key: string): string | undefined {
  const res = source.field(lng, key === '' ? '_label' : key);
  if (typeof res === 'string') return res;
  if (res !== null && typeof res === 'object') {
    const own = (res as Record<string, unknown>)['_label'];
    if (typeof own === 'string') return own;
  }
  return undefined;
}

/**
 * The label of a field path: list indexes stripped for the lookup and shown as an ordinal; falls back
 * to Japanese, then to the path itself.
 */
export function fieldLabelOf(source: LabelSource, path: string, lng: Locale = 'ja'): string {
  const indexes = [...path.matchAll(/\.(\d+)(?=\.|$)/g)].map((m) => Number(m[1]) + 1);
  const key = path.replace(/\.\d+(?=\.|$)/g, '');
  const label = labelAt(source, lng, key) ?? labelAt(source, 'ja', key) ?? path;
  if (indexes.length === 0) return label;
  const ordinal = indexes.map((n) => (lng === 'ja' ? `（${n}件目）` : ` (#${n})`)).join('');
  return label + ordinal;
}

/**
 * The message of an issue, `{{field}}` (and `{{otherField}}` from the `other` param) filled with field
 * labels; a code without a message in `lng` gives '<label>: <code>' so nothing is silently dropped.
 */
export function issueMessageOf(source: LabelSource, issue: IssueLike, lng: Locale = 'ja'): string {
  const field = fieldLabelOf(source, issue.path, lng);
  const params: Record<string, unknown> = { ...(issue.params ?? {}), field };
  const other = issue.params?.['other'];
  if (typeof other === 'string') params['otherField'] = fieldLabelOf(source, other, lng);
  return source.issue(lng, issue.code, params) ?? `${field}: ${issue.code}`;
}
