import type { Severity } from './issues.js';

/**
 * Every issue code the schema can emit, with its usual severity and the domain-notes rule it implements.
 * Locale resources have a ja and an en message for each (a test checks it). Codes are stable: never
 * rename one; add a new code instead.
 */
export const ISSUE_CODE_INFO = {
  // Structure (the zod shape), see structure.ts.
  'type.invalid': { severity: 'error' },
  'field.unknown': { severity: 'error' },
  'text.tooLong': { severity: 'error' },
  'enum.invalid': { severity: 'error' },
  'format.invalid': { severity: 'error' },
  'number.tooSmall': { severity: 'error' },
  'number.tooLarge': { severity: 'error' },
  'number.notInteger': { severity: 'error' },
  'array.tooLong': { severity: 'error' },
  'array.duplicate': { severity: 'error' },
  'value.invalid': { severity: 'error' },
  'date.format': { severity: 'error' },
  'date.empty': { severity: 'error' },
  'date.invalid': { severity: 'error' },
  'date.outsideEra': { severity: 'error' },
  // Requiredness, see fields.ts and rules/required.ts.
  required: { severity: 'error' },
  recommended: { severity: 'warning' },
  notApplicable: { severity: 'varies' },
  // Dates (domain notes §7), see rules/date-consistency.ts.
  'date.D1.future': { severity: 'error', rule: 'D1' },
  'date.D1.afterReportDate': { severity: 'warning', rule: 'D1' },
  'date.D2.beforeBirth': { severity: 'error', rule: 'D2' },
  'date.D3.firstVisitAfterDiagnosis': { severity: 'error', rule: 'D3' },
  'date.D4.infectionAfterOnset': { severity: 'error', rule: 'D4' },
  'date.D4.infectionAfterDiagnosis': { severity: 'error', rule: 'D4' },
  'date.D5.onsetAfterDiagnosis': { severity: 'warning', rule: 'D5' },
  'date.D7.deathAfterDiagnosis': { severity: 'error', rule: 'D7' },
  'date.D7.onsetAfterDeath': { severity: 'warning', rule: 'D7' },
  'date.D8.specimenAfterDiagnosis': { severity: 'warning', rule: 'D8' },
  'date.D9.lateReport': { severity: 'warning', rule: 'D9' },
  'date.D12.admissionAfterDeath': { severity: 'warning', rule: 'D12' },
  'date.D14.onsetLongBeforeDiagnosis': { severity: 'warning', rule: 'D14' },
  'date.D14.infectionLongBeforeOnset': { severity: 'warning', rule: 'D14' },
  'age.implausible': { severity: 'warning' },
  // Category and clinical content, see rules/category.ts and rules/clinical.ts.
  'category.D6.asymptomaticWithSymptoms': { severity: 'error', rule: 'D6' },
  'category.D6.confirmedWithoutSymptoms': { severity: 'warning', rule: 'D6' },
  'symptoms.noneWithOthers': { severity: 'error' },
  'diagnosis.D8.noPositiveMethod': { severity: 'error', rule: 'D8' },
  'diagnosis.specimenNotAllowed': { severity: 'error' },
  'spo2.outOfRange': { severity: 'error' },
  'spo2.severityMismatch': { severity: 'warning' },
  'riskFactors.itemsWithoutPresence': { severity: 'error' },
  'riskFactors.pregnancyNotFemale': { severity: 'warning' },
  // Vaccination (D13), see rules/vaccination.ts.
  'vaccination.D13.doseOrder': { severity: 'error', rule: 'D13' },
  'vaccination.D13.beforeProgramme': { severity: 'error', rule: 'D13' },
  'vaccination.D13.afterDiagnosis': { severity: 'warning', rule: 'D13' },
  'vaccination.D13.doseCountMismatch': { severity: 'error', rule: 'D13' },
  'vaccination.D13.latestDateMismatch': { severity: 'warning', rule: 'D13' },
  // Travel (D15), see rules/travel.ts.
  'travel.D15.departureAfterEntry': { severity: 'error', rule: 'D15' },
  'travel.D15.entryAfterDiagnosis': { severity: 'error', rule: 'D15' },
  'travel.D15.notAbroad': { severity: 'warning', rule: 'D15' },
  // Eligibility policy (D16, D17), see eligibility.ts.
  'eligibility.D16.notInFourCategories': { severity: 'error', rule: 'D16' },
  'eligibility.D17.suspectedNotHospitalized': { severity: 'warning', rule: 'D17' },
  // Contact data, see rules/contact.ts.
  'phone.invalid': { severity: 'error' },
  'phone.notMobile': { severity: 'warning' },
  'phone.confirmationRequired': { severity: 'error' },
  'phone.confirmationMismatch': { severity: 'error' },
  'postal.invalid': { severity: 'error' },
  'kana.invalid': { severity: 'error' },
  'prefecture.invalid': { severity: 'error' },
} as const satisfies Record<string, { severity: Severity | 'varies'; rule?: string }>;

export type IssueCode = keyof typeof ISSUE_CODE_INFO;

/** Every issue code the schema can emit. */
export const ISSUE_CODES = Object.keys(ISSUE_CODE_INFO) as IssueCode[];
