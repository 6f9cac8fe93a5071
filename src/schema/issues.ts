/** How serious an issue is. Only errors block filing; warnings may be confirmed; info is advice. */
export type Severity = 'error' | 'warning' | 'info';

/**
 * One finding about a report. The same shape is returned by every rule, shown by the components,
 * returned by the server in 400 responses and printed by the PDF.
 */
export interface Issue {
  /** Dotted path of the field, e.g. `patient.dateOfBirth` or `diagnosis.methods.0.collectionDate`; '' for the whole report. */
  readonly path: string;
  /** Stable code; its ja/en message is in the locale resources (`hersys-sdk/locales`). */
  readonly code: string;
  readonly severity: Severity;
  /** Values the message interpolates (dates, limits, the other field's path…). */
  readonly params?: Readonly<Record<string, string | number | boolean>>;
  /**
   * Set on a warning the report lists in `confirmedWarnings` (same code and path): the user saw it and
   * chose to continue (続ける). The warning keeps its severity so it can still be shown (greyed, with the
   * confirmation) and printed; it never blocks filing anyway. Errors are never marked confirmed.
   */
  readonly confirmed?: true;
}
