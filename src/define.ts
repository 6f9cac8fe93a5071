/**
 * hersys-sdk/define: registers every tag of the SDK (guarded: defining twice never throws).
 *
 * ```ts
 * import 'hersys-sdk/define';
 * ```
 */
import { defineElement } from './components/internal/define.js';
import { HersysReportForm } from './components/report-form/report-form.component.js';

defineElement('hersys-report-form', HersysReportForm);
