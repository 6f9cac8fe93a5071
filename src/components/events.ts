/**
 * The SDK's custom events and the type of their `detail`. Every event is dispatched with `bubbles: true`
 * and `composed: true` through the `emit()` helper. Listen with full typing:
 *
 * ```ts
 * form.addEventListener('hersys-submit', (e) => send(e.detail.report));
 * ```
 */
import type { Issue, OccurrenceReport } from '../schema/index.js';

/** `hersys-change`: every committed change of the report form's value. */
export interface HersysChangeDetail {
  /** The whole report as it is now (a copy; mutating it does not change the form). */
  value: OccurrenceReport;
  /** Every finding of `validateReport` for that value (errors and warnings). */
  issues: readonly Issue[];
}

/** `hersys-submit`: 確認 was pressed and the report has no error. */
export interface HersysSubmitDetail {
  /** The report to file (a copy). */
  report: OccurrenceReport;
  /** Its remaining findings: warnings (yellow fields, date consistency) only, never errors. */
  issues: readonly Issue[];
}

/** Event name → `detail` type, for the typed `emit()` helper. Other components add their events here. */
export interface HersysEventMap {
  'hersys-change': HersysChangeDetail;
  'hersys-submit': HersysSubmitDetail;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'hersys-change': CustomEvent<HersysChangeDetail>;
    'hersys-submit': CustomEvent<HersysSubmitDetail>;
  }
}
