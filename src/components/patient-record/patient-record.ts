import { defineElement } from '../internal/define.js';
import { HersysPatientRecord } from './patient-record.component.js';

export { HersysPatientRecord };
defineElement('hersys-patient-record', HersysPatientRecord);
