import i18next, { type i18n, type TFunction } from 'i18next';
import jaIssues from './ja/issues.js';
import jaFields from './ja/fields.js';
import jaUi from './ja/ui.js';
import jaPdf from './ja/pdf.js';
import enIssues from './en/issues.js';
import enFields from './en/fields.js';
import enUi from './en/ui.js';
import enPdf from './en/pdf.js';

import { fieldLabelOf, issueMessageOf, type IssueLike, type LabelSource, type Locale } from './labels.js';
import { LOCALES, NAMESPACES } from './runtime.js';

export {
  LOCALES,
  NAMESPACES,
  isLocaleLoaded,
  loadLocale,
  registerResourceLoader,
  registerResourcePack,
  registerResources,
  type IssueLike,
  type Locale,
  type Namespace,
  type ResourceBundles,
  type ResourceLoader,
  type ResourcePack,
} from './runtime.js';

/**
 * The SDK's i18next resources, one namespace per layer: `issues` (a message per issue code),
 * `fields` (a label per field path), `ui` (component strings), `pdf` (printed labels).
 * A host may merge its own resources into the instance returned by {@link createI18n}.
 */
export const resources = {
  ja: { issues: jaIssues, fields: jaFields, ui: jaUi, pdf: jaPdf },
  en: { issues: enIssues, fields: enFields, ui: enUi, pdf: enPdf },
} as const;

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

let complete: i18n | undefined;

/**
 * The SDK's i18next instance with every resource of every locale (synchronous), for Node, the PDF and
 * hosts. Components switch language per call, not globally. The components themselves translate with
 * their own small translator over the same resources (src/locales/runtime.ts, no i18next in their
 * bundle); a host changes their strings with `registerResources`.
 */
export function sdkI18n(): i18n {
  return (complete ??= createI18n());
}

/** {@link sdkI18n} as labels and messages come from it. */
const labels: LabelSource = {
  field: (lng, key) => sdkI18n().getResource(lng, 'fields', key),
  issue: (lng, code, params) => {
    const key = `issues:${code}`;
    return sdkI18n().exists(key, { lng, fallbackLng: false })
      ? String(sdkI18n().t(key, { ...params, lng }))
      : undefined;
  },
};

/** A translation function fixed to one locale. */
export function translator(lng: Locale): TFunction {
  return sdkI18n().getFixedT(lng);
}

/**
 * The label of a field path in a locale, e.g. `fieldLabel('patient.dateOfBirth', 'ja')` → '生年月日'.
 * List indexes are stripped for the lookup and shown as an ordinal: `diagnosis.methods.1.collectionDate`
 * → '検体採取日（診断方法）（2件目）'. Falls back to Japanese, then to the path itself.
 */
export function fieldLabel(path: string, lng: Locale = 'ja'): string {
  return fieldLabelOf(labels, path, lng);
}

/**
 * The message of an issue in a locale, with `{{field}}` filled from the fields namespace (and
 * `{{otherField}}` from the `other` param, the path of the field it was compared with). An issue code
 * without a message gives '<label>: <code>' so nothing is silently dropped.
 *
 * @example issueMessage({ path: 'patient.dateOfBirth', code: 'required', severity: 'error' }, 'ja') // '生年月日は必須です。'
 */
export function issueMessage(issue: IssueLike, lng: Locale = 'ja'): string {
  return issueMessageOf(labels, issue, lng);
}
