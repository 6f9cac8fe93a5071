/** en resources of the 'issues' namespace (see ja/issues.ts for the layout). Keys are stable. */
export const enIssueMessages = {
  'type.invalid': '{{field}} has the wrong type of value.',
  'field.unknown': '{{field}} is not a field of the report (check the field name).',
  'text.tooLong': '{{field}} must be at most {{max}} characters.',
  'enum.invalid': '{{field}} has a value that is not one of the options: "{{value}}".',
  'format.invalid': '{{field}} is not in the expected format.',
  'number.tooSmall': '{{field}} must be at least {{min}}.',
  'number.tooLarge': '{{field}} must be at most {{max}}.',
  'number.notInteger': '{{field}} must be a whole number.',
  'array.tooLong': '{{field}} takes at most {{max}} entries.',
  'array.duplicate': '{{field}} "{{value}}" appears more than once.',
  'value.invalid': '{{field}} has an invalid value.',
  'date.format': '{{field}} cannot be read as a date (e.g. 2022/9/27, R4.9.27, 令和4年9月27日).',
  'date.empty': 'Enter {{field}}.',
  'date.invalid': '{{field}} "{{value}}" is not a real date.',
  'date.outsideEra': '{{field}}: the date is outside the era (e.g. Heisei 31 ends on 30 April).',
  required: '{{field}} is required.',
  recommended: '{{field}} is empty. Please fill it in if possible.',
  notApplicable: '{{field}} does not apply to this report. Please check it.',
  'date.D1.future': '{{field}} ({{date}}) is in the future.',
  'date.D1.afterReportDate': '{{field}} ({{date}}) is after the date of report ({{otherDate}}).',
  'date.D2.beforeBirth':
    '{{field}} ({{date}}) is before the date of birth ({{otherDate}}). Please check the date of birth.',
  'date.D3.firstVisitAfterDiagnosis':
    'The date of first visit ({{date}}) is after the date of diagnosis ({{otherDate}}).',
  'date.D4.infectionAfterOnset':
    'The estimated date of infection ({{date}}) is after the date of onset ({{otherDate}}).',
  'date.D4.infectionAfterDiagnosis':
    'The estimated date of infection ({{date}}) is after the date of diagnosis ({{otherDate}}).',
  'date.D5.onsetAfterDiagnosis':
    'The date of onset ({{date}}) is after the date of diagnosis ({{otherDate}}). If the person had no symptoms at diagnosis, the category may be "asymptomatic carrier".',
  'date.D7.deathAfterDiagnosis':
    'The date of death ({{date}}) is after the date of the post-mortem examination ({{otherDate}}).',
  'date.D7.onsetAfterDeath': 'The date of onset ({{date}}) is after the date of death ({{otherDate}}).',
  'date.D8.specimenAfterDiagnosis': '{{field}} ({{date}}) is after the date of diagnosis ({{otherDate}}).',
  'date.D9.lateReport':
    'The report is {{days}} days after the diagnosis ({{otherDate}}). Reports are due immediately after diagnosis.',
  'date.D12.admissionAfterDeath':
    'The date of admission ({{date}}) is after the date of death ({{otherDate}}).',
  'date.D14.onsetLongBeforeDiagnosis':
    'The onset is {{days}} days before the diagnosis (more than {{limit}}). Please check the dates.',
  'date.D14.infectionLongBeforeOnset':
    'The estimated infection is {{days}} days before the onset (more than {{limit}}). Please check the dates.',
  'age.implausible': 'The date of birth gives an age of {{years}}. Please check the date of birth.',
  'category.D6.asymptomaticWithSymptoms': 'The category is "asymptomatic carrier" but symptoms are given.',
  'category.D6.confirmedWithoutSymptoms':
    'The category is "patient (confirmed case)" but the symptoms say "no symptoms". Please check the category.',
  'symptoms.noneWithOthers': '"No symptoms" is chosen together with symptoms.',
  'diagnosis.D8.noPositiveMethod':
    'No diagnostic method is positive. Unless this is a suspected case, enter the positive test.',
  'diagnosis.specimenNotAllowed': 'The chosen specimen cannot be used with this diagnostic method.',
  'spo2.outOfRange': 'Oxygen saturation must be between {{min}} and {{max}} %.',
  'spo2.severityMismatch':
    'Oxygen saturation is {{spo2}} % ({{limit}} % or less) but the severity is mild or asymptomatic.',
  'riskFactors.itemsWithoutPresence': 'Risk factors are checked but "risk factors present" is not "yes".',
  'riskFactors.pregnancyNotFemale': 'The sex is male but "pregnancy" is checked.',
  'vaccination.D13.doseOrder': 'Dose {{dose}} ({{date}}) is on or before dose {{otherDose}} ({{otherDate}}).',
  'vaccination.D13.beforeProgramme':
    'The vaccination date ({{date}}) is before vaccinations began in Japan ({{start}}).',
  'vaccination.D13.afterDiagnosis':
    'The vaccination date ({{date}}) is after the date of diagnosis ({{otherDate}}).',
  'vaccination.D13.doseCountMismatch':
    'More doses are listed ({{listed}}) than the number of doses ({{count}}).',
  'vaccination.D13.latestDateMismatch':
    'The date of the latest dose ({{date}}) differs from the last listed dose ({{otherDate}}).',
  'travel.D15.departureAfterEntry': 'The departure date ({{date}}) is after the entry date ({{otherDate}}).',
  'travel.D15.entryAfterDiagnosis':
    'The entry date ({{date}}) is after the date of diagnosis ({{otherDate}}).',
  'travel.D15.notAbroad': 'The region of infection is Japan, but travel dates are given.',
  'eligibility.D16.notInFourCategories':
    'For diagnoses from {{from}}, only people aged 65 or over, needing hospitalization, at risk and needing antivirals or oxygen, or pregnant are reported individually. Count the others in the daily report.',
  'eligibility.D17.suspectedNotHospitalized':
    'A suspected case that needs no hospitalization is not to be reported.',
  'phone.invalid': '{{field}} "{{value}}" is not a valid telephone number.',
  'phone.notMobile':
    "The patient's telephone is not a mobile number: the My HER-SYS SMS cannot reach it. A mobile number is recommended.",
  'phone.confirmationRequired':
    'Type the mobile number a second time to confirm it (a wrong number sends the SMS to someone else).',
  'phone.confirmationMismatch': "The confirmation does not match the patient's telephone.",
  'postal.invalid': '{{field}} "{{value}}" is not a 7-digit postal code.',
  'kana.invalid': '{{field}} must be in katakana (ー for long vowels, ・ between parts).',
  'prefecture.invalid': '{{field}} "{{value}}" is not a prefecture code.',
} as const;

/** The namespace as it is registered (flat, dotted keys; see ja/issues.ts). */
const issues: Readonly<Record<string, string>> = enIssueMessages;
export default issues;
