import i18next, { type i18n, type TFunction } from 'i18next';
import jaIssues from './ja/issues.js';
import jaFields from './ja/fields.js';
import jaUi from './ja/ui.js';
import jaPdf from './ja/pdf.js';
import enIssues from './en/issues.js';
import enFields from './en/fields.js';
import enUi from './en/ui.js';
import enPdf from './en/pdf.js';

/** The locales the SDK ships. */
export type Locale = 'ja' | 'en';
export const LOCALES: readonly Locale[] = ['ja', 'en'];

/**
 * The SDK's i18next resources, one namespace per layer: `issues` (a message per issue code),
 * `fields` (a label per field path), `ui` (component strings), `pdf` (printed labels).
 * A host may merge its own resources into the instance returned by {@link createI18n}.
 */
export const resources = {
  ja: { issues: jaIssues, fields: jaFields, ui: jaUi, pdf: jaPdf },
  en: { issues: enIssues, fields: enFields, ui: enUi, pdf: enPdf },
} as const;

export const NAMESPACES = ['issues', 'fields', 'ui', 'pdf'] as const;

/** Creates an initialised, independent i18next instance with the SDK's resources (synchronous). */
export function createI18n(lng: Locale = 'ja'): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng,
    fallbackLng: 'ja',
    supportedLngs: [...LOCALES],
    ns: [...NAMESPACES],
    defaultNS: 'ui',
    resources,
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}

let shared: i18n | undefined;

/** The SDK's shared instance, created on first use. Components switch language per call, not globally. */
export function sdkI18n(): i18n {
  shared ??= createI18n('ja');
  return shared;
}

/** A translation function fixed to one locale. */
export function translator(lng: Locale): TFunction {
  return sdkI18n().getFixedT(lng);
}

/** An issue as the schema returns it (structural type, so the locales do not depend on the schema). */
export interface IssueLike {
  readonly path: string;
  readonly code: string;
  readonly params?: Readonly<Record<string, string | number | boolean>>;
}

function labelAt(lng: Locale, key: string): string | undefined {
  const res: unknown = sdkI18n().getResource(lng, 'fields', key === '' ? '_label' : key);
  if (typeof res === 'string') return res;
  if (res !== null && typeof res === 'object') {
    const own = (res as Record<string, unknown>)['_label'];
    if (typeof own === 'string') return own;
  }
  return undefined;
}

/**
 * The label of a field path in a locale, e.g. `fieldLabel('patient.dateOfBirth', 'ja')` → '生年月日'.
 * List indexes are stripped for the lookup and shown as an ordinal: `diagnosis.methods.1.collectionDate`
 * → '検体採取日（診断方法）（2件目）'. Falls back to Japanese, then to the path itself.
 */
export function fieldLabel(path: string, lng: Locale = 'ja'): string {
  const indexes = [...path.matchAll(/\.(\d+)(?=\.|$)/g)].map((m) => Number(m[1]) + 1);
  const key = path.replace(/\.\d+(?=\.|$)/g, '');
  const label = labelAt(lng, key) ?? labelAt('ja', key) ?? path;
  if (indexes.length === 0) return label;
  const ordinal = indexes.map((n) => (lng === 'ja' ? `（${n}件目）` : ` (#${n})`)).join('');
  return label + ordinal;
}

/**
 * The message of an issue in a locale, with `{{field}}` filled from the fields namespace (and
 * `{{otherField}}` from the `other` param, the path of the field it was compared with). An issue code
 * without a message gives '<label>: <code>' so nothing is silently dropped.
 *
 * @example issueMessage({ path: 'patient.dateOfBirth', code: 'required', severity: 'error' }, 'ja') // '生年月日は必須です。'
 */
export function issueMessage(issue: IssueLike, lng: Locale = 'ja'): string {
  const i18n = sdkI18n();
  const field = fieldLabel(issue.path, lng);
  const params: Record<string, unknown> = { ...(issue.params ?? {}), field };
  const other = issue.params?.['other'];
  if (typeof other === 'string') params['otherField'] = fieldLabel(other, lng);
  const key = `issues:${issue.code}`;
  if (!i18n.exists(key, { lng, fallbackLng: false })) return `${field}: ${issue.code}`;
  return String(i18n.t(key, { ...params, lng }));
}
