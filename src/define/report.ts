/**
 * hersys-sdk/define/report: registers the tags of the 発生届 flow only (guarded: defining twice never
 * throws): `<hersys-report-form>`, `<hersys-optional-fields-dialog>`, `<hersys-date-consistency-dialog>`,
 * `<hersys-report-flow>`. A page that files reports loads neither the patient nor the sign-in components
 * nor their strings.
 *
 * ```ts
 * import 'hersys-sdk/define/report';
 * ```
 */
import { defineElement } from '../components/internal/define.js';
import { HersysReportForm } from '../components/report-form/report-form.component.js';
import { HersysOptionalFieldsDialog } from '../components/optional-fields-dialog/optional-fields-dialog.component.js';
import { HersysDateConsistencyDialog } from '../components/date-consistency-dialog/date-consistency-dialog.component.js';
import { HersysReportFlow } from '../components/report-flow/report-flow.component.js';

defineElement('hersys-report-form', HersysReportForm);
defineElement('hersys-optional-fields-dialog', HersysOptionalFieldsDialog);
defineElement('hersys-date-consistency-dialog', HersysDateConsistencyDialog);
defineElement('hersys-report-flow', HersysReportFlow);
