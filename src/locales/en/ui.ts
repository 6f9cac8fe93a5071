/** en resources of the 'ui' namespace. Keys are stable; see src/locales/index.ts. */
import form from './ui-form.js';
import fax, { faxForm } from './ui-form-fax.js';
import { dialogs, flow } from './ui-flow.js';
import { idForm, duplicates, record, patientList } from './ui-patient.js';
import { signIn } from './ui-sign-in.js';

const ui = {
  form: { ...form, ...faxForm, label: { ...form.label, ...faxForm.label }, fax },
  dialogs,
  flow,
  idForm,
  duplicates,
  record,
  patientList,
  signIn,
} as const;
export default ui;
