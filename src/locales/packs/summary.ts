/**
 * The strings of the report summary (`ui:flow.summary.*`, `summarize()` of the report flow) as a resource
 * pack, for components that show a report without the flow (the patient record's 発生届 tab). See
 * ./report.ts.
 */
import type { ResourcePack } from '../runtime.js';
import { flow } from '../ja/ui-flow.js';

/** `ui:flow.summary.*`. */
export const REPORT_SUMMARY_STRINGS: ResourcePack = {
  ja: { ui: { flow: { summary: flow.summary } } },
  en: async () => ({ ui: { flow: { summary: (await import('../en/ui-flow.js')).flow.summary } } }),
};
