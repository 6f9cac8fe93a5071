import { defineElement } from '../internal/define.js';
import { HersysDuplicateCheck } from '../duplicate-check/duplicate-check.component.js';
import { HersysIdForm } from './id-form.component.js';

export { HersysIdForm, HersysDuplicateCheck };
defineElement('hersys-duplicate-check', HersysDuplicateCheck);
defineElement('hersys-id-form', HersysIdForm);
