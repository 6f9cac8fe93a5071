/**
 * hersys-sdk/define/patient: registers the patient tags (guarded: defining twice never throws):
 * `<hersys-id-form>`, `<hersys-duplicate-check>`, `<hersys-patient-record>`, `<hersys-patient-list>`.
 *
 * ```ts
 * import 'hersys-sdk/define/patient';
 * ```
 */
import { defineElement } from '../components/internal/define.js';
import { HersysIdForm } from '../components/id-form/id-form.component.js';
import { HersysDuplicateCheck } from '../components/duplicate-check/duplicate-check.component.js';
import { HersysPatientRecord } from '../components/patient-record/patient-record.component.js';
import { HersysPatientList } from '../components/patient-list/patient-list.component.js';

defineElement('hersys-duplicate-check', HersysDuplicateCheck);
defineElement('hersys-id-form', HersysIdForm);
defineElement('hersys-patient-record', HersysPatientRecord);
defineElement('hersys-patient-list', HersysPatientList);
