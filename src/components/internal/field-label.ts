import { fieldLabel as localeFieldLabel, issueMessage, type Locale } from '../../locales/runtime.js';

/**
 * The label of a field path for the dialogs and the flow (the `fields` namespace through
 * `fieldLabel()` of the locales module), never empty.
 */
export function fieldLabel(path: string, lng: Locale): string {
  return localeFieldLabel(path, lng) || path;
}

/** The message of an issue (`issueMessage()` of the locales module, params and field label filled in). */
export function issueText(
  issue: {
    path: string;
    code: string;
    severity?: string;
    params?: Readonly<Record<string, string | number | boolean>>;
  },
  lng: Locale,
): string {
  return issueMessage({ severity: 'warning', ...issue } as Parameters<typeof issueMessage>[0], lng);
}
