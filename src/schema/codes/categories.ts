import type { CodeEntry } from './code-list.js';

/**
 * 1 診断（検案）した者（死体）の類型. `formNumber` is the order on the paper form 別記様式6-1
 * (01..05), which interchange formats (Excel, FHIR) use.
 */
export const CATEGORIES = [
  { code: 'confirmed', formNumber: '01', ja: '患者（確定例）', en: 'Patient (confirmed case)' },
  { code: 'asymptomatic', formNumber: '02', ja: '無症状病原体保有者', en: 'Asymptomatic carrier' },
  { code: 'suspected', formNumber: '03', ja: '疑似症患者', en: 'Suspected case' },
  {
    code: 'deceased',
    formNumber: '04',
    ja: '感染症死亡者の死体',
    en: 'Body of a person who died of the infection',
  },
  {
    code: 'suspectedDeceased',
    formNumber: '05',
    ja: '感染症死亡疑い者の死体',
    en: 'Body of a person suspected to have died of the infection',
  },
] as const satisfies readonly (CodeEntry & { formNumber: string })[];

export type CategoryCode = (typeof CATEGORIES)[number]['code'];

/** Categories for which a death date applies (footnote ※ of the form). */
export const DEATH_CATEGORIES: readonly CategoryCode[] = ['deceased', 'suspectedDeceased'];
/** Categories for which an onset date applies (footnote ＊ of the form). */
export const ONSET_CATEGORIES: readonly CategoryCode[] = ['confirmed'];
