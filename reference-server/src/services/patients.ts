import type { OccurrenceReport } from 'hersys-sdk/schema';
import { insertLater } from '../db/deferred-inserts.js';
import type { CurrentUser } from '../auth.js';
import type { PatientTable } from '../db/types.js';
import type { PatientRecord } from '../api-schemas.js';
import { ApiError, notFound } from '../lib/errors.js';
import { kanaKey, nameKey, passportKey, phoneKey } from '../lib/keys.js';
import type { JsonText } from '../lib/json-text.js';
import { issueHerSysId } from './her-sys-ids.js';
import { audit, auditMany, patientScope, type AuditInput, type Tx } from './common.js';

/** Drops undefined values (so a merge never overwrites with undefined). */
function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;
}

/** The ID-management data a report carries (発生届に登録された情報を基に、他のタブの同一項目にも自動反映). */
export function recordFromReport(r: OccurrenceReport): PatientRecord {
  const p = r.patient ?? {};
  const where = p.location ?? p.address;
  const hospitalized = r.clinical?.hospitalized === 'yes';
  const dead = p.category === 'deceased' || p.category === 'suspectedDeceased';
  return defined({
    familyName: p.familyName,
    givenName: p.givenName,
    familyNameKana: p.familyNameKana,
    givenNameKana: p.givenNameKana,
    dateOfBirth: p.dateOfBirth,
    sex: p.sex,
    postalCode: where?.postalCode,
    prefectureCode: where?.prefectureCode,
    city: where?.city,
    street: where?.street,
    phone: p.phone,
    responsibleHealthCenterCode: r.healthCenters?.responsible?.code ?? r.healthCenters?.notified?.code,
    infectionCategory: 'infected' as const,
    severity: r.clinical?.severity,
    status: dead ? ('deceased' as const) : hospitalized ? ('hospitalized' as const) : undefined,
    residence: hospitalized ? ('hospital' as const) : undefined,
    residenceName: hospitalized ? r.clinical?.inpatientInstitution : undefined,
    periodStart: r.diagnosis?.onsetDate ?? r.diagnosis?.specimenCollectionDate ?? r.diagnosis?.diagnosisDate,
  }) as PatientRecord;
}

export function mergeRecord(base: PatientRecord, ...over: (PatientRecord | undefined)[]): PatientRecord {
  let out: PatientRecord = { ...base };
  for (const o of over) if (o) out = { ...out, ...defined(o) };
  return out;
}

export interface LatestReport {
  id: string;
  report_date: string | null;
  diagnosis_date: string | null;
  notified_hc: string | null;
  responsible_hc: string | null;
}

/** The search/scope columns of a patient row, derived from its record and its latest live report. */
export function patientColumns(
  rec: PatientRecord,
  latest: LatestReport | undefined,
  prefectureOf: (hc: string | null) => string | null,
  createdAt: string,
): Omit<PatientTable, 'her_sys_id' | 'version' | 'owner_facility' | 'created_at' | 'updated_at'> {
  const responsible =
    rec.responsibleHealthCenterCode ?? latest?.responsible_hc ?? latest?.notified_hc ?? null;
  const notified = latest?.notified_hc ?? null;
  return {
    data: JSON.stringify(rec),
    family_name: rec.familyName ?? '',
    given_name: rec.givenName ?? '',
    name_norm: nameKey(`${rec.familyName ?? ''}${rec.givenName ?? ''}`),
    kana_norm: kanaKey(`${rec.familyNameKana ?? ''}${rec.givenNameKana ?? ''}`),
    date_of_birth: rec.dateOfBirth ?? null,
    phone_digits: phoneKey(rec.phone) || null,
    passport_norm: passportKey(rec.passportNumber) || null,
    local_id: rec.localId ?? null,
    infection_category: rec.infectionCategory ?? null,
    status: rec.status ?? null,
    severity: rec.severity ?? null,
    residence: rec.residence ?? null,
    treatment_date: rec.treatmentDate ?? null,
    period_start: rec.periodStart ?? null,
    sort_date: rec.periodStart ?? latest?.diagnosis_date ?? latest?.report_date ?? createdAt.slice(0, 10),
    latest_report_id: latest?.id ?? null,
    report_date: latest?.report_date ?? null,
    diagnosis_date: latest?.diagnosis_date ?? null,
    notified_hc: notified,
    responsible_hc: responsible,
    prefecture_code: prefectureOf(responsible) ?? prefectureOf(notified),
  };
}

/** Health center code → prefecture code, loaded once per transaction. */
export async function prefectureLookup(trx: Tx): Promise<(hc: string | null) => string | null> {
  const rows = await trx.selectFrom('health_centers').select(['code', 'prefecture_code']).execute();
  const map = new Map(rows.map((r) => [r.code, r.prefecture_code]));
  return (hc) => (hc ? (map.get(hc) ?? null) : null);
}

export async function latestReportOf(trx: Tx, herSysId: string): Promise<LatestReport | undefined> {
  return trx
    .selectFrom('reports')
    .select(['id', 'report_date', 'diagnosis_date', 'notified_hc', 'responsible_hc'])
    .where('patient_id', '=', herSysId)
    .where('status', '=', 'active')
    .orderBy('first_reported_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export interface InsertPatientWith {
  /** The report being filed with the patient (so the row is written once, complete). */
  latest?: LatestReport;
  prefectureOf?: (hc: string | null) => string | null;
  /** Write the report's audit entry in the same statement as the patient's. */
  auditWithReport?: { id: string; report: OccurrenceReport | JsonText };
}

export async function insertPatient(
  trx: Tx,
  u: CurrentUser,
  rec: PatientRecord,
  now: string,
  ownerFacility = u.facilityCode,
  withReport: InsertPatientWith = {},
): Promise<string> {
  const herSysId = await issueHerSysId(trx);
  const pref = withReport.prefectureOf ?? (await prefectureLookup(trx));
  // Held for the end of a group-commit batch, like the report that names it (db/deferred-inserts.ts): the ID is
  // new, so nothing in the batch reads the row back, and the batch's patients are one statement — one round
  // trip fewer per 報告 on PostgreSQL. Written at once in any other transaction.
  await insertLater(trx, 'patients', [
    {
      her_sys_id: herSysId,
      version: 1,
      owner_facility: ownerFacility,
      created_at: now,
      updated_at: now,
      ...patientColumns(rec, withReport.latest, pref, now),
    },
  ]);
  const entries: AuditInput[] = [
    { action: 'patient.create', entity: 'patient', entityId: herSysId, version: 1, newData: rec },
  ];
  if (withReport.auditWithReport) {
    entries.push({
      action: 'report.create',
      entity: 'report',
      entityId: withReport.auditWithReport.id,
      version: 1,
      newData: withReport.auditWithReport.report,
    });
  }
  await auditMany(trx, u, now, entries);
  return herSysId;
}

/** Recomputes a patient's columns after its record or reports changed. */
export async function refreshPatient(
  trx: Tx,
  herSysId: string,
  rec: PatientRecord | undefined,
  now: string,
  bumpVersion: boolean,
): Promise<void> {
  const row = await trx
    .selectFrom('patients')
    .select(['data', 'created_at', 'version'])
    .where('her_sys_id', '=', herSysId)
    .executeTakeFirstOrThrow();
  const record = rec ?? (JSON.parse(row.data) as PatientRecord);
  const latest = await latestReportOf(trx, herSysId);
  const pref = await prefectureLookup(trx);
  await trx
    .updateTable('patients')
    .set({
      ...patientColumns(record, latest, pref, row.created_at),
      updated_at: now,
      version: bumpVersion ? row.version + 1 : row.version,
    })
    .where('her_sys_id', '=', herSysId)
    .execute();
}

export async function findPatient(trx: Tx, u: CurrentUser, herSysId: string) {
  if (!/^\d{8}$/.test(herSysId)) return undefined;
  return trx
    .selectFrom('patients')
    .selectAll()
    .where('her_sys_id', '=', herSysId)
    .where(patientScope(u))
    .executeTakeFirst();
}

export async function patientView(trx: Tx, row: PatientTable) {
  const reports = await trx
    .selectFrom('reports')
    .select([
      'id',
      'version',
      'status',
      'report_date',
      'diagnosis_date',
      'category',
      'first_reported_at',
      'created_by_facility',
    ])
    .where('patient_id', '=', row.her_sys_id)
    .orderBy('first_reported_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return {
    ...(JSON.parse(row.data) as PatientRecord),
    herSysId: row.her_sys_id,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    reports: reports.map((r) => ({
      id: r.id,
      version: r.version,
      status: r.status,
      reportDate: r.report_date,
      diagnosisDate: r.diagnosis_date,
      category: r.category,
      firstReportedAt: r.first_reported_at,
      createdByFacility: r.created_by_facility,
    })),
  };
}

export async function updatePatient(
  trx: Tx,
  u: CurrentUser,
  herSysId: string,
  patch: Record<string, unknown>,
  expectedVersion: number,
  now: string,
) {
  const row = await findPatient(trx, u, herSysId);
  if (!row) throw notFound('The patient');
  if (row.version !== expectedVersion) {
    throw new ApiError(
      409,
      'version_conflict',
      `The patient was changed (now version ${row.version}); reload and edit again.`,
      {
        current: { patient: await patientView(trx, row) },
      },
    );
  }
  const old = JSON.parse(row.data) as PatientRecord;
  const next: Record<string, unknown> = { ...old };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete next[k];
    else if (v !== undefined) next[k] = v;
  }
  const rec = next as PatientRecord;
  if (!rec.familyName) {
    throw new ApiError(400, 'validation_failed', 'The family name cannot be cleared.', {
      issues: [{ path: 'patient.familyName', code: 'required', severity: 'error' }],
    });
  }
  await refreshPatient(trx, herSysId, rec, now, true);
  await audit(trx, u, now, 'patient.update', 'patient', herSysId, row.version + 1, old, rec);
  return (await findPatient(trx, u, herSysId))!;
}
