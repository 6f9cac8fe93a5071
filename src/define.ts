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

defineElement('hersys-report-form', HersysReportForm);
defineElement('hersys-optional-fields-dialog', HersysOptionalFieldsDialog);
defineElement('hersys-date-consistency-dialog', HersysDateConsistencyDialog);
defineElement('hersys-report-flow', HersysReportFlow);
