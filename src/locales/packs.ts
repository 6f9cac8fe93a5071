/**
 * The strings of the components outside the report flow, as resource packs (see `registerResourcePack`
 * in ./runtime.ts): the Japanese bundle comes with the component's module, the English one is loaded
 * when a component renders in English. Keys are unchanged (`ui:idForm.*`, `ui:signIn.*`…).
 */
import type { ResourcePack } from './runtime.js';
import { idForm, duplicates, record, patientList } from './ja/ui-patient.js';
import { signIn } from './ja/ui-sign-in.js';

/** `<hersys-id-form>`, `<hersys-duplicate-check>`, `<hersys-patient-record>`, `<hersys-patient-list>`. */
export const PATIENT_STRINGS: ResourcePack = {
  ja: { ui: { idForm, duplicates, record, patientList } },
  en: async () => {
    const m = await import('./en/ui-patient.js');
    return {
      ui: { idForm: m.idForm, duplicates: m.duplicates, record: m.record, patientList: m.patientList },
    };
  },
};

/** `<hersys-sign-in>`. */
export const SIGN_IN_STRINGS: ResourcePack = {
  ja: { ui: { signIn } },
  en: async () => ({ ui: { signIn: (await import('./en/ui-sign-in.js')).signIn } }),
};
