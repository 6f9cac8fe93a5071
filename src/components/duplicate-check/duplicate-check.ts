import { defineElement } from '../internal/define.js';
import { HersysDuplicateCheck } from './duplicate-check.component.js';

export { HersysDuplicateCheck };
defineElement('hersys-duplicate-check', HersysDuplicateCheck);
