/**
 * Events of the dialogs and of `<hersys-report-flow>`, and the type of their `detail`. Like every SDK
 * event they bubble and are composed. They extend {@link HersysEventMap} (declaration merging), so the
 * typed `emit()` helper and `addEventListener` know them.
 */
import type { ConfirmedWarning, OccurrenceReport } from '../schema/index.js';

/** Which dialog a `hersys-continue` / `hersys-fix` came from. */
export type HersysDialogSource = 'optional-fields' | 'date-consistency';

/** `hersys-continue`: the user chose 続ける in a dialog. */
export interface HersysContinueDetail {
  source: HersysDialogSource;
  /**
   * The warnings the user knowingly continued past, ready for the report's `confirmedWarnings`
   * (one per flagged date of 日付の整合性確認; empty for 任意入力の確認).
   */
  confirmedWarnings: ConfirmedWarning[];
  /** The reason typed in the dialog, if any. */
  reason?: string;
}

/** `hersys-fix`: the user chose 修正する (or pressed Escape); `path` is the first field to correct. */
export interface HersysFixDetail {
  source: HersysDialogSource;
  /** Dotted path of the first field concerned (pass it to the form's `focusField`). */
  path: string;
}

/** `hersys-request-close`: a dialog is about to close; cancelable (call `preventDefault()` to keep it open). */
export interface HersysRequestCloseDetail {
  /** What asked for it: the 続ける or 修正する button, or the Escape key. */
  source: 'continue' | 'fix' | 'escape';
}

/** `hersys-complete`: 登録完了 after a successful report. */
export interface HersysCompleteDetail {
  /** The HER-SYS ID the submit function returned. */
  herSysId: string;
  /** The host's own id for the report, if the submit function returned one. */
  reportId?: string;
  /** The report as filed (with its `confirmedWarnings`). */
  report: OccurrenceReport;
}

declare module './events.js' {
  interface HersysEventMap {
    'hersys-continue': HersysContinueDetail;
    'hersys-fix': HersysFixDetail;
    'hersys-request-close': HersysRequestCloseDetail;
    'hersys-complete': HersysCompleteDetail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'hersys-continue': CustomEvent<HersysContinueDetail>;
    'hersys-fix': CustomEvent<HersysFixDetail>;
    'hersys-request-close': CustomEvent<HersysRequestCloseDetail>;
    'hersys-complete': CustomEvent<HersysCompleteDetail>;
  }
}
