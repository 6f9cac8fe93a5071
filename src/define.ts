/**
 * hersys-sdk/define: registers every tag of the SDK (guarded: defining twice never throws).
 *
 * ```ts
 * import 'hersys-sdk/define';
 * ```
 */
import { defineElement } from './components/internal/define.js';
import { HersysReportForm } from './components/report-form/report-form.component.js';
import { HersysOptionalFieldsDialog } from './components/optional-fields-dialog/optional-fields-dialog.component.js';
import { HersysDateConsistencyDialog } from './components/date-consistency-dialog/date-consistency-dialog.component.js';
import { HersysReportFlow } from './components/report-flow/report-flow.component.js';
import { HersysIdForm } from './components/id-form/id-form.component.js';
import { HersysDuplicateCheck } from './components/duplicate-check/duplicate-check.component.js';
import { HersysPatientRecord } from './components/patient-record/patient-record.component.js';
import { HersysPatientList } from './components/patient-list/patient-list.component.js';
import { HersysSignIn } from './components/sign-in/sign-in.component.js';

defineElement('hersys-report-form', HersysReportForm);
defineElement('hersys-optional-fields-dialog', HersysOptionalFieldsDialog);
defineElement('hersys-date-consistency-dialog', HersysDateConsistencyDialog);
defineElement('hersys-report-flow', HersysReportFlow);
defineElement('hersys-duplicate-check', HersysDuplicateCheck);
defineElement('hersys-id-form', HersysIdForm);
defineElement('hersys-patient-record', HersysPatientRecord);
defineElement('hersys-patient-list', HersysPatientList);
defineElement('hersys-sign-in', HersysSignIn);
