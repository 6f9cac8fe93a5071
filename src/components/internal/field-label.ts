import {
  fieldLabel as localeFieldLabel,
  issueMessage,
  registerResourcePack,
  type Locale,
} from '../../locales/runtime.js';
import { REPORT_STRINGS } from '../../locales/packs/report.js';

/**
 * The label of a field path for the dialogs and the flow (the `fields` namespace through
 * `fieldLabel()` of the locales module), never empty.
 */
export function fieldLabel(path: string, lng: Locale): string {
  registerResourcePack(REPORT_STRINGS);
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
  registerResourcePack(REPORT_STRINGS);
  return issueMessage({ severity: 'warning', ...issue } as Parameters<typeof issueMessage>[0], lng);
}
