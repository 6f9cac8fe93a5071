import { defineElement } from '../internal/define.js';
import { HersysOptionalFieldsDialog } from './optional-fields-dialog.component.js';

export { HersysOptionalFieldsDialog };
defineElement('hersys-optional-fields-dialog', HersysOptionalFieldsDialog);

declare global {
  interface HTMLElementTagNameMap {
    'hersys-optional-fields-dialog': HersysOptionalFieldsDialog;
  }
}
