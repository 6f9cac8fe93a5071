/**
 * en strings of the FAX layout of `<hersys-report-form>` (the `form.fax` subtree of the `ui` namespace).
 * Apart from ./ui-form.ts because the FAX layout loads by need.
 */
const fax = {
  title: 'COVID-19 occurrence report',
  addressee: 'To the prefectural governor (mayor of a city with a health center / ward mayor)',
  preamble:
    'Notified as follows under Article 12(1) of the Infectious Diseases Control Law (including where applied mutatis mutandis under paragraph 8).',
  n1: '1 Category of the person (body) diagnosed',
  n2: '2 Patient name (katakana)',
  n3: '3 Sex',
  n4: '4 Date of birth',
  n5: '5 Age at diagnosis (months under 1 year)',
  n6: '6 Occupation',
  n7: '7 Address',
  n8: '8 Current location',
  n9: '9 Guardian name',
  n10: '10 Guardian address',
  n9note: '(9 and 10 only when the patient is a minor)',
  n11: '11 Symptoms',
  n12: '12 Diagnostic methods',
  n13: '13 First visit date',
  n14: '14 Diagnosis (examination (※)) date',
  n15: '15 Estimated infection date',
  n16: '16 Onset date (＊)',
  n17: '17 Date of death (※)',
  n18: '18 Cause, route and region of infection',
  n18vaccine: '③ COVID-19 vaccination history',
  n19: '19 Other items the doctor deems necessary',
  extra: 'HER-SYS items (not on the paper form)',
  footnote:
    'Circle the options in items 1, 3, 11, 12 and 18; write ages and dates in items 4, 5 and 13–17. (※) only when a body was examined; (＊) only for a confirmed patient. Items 11 and 12: record all that apply.',
} as const;
export default fax;

/** The `form` strings only the FAX layout renders (its notes and per-dose rows), at their usual keys. */
export const faxForm = {
  onsetNote: 'Only for a confirmed patient.',
  deathNote: 'Only when a body was examined.',
  doseN: 'Dose {{n}}',
  label: {
    doseGiven: 'Given',
    doseVaccine: 'Vaccine / manufacturer',
    doseVaccineOther: 'Vaccine (other)',
    doseDate: 'Date given',
  },
} as const;
