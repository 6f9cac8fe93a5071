import { defineElement } from '../internal/define.js';
import { HersysPatientList } from './patient-list.component.js';

export { HersysPatientList };
defineElement('hersys-patient-list', HersysPatientList);
