import * as z from 'zod/mini';
import { RISK_FACTORS, SYMPTOMS, SPECIMENS, YES_NO_UNKNOWN, codesOf } from '../codes/index.js';
import { facilityRefSchema, isoDate, line, phone, text } from '../report/primitives.js';
import { occurrenceReportSchema } from '../report/occurrence-report.js';
import { cloneJson } from './merge.js';
import {
  ACTIVITY_KINDS,
  DISCHARGE_OUTCOMES,
  INFECTION_CLASSES,
  LAB_TEST_METHODS,
  LAB_TEST_RESULTS,
  PATIENT_STATUSES,
  PERSON_SEXES,
  RECORD_SEVERITIES,
  RESIDENCE_TYPES,
} from './codes.js';

/**
 * The patient record (HER-SYS 閲覧・編集): the person (ID管理) and the data of every tab. As with the
 * report, every field is optional in the shape; what is required or consistent is checked by
 * `validatePerson` / `validateSection`, which return issues with paths and codes.
 *
 * Rows of the list tabs carry an `id` (stable within the record) so an edit, a removal and a merge of a
 * stale edit can say which row they mean.
 */

const rowId = z.string().check(z.minLength(1), z.maxLength(64));
/** ISO 3166-1 alpha-2. */
const countryCode = z.string().check(z.regex(/^[A-Z]{2}$/));

/** 緊急連絡先. */
export const emergencyContactSchema = z.strictObject({
  /** 氏名. */
  name: z.optional(line),
  /** 続柄 (父, 母, 配偶者…). */
  relationship: z.optional(line),
  /** 電話番号1. */
  phone1: z.optional(phone),
  /** 電話番号2. */
  phone2: z.optional(phone),
});
export type EmergencyContact = z.infer<typeof emergencyContactSchema>;

/** ID管理: the person as entered before (or with) the first report, in the manual's field order. */
export const personSchema = z.strictObject({
  /** フリガナ (姓), full-width katakana once normalized. */
  familyNameKana: z.optional(line),
  /** フリガナ (名). */
  givenNameKana: z.optional(line),
  /** 氏名 (姓) (必須: 姓 or 名 must be given). */
  familyName: z.optional(line),
  /** 氏名 (名). */
  givenName: z.optional(line),
  /** 生年月日 (ISO). */
  dateOfBirth: z.optional(isoDate),
  /** 生年月日 非公開: withheld from other institutions' views (the header shows 非公開). */
  dateOfBirthPrivate: z.optional(z.boolean()),
  /** 性別. */
  sex: z.optional(z.enum(codesOf(PERSON_SEXES))),
  /** 性別 非公開. */
  sexPrivate: z.optional(z.boolean()),
  /** 国籍: ISO 3166-1 alpha-2 code. */
  nationality: z.optional(countryCode),
  /** 郵便番号: 7 half-width digits, no hyphen (the manual's ※ハイフンなし半角数字のみ). */
  postalCode: z.optional(z.string().check(z.maxLength(16))),
  /** 都道府県 (JIS X 0401). */
  prefectureCode: z.optional(z.string().check(z.regex(/^\d{2}$/))),
  /** 市区町村. */
  city: z.optional(line),
  /** 町域・番地・建物. */
  street: z.optional(line),
  /** 電話番号 (a reachable mobile number is what My HER-SYS SMS needs). */
  phone: z.optional(phone),
  /** 電話番号2 (自宅 or 勤務先). */
  phone2: z.optional(phone),
  /** パスポート番号 (foreign nationals; a filter of 登録情報一覧). */
  passportNumber: z.optional(z.string().check(z.maxLength(20))),
  /** 保健所独自ID: the health center's own case number. */
  localId: z.optional(z.string().check(z.maxLength(32))),
  /** 担当保健所. */
  responsibleHealthCenter: z.optional(facilityRefSchema),
  /** 緊急連絡先. */
  emergencyContact: z.optional(emergencyContactSchema),
  /** 自由記述欄. */
  freeText: z.optional(text),
});
export type Person = z.infer<typeof personSchema>;

/** 基礎情報: occupation and underlying conditions (nationality lives in ID管理, one source of truth). */
export const basicInfoSchema = z.strictObject({
  /** 職業 (the actual job: 調理師, 保育士…). */
  occupation: z.optional(line),
  /** 勤務先・通学先. */
  workplace: z.optional(line),
  /** 基礎疾患・重症化リスク因子: 有・無・不明. */
  underlyingConditions: z.optional(z.enum(codesOf(YES_NO_UNKNOWN))),
  /** The risk factors that apply (the report's list). */
  conditions: z.optional(z.array(z.enum(codesOf(RISK_FACTORS))).check(z.maxLength(RISK_FACTORS.length))),
  /** その他の基礎疾患 (free text). */
  conditionsOther: z.optional(line),
  /** 妊娠: 有・無・不明. */
  pregnancy: z.optional(z.enum(codesOf(YES_NO_UNKNOWN))),
  /** ワクチン接種回数. */
  vaccineDoses: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(10))),
});
export type BasicInfo = z.infer<typeof basicInfoSchema>;

/** One 検査 record. */
export const labTestSchema = z.strictObject({
  id: rowId,
  /** 検査方法. */
  method: z.optional(z.enum(codesOf(LAB_TEST_METHODS))),
  /** 検体. */
  specimen: z.optional(z.enum(codesOf(SPECIMENS))),
  /** 検体採取日. */
  collectionDate: z.optional(isoDate),
  /** 結果判明日. */
  resultDate: z.optional(isoDate),
  /** 結果. */
  result: z.optional(z.enum(codesOf(LAB_TEST_RESULTS))),
  /** 検査機関. */
  laboratory: z.optional(line),
});
export type LabTest = z.infer<typeof labTestSchema>;

/** One 居所 period. */
export const residenceSchema = z.strictObject({
  id: rowId,
  /** 居所. */
  type: z.optional(z.enum(codesOf(RESIDENCE_TYPES))),
  /** 場所名 (hotel, hospital or facility name). */
  placeName: z.optional(line),
  /** 期間 (開始). */
  startDate: z.optional(isoDate),
  /** 期間 (終了); empty while the stay goes on. */
  endDate: z.optional(isoDate),
  /** 備考. */
  note: z.optional(line),
});
export type Residence = z.infer<typeof residenceSchema>;

/** One 行動歴 entry (activity or travel). */
export const activitySchema = z.strictObject({
  id: rowId,
  kind: z.optional(z.enum(codesOf(ACTIVITY_KINDS))),
  /** 日付 (開始). */
  startDate: z.optional(isoDate),
  /** 日付 (終了), for travel. */
  endDate: z.optional(isoDate),
  /** 場所 (施設名・地域). */
  place: z.optional(line),
  /** 渡航先 (ISO 3166-1 alpha-2), for overseas travel. */
  country: z.optional(countryCode),
  /** 内容・接触者等. */
  detail: z.optional(line),
});
export type Activity = z.infer<typeof activitySchema>;

/** One day of 健康観察. */
export const observationEntrySchema = z.strictObject({
  id: rowId,
  /** 日付. */
  date: z.optional(isoDate),
  /** 体温 (°C). */
  temperature: z.optional(z.number()),
  /** SpO2 (%). */
  spo2: z.optional(z.number()),
  /** 症状. */
  symptoms: z.optional(z.array(z.enum(codesOf(SYMPTOMS))).check(z.maxLength(SYMPTOMS.length))),
  /** 備考. */
  note: z.optional(line),
});
export type ObservationEntry = z.infer<typeof observationEntrySchema>;

/** 健康観察: the observation period and the daily entries. */
export const healthObservationSchema = z.strictObject({
  /** 健康観察期間 (開始). */
  startDate: z.optional(isoDate),
  /** 健康観察期間 (終了). */
  endDate: z.optional(isoDate),
  entries: z.optional(z.array(observationEntrySchema).check(z.maxLength(400))),
});
export type HealthObservation = z.infer<typeof healthObservationSchema>;

/** One hospital stay (医療 tab). */
export const admissionSchema = z.strictObject({
  id: rowId,
  /** 入院医療機関. */
  hospital: z.optional(line),
  /** 入院年月日. */
  admissionDate: z.optional(isoDate),
  /** 退院年月日. */
  dischargeDate: z.optional(isoDate),
  /** 転帰. */
  outcome: z.optional(z.enum(codesOf(DISCHARGE_OUTCOMES))),
});
export type Admission = z.infer<typeof admissionSchema>;

/** One severity assessment (医療 tab: severity over time). */
export const severityEntrySchema = z.strictObject({
  id: rowId,
  /** 判定日. */
  date: z.optional(isoDate),
  severity: z.optional(z.enum(codesOf(RECORD_SEVERITIES))),
  /** 処置 (酸素投与, 人工呼吸器…). */
  treatment: z.optional(line),
});
export type SeverityEntry = z.infer<typeof severityEntrySchema>;

/** 医療. */
export const medicalSchema = z.strictObject({
  admissions: z.optional(z.array(admissionSchema).check(z.maxLength(50))),
  severities: z.optional(z.array(severityEntrySchema).check(z.maxLength(200))),
});
export type Medical = z.infer<typeof medicalSchema>;

/** One note of 記録. */
export const noteSchema = z.strictObject({
  id: rowId,
  /** When written (ISO 8601 date-time; set by the server when empty). */
  at: z.optional(z.string().check(z.maxLength(40))),
  /** Who wrote it (set by the server). */
  author: z.optional(line),
  text: z.optional(text),
});
export type Note = z.infer<typeof noteSchema>;

/** One entry of the audit trail (read-only; written by the server). */
export const auditEntrySchema = z.strictObject({
  at: z.string().check(z.maxLength(40)),
  actor: line,
  /** What happened: 'create', 'update', 'delete', 'restore', 'link'… */
  action: z.string().check(z.maxLength(32)),
  /** The section or report concerned. */
  target: z.optional(z.string().check(z.maxLength(64))),
  /** The record version after the change. */
  version: z.optional(z.number().check(z.int())),
  summary: z.optional(line),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** One 発生届 of the record with its filing trail (初回報告 / 最終更新 / 保健所確認済). */
export const recordReportSchema = z.strictObject({
  id: z.string().check(z.minLength(1), z.maxLength(64)),
  report: occurrenceReportSchema,
  /** 初回報告: who (institution name) and when (ISO date). */
  firstReportedBy: z.optional(line),
  firstReportedAt: z.optional(isoDate),
  /** 最終更新. */
  lastUpdatedBy: z.optional(line),
  lastUpdatedAt: z.optional(isoDate),
  /** 保健所確認済 date. */
  healthCenterConfirmedAt: z.optional(isoDate),
  /** Deleted (削除) reports stay in the record until restored or purged. */
  deleted: z.optional(z.boolean()),
});
export type RecordReport = z.infer<typeof recordReportSchema>;

/** The whole record. */
export const patientRecordSchema = z.strictObject({
  /** HER-SYS ID: issued by the server at 登録 (8 digits in 2022). */
  herSysId: z.string().check(z.minLength(1), z.maxLength(16)),
  /** Optimistic-concurrency version: every save sends it and gets the next one back. */
  version: z.number().check(z.int(), z.minimum(0)),
  person: personSchema,
  /** 現在のステータス. */
  status: z.optional(z.enum(codesOf(PATIENT_STATUSES))),
  /** 感染区分. */
  infectionClass: z.optional(z.enum(codesOf(INFECTION_CLASSES))),
  /** My HER-SYS健康調査: whether the person reports through My HER-SYS. */
  myHerSys: z.optional(z.boolean()),
  /** 処置日 (措置判定記録; a filter of 登録情報一覧). */
  treatmentDate: z.optional(isoDate),
  basicInfo: z.optional(basicInfoSchema),
  tests: z.optional(z.array(labTestSchema).check(z.maxLength(200))),
  residences: z.optional(z.array(residenceSchema).check(z.maxLength(100))),
  activities: z.optional(z.array(activitySchema).check(z.maxLength(500))),
  healthObservation: z.optional(healthObservationSchema),
  medical: z.optional(medicalSchema),
  notes: z.optional(z.array(noteSchema).check(z.maxLength(1000))),
  reports: z.optional(z.array(recordReportSchema).check(z.maxLength(50))),
  audit: z.optional(z.array(auditEntrySchema).check(z.maxLength(10000))),
});
export type PatientRecord = z.infer<typeof patientRecordSchema>;

/** 措置判定記録: the record's classification and status (edited in the 医療 tab, shown in the header). */
export const measuresSchema = z.strictObject({
  /** 感染区分. */
  infectionClass: z.optional(z.enum(codesOf(INFECTION_CLASSES))),
  /** 現在のステータス. */
  status: z.optional(z.enum(codesOf(PATIENT_STATUSES))),
  /** 処置日. */
  treatmentDate: z.optional(isoDate),
  /** My HER-SYS健康調査. */
  myHerSys: z.optional(z.boolean()),
});
export type Measures = z.infer<typeof measuresSchema>;

/** The data of each section, as `save(section, data, version)` sends it. */
export interface RecordSectionData {
  identity: Person;
  basicInfo: BasicInfo;
  tests: LabTest[];
  residences: Residence[];
  activities: Activity[];
  healthObservation: HealthObservation;
  medical: Medical;
  measures: Measures;
  notes: Note[];
}

/** The zod schema of each section's data. */
export const recordSectionSchemas = {
  identity: personSchema,
  basicInfo: basicInfoSchema,
  tests: z.array(labTestSchema).check(z.maxLength(200)),
  residences: z.array(residenceSchema).check(z.maxLength(100)),
  activities: z.array(activitySchema).check(z.maxLength(500)),
  healthObservation: healthObservationSchema,
  medical: medicalSchema,
  measures: measuresSchema,
  notes: z.array(noteSchema).check(z.maxLength(1000)),
} as const;

/** The current data of a section of a record (empty values for sections never saved). */
export function sectionOf<S extends keyof RecordSectionData>(
  record: PatientRecord,
  section: S,
): RecordSectionData[S] {
  const r = record;
  const data: RecordSectionData = {
    identity: r.person,
    basicInfo: r.basicInfo ?? {},
    tests: r.tests ?? [],
    residences: r.residences ?? [],
    activities: r.activities ?? [],
    healthObservation: r.healthObservation ?? {},
    medical: r.medical ?? {},
    measures: Object.fromEntries(
      (['infectionClass', 'status', 'treatmentDate', 'myHerSys'] as const)
        .filter((k) => r[k] !== undefined)
        .map((k) => [k, r[k]]),
    ) as Measures,
    notes: r.notes ?? [],
  };
  return cloneJson(data[section]);
}

/** A record with one section replaced (and nothing else changed). */
export function withSection<S extends keyof RecordSectionData>(
  record: PatientRecord,
  section: S,
  data: RecordSectionData[S],
): PatientRecord {
  const next = cloneJson(record);
  if (section === 'identity') next.person = cloneJson(data as Person);
  else if (section === 'measures') {
    for (const k of ['infectionClass', 'status', 'treatmentDate', 'myHerSys'] as const) {
      const v = (data as Measures)[k];
      if (v === undefined) delete next[k];
      else (next as Record<string, unknown>)[k] = v;
    }
  } else (next as Record<string, unknown>)[section] = cloneJson(data);
  return next;
}

/** A new row id (random, URL-safe). */
export function newRowId(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (c?.randomUUID) return c.randomUUID();
  return Math.random().toString(36).slice(2) + Date.now().toString(36);
}

/** 患者名 as the header shows it: 氏名, else the フリガナ, else ''. */
export function personDisplayName(p: Person): string {
  const name = [p.familyName, p.givenName].filter(Boolean).join(' ');
  if (name) return name;
  return [p.familyNameKana, p.givenNameKana].filter(Boolean).join(' ');
}
