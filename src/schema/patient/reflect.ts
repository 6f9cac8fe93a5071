import type { OccurrenceReport, Patient } from '../report/occurrence-report.js';
import type { PatientRecord, Person } from './record.js';
import { cloneJson } from './merge.js';

/**
 * 自動反映 (the manual: what is entered in ID管理 is reflected into the 発生届, and the report's fields into
 * the other tabs). One source of truth per field: the record's person holds 氏名, フリガナ, 性別, 生年月日,
 * 住所 and 電話番号; 基礎情報 holds 職業. A report is pre-filled from them, and a filed report writes its
 * values back (a field the report leaves empty never erases the record's value).
 */

/** The report's 当該者 fields from the record (for a new 発生届 of this person). */
export function reportPatientFromRecord(
  record: Pick<PatientRecord, 'person' | 'basicInfo'>,
  base: Patient = {},
): Patient {
  const p = record.person;
  const out: Patient = { ...cloneJson(base) };
  const set = <K extends keyof Patient>(key: K, value: Patient[K] | undefined) => {
    if (value !== undefined && value !== '') out[key] = value;
  };
  set('familyName', p.familyName);
  set('givenName', p.givenName);
  set('familyNameKana', p.familyNameKana);
  set('givenNameKana', p.givenNameKana);
  set('sex', p.sex === 'unknown' ? undefined : p.sex);
  set('dateOfBirth', p.dateOfBirth);
  set('phone', p.phone);
  set('occupation', record.basicInfo?.occupation);
  if (p.postalCode || p.prefectureCode || p.city || p.street) {
    const address = { ...(out.address ?? {}) };
    if (p.postalCode) address.postalCode = p.postalCode;
    if (p.prefectureCode) address.prefectureCode = p.prefectureCode;
    if (p.city) address.city = p.city;
    if (p.street) address.street = p.street;
    out.address = address;
  }
  return out;
}

/** A new report pre-filled from the record (the 追加登録 / 新たに発生届を提出 for a registered person). */
export function prefillReport(
  record: Pick<PatientRecord, 'person' | 'basicInfo'>,
  base: OccurrenceReport = {},
): OccurrenceReport {
  return {
    schemaVersion: 2,
    ...cloneJson(base),
    patient: reportPatientFromRecord(record, base.patient ?? {}),
  };
}

/**
 * The record updated from a filed report: the person's and 基礎情報's fields the report carries replace the
 * record's (the report is the newer statement); fields the report leaves empty keep the record's value.
 */
export function applyReportToRecord<R extends Pick<PatientRecord, 'person' | 'basicInfo'>>(
  record: R,
  report: OccurrenceReport,
): R {
  const next = cloneJson(record);
  const r = report.patient ?? {};
  const person: Person = { ...next.person };
  const take = <K extends keyof Person>(key: K, value: Person[K] | undefined) => {
    if (value !== undefined && value !== '') person[key] = value;
  };
  take('familyName', r.familyName);
  take('givenName', r.givenName);
  take('familyNameKana', r.familyNameKana);
  take('givenNameKana', r.givenNameKana);
  take('sex', r.sex);
  take('dateOfBirth', r.dateOfBirth);
  take('phone', r.phone);
  const a = r.addressSameAsLocation ? r.location : r.address;
  if (a) {
    take('postalCode', a.postalCode);
    take('prefectureCode', a.prefectureCode);
    take('city', a.city);
    take('street', a.street);
  }
  next.person = person;
  if (r.occupation) next.basicInfo = { ...(next.basicInfo ?? {}), occupation: r.occupation };
  return next;
}
