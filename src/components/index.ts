/**
 * hersys-sdk/components: the component classes, side-effect free (nothing is registered). Register the
 * tags with `import 'hersys-sdk/define'`, or define them under your own names.
 */
export { HersysReportForm } from './report-form/report-form.component.js';
export type { ReportFormLayout, ReportFormValidation } from './report-form/report-form-base.js';
export type { HersysChangeDetail, HersysSubmitDetail, HersysEventMap } from './events.js';
export { defaultPostalLookup, type PostalHit, type PostalLookup } from './postal/postal-lookup.js';
export * from './stores/index.js';
export { HersysOptionalFieldsDialog } from './optional-fields-dialog/optional-fields-dialog.component.js';
export {
  HersysDateConsistencyDialog,
  type DateConsistencyView,
  type DateTimelineEntry,
} from './date-consistency-dialog/date-consistency-dialog.component.js';
export {
  HersysReportFlow,
  withConfirmedWarnings,
  type NotifiedRecipient,
  type ReportFlowStep,
  type ReportSubmitRejection,
  type ReportSubmitResult,
  type ReportSubmitter,
} from './report-flow/report-flow.component.js';
export { summarize, carryOver, type SummaryRow, type SummarySection } from './report-flow/summary.js';
export type {
  HersysCompleteDetail,
  HersysContinueDetail,
  HersysDialogSource,
  HersysFixDetail,
  HersysRequestCloseDetail,
} from './flow-events.js';
export { HersysIdForm, type RegisterPerson, type IdFormStep } from './id-form/id-form.component.js';
export { HersysDuplicateCheck } from './duplicate-check/duplicate-check.component.js';
export {
  HersysPatientRecord,
  RecordConflictError,
  RECORD_TABS,
  type RecordTab,
  type SaveSection,
  type SaveResult,
} from './patient-record/patient-record.component.js';
export { HersysPatientList, type SearchHealthCenters } from './patient-list/patient-list.component.js';
export type * from './id-form/patient-events.js';
export * from './sign-in/index.js';
