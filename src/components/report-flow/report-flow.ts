import { defineElement } from '../internal/define.js';
import '../report-form/report-form.js';
import { HersysReportFlow } from './report-flow.component.js';

export { HersysReportFlow };
export type {
  NotifiedRecipient,
  ReportFlowStep,
  ReportSubmitRejection,
  ReportSubmitResult,
  ReportSubmitter,
} from './report-flow.component.js';
defineElement('hersys-report-flow', HersysReportFlow);

declare global {
  interface HTMLElementTagNameMap {
    'hersys-report-flow': HersysReportFlow;
  }
}
