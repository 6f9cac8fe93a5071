import { defineElement } from '../internal/define.js';
import { HersysDateConsistencyDialog } from './date-consistency-dialog.component.js';

export { HersysDateConsistencyDialog };
export type { DateConsistencyView, DateTimelineEntry } from './date-consistency-dialog.component.js';
defineElement('hersys-date-consistency-dialog', HersysDateConsistencyDialog);

declare global {
  interface HTMLElementTagNameMap {
    'hersys-date-consistency-dialog': HersysDateConsistencyDialog;
  }
}
