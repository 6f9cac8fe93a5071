import { sdkI18n, type Locale } from '../../locales/index.js';

/**
 * The label of a field path in the `fields` namespace, for lists of fields (任意入力の確認, server
 * issues). Array indices are dropped (`diagnosis.methods.0.collectionDate` → `diagnosis.methods.collectionDate`),
 * nested `{ label }` objects are read, and the path itself is the last resort, so a label is never empty.
 */
export function fieldLabel(path: string, lng: Locale): string {
  const i18n = sdkI18n();
  const bare = path.replace(/\.\d+(?=\.|$)/g, '');
  for (const key of [path, bare, `${bare}.label`]) {
    for (const keySeparator of ['.', false] as const) {
      if (!i18n.exists(key, { ns: 'fields', lng, keySeparator })) continue;
      const value: unknown = i18n.t(key, { ns: 'fields', lng, keySeparator, returnObjects: true });
      if (typeof value === 'string' && value) return value;
    }
  }
  const last = bare.split('.').pop() ?? bare;
  const dateKey = `dialogs.dateConsistency.fields.${last}`;
  if (i18n.exists(dateKey, { ns: 'ui', lng })) return i18n.t(dateKey, { ns: 'ui', lng });
  return path;
}

/** The message of an issue in the `issues` namespace (its params interpolated); the code as a last resort. */
export function issueText(issue: { code: string; params?: Readonly<Record<string, unknown>> }, lng: Locale): string {
  const i18n = sdkI18n();
  for (const keySeparator of ['.', false] as const) {
    if (!i18n.exists(issue.code, { ns: 'issues', lng, keySeparator })) continue;
    const value: unknown = i18n.t(issue.code, { ns: 'issues', lng, keySeparator, ...(issue.params ?? {}) });
    if (typeof value === 'string' && value) return value;
  }
  return issue.code;
}
