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
