/**
 * For each conditional field (`requirement: 'conditional'` in ./fields.ts): when it is asked for, in a short
 * English sentence — for documentation and tooltips; the rule itself is the field's `resolve` in ./fields.ts.
 * Kept apart from `FIELDS` so that the components, which never show it, do not carry it (issue 3's budget).
 */
export const FIELD_CONDITIONS: Readonly<Record<string, string>> = {
  'reporter.institutionName':
    'required unless the doctor does not work at a hospital or clinic (notAtInstitution)',
  'patient.phoneConfirmation': 'required when the patient phone is a mobile number (SMS goes there)',
  'patient.address.postalCode': 'recommended unless the address is the location (addressSameAsLocation)',
  'patient.address.prefectureCode': 'required unless the address is the location (addressSameAsLocation)',
  'patient.address.city': 'required unless the address is the location (addressSameAsLocation)',
  'patient.address.street': 'required unless the address is the location (addressSameAsLocation)',
  'patient.addressPhone': 'recommended unless it is the patient phone (addressPhoneSameAsLocation)',
  'patient.guardian.name':
    'required for a minor at the diagnosis date (under 18 from 2022-04-01, under 20 before)',
  'patient.guardian.phone':
    'required for a minor at the diagnosis date (under 18 from 2022-04-01, under 20 before)',
  'patient.guardian.address':
    'recommended for a minor at the diagnosis date (under 18 from 2022-04-01, under 20 before)',
  'diagnosis.onsetDate': 'recommended for 患者（確定例）; not applicable to any other category (D6)',
  'diagnosis.deathDate': 'required for the two death categories; not applicable to the others (D7)',
  'diagnosis.symptomOther': 'recommended when その他 is among the symptoms',
  'diagnosis.methods': 'recommended, except for 疑似症患者 (clinical diagnosis)',
  'diagnosis.methods.specimenOther': 'recommended when the specimen is その他',
  'infection.routeDetail': 'recommended when a route is chosen (the source, the contact, or the その他 text)',
  'infection.prefectureCode': 'recommended when the area is 日本国内',
  'infection.city': 'recommended when the area is 日本国内',
  'infection.countries': 'recommended when the area is 国外 (every country)',
  'infection.departureDate': 'recommended when the area is 国外, unless the person lives abroad (D15)',
  'infection.entryDate': 'recommended when the area is 国外 (D15)',
  'vaccination.latestDate': 'recommended when at least one dose was given; not applicable for 0 doses',
  'vaccination.latestVaccine': 'recommended when at least one dose was given; not applicable for 0 doses',
  'vaccination.latestVaccineOther': 'recommended when the latest vaccine is その他',
  'riskFactors.items': 'required when risk factors are 有',
  'riskFactors.other': 'required when 13 その他 is checked',
  'clinical.hospitalized': 'recommended; required when an admission date is given (D12)',
  'clinical.admissionDate':
    'required when hospitalized at the time of the report; not applicable when not (D12)',
  'clinical.inpatientInstitution': 'recommended when hospitalized',
};

/** The condition of a conditional field (dotted path, list indexes allowed), or undefined. */
export function fieldCondition(path: string): string | undefined {
  return FIELD_CONDITIONS[path.replace(/\.\d+(?=\.|$)/g, '')];
}
