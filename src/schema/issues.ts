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
}
