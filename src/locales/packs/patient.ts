/**
 * The patient components' strings as a resource pack (see `registerResourcePack` in ../runtime.ts): the Japanese bundle
 * comes with the component's module, the English one is loaded when a component renders in English. One
 * module per feature, so an entry emits only the chunks it may load.
 */
import type { ResourcePack } from '../runtime.js';
import { idForm, duplicates, record, patientList } from '../ja/ui-patient.js';

/** `<hersys-id-form>`, `<hersys-duplicate-check>`, `<hersys-patient-record>`, `<hersys-patient-list>`. */
export const PATIENT_STRINGS: ResourcePack = {
  ja: { ui: { idForm, duplicates, record, patientList } },
  en: async () => {
    const m = await import('../en/ui-patient.js');
    return {
      ui: { idForm: m.idForm, duplicates: m.duplicates, record: m.record, patientList: m.patientList },
    };
  },
};
