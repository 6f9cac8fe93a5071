import { defineElement } from '../internal/define.js';
import { HersysReportForm } from './report-form.component.js';

export { HersysReportForm };
defineElement('hersys-report-form', HersysReportForm);
