/**
 * hersys-sdk/components: the component classes, side-effect free (nothing is registered). Register the
 * tags with `import 'hersys-sdk/define'`, or define them under your own names.
 */
export { HersysReportForm } from './report-form/report-form.component.js';
export type { ReportFormLayout, ReportFormValidation } from './report-form/internal/report-form-base.js';
export type { HersysChangeDetail, HersysSubmitDetail, HersysEventMap } from './events.js';
export { defaultPostalLookup, type PostalHit, type PostalLookup } from './postal/postal-lookup.js';
export * from './stores/index.js';
