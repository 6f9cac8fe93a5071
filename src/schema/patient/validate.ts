import type { Issue } from '../issues.js';
import { isIsoDate, localToday } from '../iso-date.js';
import { checkKana } from '../kana.js';
import { parsePhoneJP } from '../phone.js';
import { countryByCode } from './countries.js';
import type {
  Activity,
  BasicInfo,
  HealthObservation,
  LabTest,
  Medical,
  Note,
  Person,
  RecordSectionData,
  Residence,
} from './record.js';

/**
 * Rules of the patient record. Every function returns issues in the report's shape ({@link Issue}):
 * a dotted path, a stable code (messages in the `ui` namespace under `record.issues.<code>`), a severity
 * and the interpolation params. Only errors block a save; warnings are shown beside the field.
 *
 * Codes: person.nameRequired, kana.invalid, date.invalid, date.future, date.beforeBirth, postal.invalid,
 * phone.invalid, country.unknown, field.required, period.endBeforeStart, period.overlap,
 * observation.temperatureRange, observation.spo2Range, observation.outsidePeriod,
 * observation.duplicateDate, test.resultBeforeCollection.
 */

export interface PatientRuleOptions {
  /** Today's date (ISO); defaults to the local date. Dates after it are errors. */
  today?: string;
}

type Push = (path: string, code: string, severity?: Issue['severity'], params?: Issue['params']) => void;

function collector(): { issues: Issue[]; push: Push } {
  const issues: Issue[] = [];
  const push: Push = (path, code, severity = 'error', params) =>
    issues.push(params ? { path, code, severity, params } : { path, code, severity });
  return { issues, push };
}

function checkDate(push: Push, path: string, value: string | undefined, today: string): boolean {
  if (value === undefined || value === '') return false;
  if (!isIsoDate(value)) {
    push(path, 'date.invalid');
    return false;
  }
  if (value > today) {
    push(path, 'date.future', 'error', { today });
    return false;
  }
  return true;
}

function checkPeriod(push: Push, prefix: string, start: string | undefined, end: string | undefined): void {
  if (start && end && isIsoDate(start) && isIsoDate(end) && end < start) {
    push(`${prefix}endDate`, 'period.endBeforeStart', 'error', { start });
  }
}

function blank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

/**
 * ID管理: 氏名 is required (姓 or 名); フリガナ must be kana; 生年月日 a real past date; 郵便番号 7 digits;
 * phones valid Japanese numbers; 国籍 a known ISO code.
 */
export function validatePerson(person: Person, options: PatientRuleOptions = {}): Issue[] {
  const today = options.today ?? localToday();
  const { issues, push } = collector();
  const p = person ?? {};
  if (blank(p.familyName) && blank(p.givenName)) push('familyName', 'person.nameRequired');
  for (const key of ['familyNameKana', 'givenNameKana'] as const) {
    const v = p[key];
    if (!blank(v) && checkKana(v!) !== undefined) push(key, 'kana.invalid');
  }
  checkDate(push, 'dateOfBirth', p.dateOfBirth, today);
  if (!blank(p.postalCode) && !/^\d{7}$/.test(p.postalCode!.normalize('NFKC').replace(/[-\s]/g, ''))) {
    push('postalCode', 'postal.invalid');
  }
  if (!blank(p.nationality) && !countryByCode(p.nationality)) push('nationality', 'country.unknown');
  for (const key of ['phone', 'phone2'] as const) {
    if (!blank(p[key]) && !parsePhoneJP(p[key]!).ok) push(key, 'phone.invalid');
  }
  const ec = p.emergencyContact;
  if (ec) {
    for (const key of ['phone1', 'phone2'] as const) {
      if (!blank(ec[key]) && !parsePhoneJP(ec[key]!).ok) push(`emergencyContact.${key}`, 'phone.invalid');
    }
  }
  return issues;
}

function validateBasicInfo(b: BasicInfo): Issue[] {
  const { issues, push } = collector();
  if (b.underlyingConditions !== 'yes' && (b.conditions?.length ?? 0) > 0) {
    push('underlyingConditions', 'basicInfo.conditionsWithoutYes', 'warning');
  }
  return issues;
}

function validateTests(rows: LabTest[], today: string): Issue[] {
  const { issues, push } = collector();
  rows.forEach((r, i) => {
    const at = `${i}.`;
    if (blank(r.method)) push(`${at}method`, 'field.required');
    if (blank(r.collectionDate)) push(`${at}collectionDate`, 'field.required');
    const c = checkDate(push, `${at}collectionDate`, r.collectionDate, today);
    const d = checkDate(push, `${at}resultDate`, r.resultDate, today);
    if (c && d && r.resultDate! < r.collectionDate!) push(`${at}resultDate`, 'test.resultBeforeCollection');
  });
  return issues;
}

function validateResidences(rows: Residence[], today: string): Issue[] {
  const { issues, push } = collector();
  rows.forEach((r, i) => {
    const at = `${i}.`;
    if (blank(r.type)) push(`${at}type`, 'field.required');
    if (blank(r.startDate)) push(`${at}startDate`, 'field.required');
    checkDate(push, `${at}startDate`, r.startDate, today);
    if (!blank(r.endDate) && !isIsoDate(r.endDate)) push(`${at}endDate`, 'date.invalid');
    checkPeriod(push, at, r.startDate, r.endDate);
  });
  // A person is in one place at a time: overlapping periods are an error on the later row.
  const valid = rows
    .map((r, i) => ({ r, i }))
    .filter(
      ({ r }) =>
        isIsoDate(r.startDate) &&
        (r.endDate === undefined || r.endDate === '' || (isIsoDate(r.endDate) && r.endDate >= r.startDate)),
    );
  for (let a = 0; a < valid.length; a++) {
    for (let b = a + 1; b < valid.length; b++) {
      const x = valid[a]!.r;
      const y = valid[b]!.r;
      const xEnd = x.endDate || '9999-12-31';
      const yEnd = y.endDate || '9999-12-31';
      if (x.startDate! < yEnd && y.startDate! < xEnd) {
        push(`${valid[b]!.i}.startDate`, 'period.overlap', 'error', { row: valid[a]!.i + 1 });
      }
    }
  }
  return issues;
}

function validateActivities(rows: Activity[], today: string): Issue[] {
  const { issues, push } = collector();
  rows.forEach((r, i) => {
    const at = `${i}.`;
    if (blank(r.kind)) push(`${at}kind`, 'field.required');
    if (blank(r.startDate)) push(`${at}startDate`, 'field.required');
    checkDate(push, `${at}startDate`, r.startDate, today);
    checkDate(push, `${at}endDate`, r.endDate, today);
    checkPeriod(push, at, r.startDate, r.endDate);
    if (r.kind === 'overseasTravel' && blank(r.country)) push(`${at}country`, 'field.required');
    if (!blank(r.country) && !countryByCode(r.country)) push(`${at}country`, 'country.unknown');
  });
  return issues;
}

function validateObservation(o: HealthObservation, today: string): Issue[] {
  const { issues, push } = collector();
  if (!blank(o.startDate) && !isIsoDate(o.startDate)) push('startDate', 'date.invalid');
  if (!blank(o.endDate) && !isIsoDate(o.endDate)) push('endDate', 'date.invalid');
  checkPeriod(push, '', o.startDate, o.endDate);
  const seen = new Map<string, number>();
  (o.entries ?? []).forEach((e, i) => {
    const at = `entries.${i}.`;
    if (blank(e.date)) push(`${at}date`, 'field.required');
    else if (checkDate(push, `${at}date`, e.date, today)) {
      if ((o.startDate && e.date! < o.startDate) || (o.endDate && e.date! > o.endDate)) {
        push(`${at}date`, 'observation.outsidePeriod', 'warning');
      }
      if (seen.has(e.date!))
        push(`${at}date`, 'observation.duplicateDate', 'error', { row: seen.get(e.date!)! + 1 });
      else seen.set(e.date!, i);
    }
    if (e.temperature !== undefined && !(e.temperature >= 34 && e.temperature <= 42.5)) {
      push(`${at}temperature`, 'observation.temperatureRange', 'error', { min: 34, max: 42.5 });
    }
    if (e.spo2 !== undefined && !(Number.isInteger(e.spo2) && e.spo2 >= 50 && e.spo2 <= 100)) {
      push(`${at}spo2`, 'observation.spo2Range', 'error', { min: 50, max: 100 });
    }
  });
  return issues;
}

function validateMedical(m: Medical, today: string): Issue[] {
  const { issues, push } = collector();
  (m.admissions ?? []).forEach((a, i) => {
    const at = `admissions.${i}.`;
    if (blank(a.hospital)) push(`${at}hospital`, 'field.required');
    if (blank(a.admissionDate)) push(`${at}admissionDate`, 'field.required');
    checkDate(push, `${at}admissionDate`, a.admissionDate, today);
    checkDate(push, `${at}dischargeDate`, a.dischargeDate, today);
    if (a.admissionDate && a.dischargeDate && a.dischargeDate < a.admissionDate) {
      push(`${at}dischargeDate`, 'period.endBeforeStart', 'error', { start: a.admissionDate });
    }
  });
  (m.severities ?? []).forEach((s, i) => {
    const at = `severities.${i}.`;
    if (blank(s.date)) push(`${at}date`, 'field.required');
    if (blank(s.severity)) push(`${at}severity`, 'field.required');
    checkDate(push, `${at}date`, s.date, today);
  });
  return issues;
}

function validateNotes(rows: Note[]): Issue[] {
  const { issues, push } = collector();
  rows.forEach((n, i) => {
    if (blank(n.text)) push(`${i}.text`, 'field.required');
  });
  return issues;
}

/**
 * The issues of one section's data, with paths relative to the section (`0.startDate` for the first
 * row of 居所, `entries.2.spo2` for 健康観察).
 */
export function validateSection<S extends keyof RecordSectionData>(
  section: S,
  data: RecordSectionData[S],
  options: PatientRuleOptions = {},
): Issue[] {
  const today = options.today ?? localToday();
  switch (section) {
    case 'identity':
      return validatePerson(data as Person, options);
    case 'basicInfo':
      return validateBasicInfo(data as BasicInfo);
    case 'tests':
      return validateTests(data as LabTest[], today);
    case 'residences':
      return validateResidences(data as Residence[], today);
    case 'activities':
      return validateActivities(data as Activity[], today);
    case 'healthObservation':
      return validateObservation(data as HealthObservation, today);
    case 'medical':
      return validateMedical(data as Medical, today);
    case 'notes':
      return validateNotes(data as Note[]);
    case 'measures': {
      const { issues, push } = collector();
      checkDate(push, 'treatmentDate', (data as { treatmentDate?: string }).treatmentDate, today);
      return issues;
    }
    default:
      return [];
  }
}
