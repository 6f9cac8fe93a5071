import { parsePhoneJP, type Issue, type OccurrenceReport } from 'hersys-sdk/schema';
import type { CurrentUser } from '../auth.js';
import type { AppConfig } from '../config.js';
import { insertRows } from '../db/insert-rows.js';
import { ClaimTaken, claimLater, claimNow, insertLater } from '../db/deferred-inserts.js';
import { writeOutbox, type LeasedMessage } from '../outbox/queue.js';
import type { OutboxDispatcher } from '../outbox/worker.js';
import type { Db, ReportTable } from '../db/types.js';
import type { PatientRecord } from '../api-schemas.js';
import { ApiError, forbidden, notFound } from '../lib/errors.js';
import { newRowId } from '../lib/ids.js';
import { newInviteToken } from '../lib/invite-token.js';
import { tokyoDate } from '../lib/time.js';
import { observationSms, reportMail, type MailPayload } from '../outbox/messages.js';
import {
  actorOf,
  audit,
  isRetryable,
  isUniqueViolation,
  parseActor,
  reportScope,
  type Tx,
} from './common.js';
import { groupCommitter } from './group-commit.js';
import { findPatient, insertPatient, mergeRecord, recordFromReport, refreshPatient } from './patients.js';
import { JsonText, stringifyWithJsonText } from '../lib/json-text.js';

/** A report as the API answers it. `report` is the row's data when the caller has it parsed already. */
export function envelope(
  row: ReportTable,
  report: OccurrenceReport = JSON.parse(row.data) as OccurrenceReport,
) {
  return {
    id: row.id,
    herSysId: row.patient_id,
    version: row.version,
    status: row.status,
    report,
    header: {
      firstReported: { at: row.first_reported_at, by: parseActor(row.first_reported_by)! },
      lastUpdated: { at: row.updated_at, by: parseActor(row.updated_by)! },
      healthCenterConfirmed: row.hc_confirmed_at
        ? { at: row.hc_confirmed_at, by: parseActor(row.hc_confirmed_by)! }
        : null,
    },
    deleted: row.deleted_at
      ? { at: row.deleted_at, by: parseActor(row.deleted_by)!, reason: row.deleted_reason }
      : null,
  };
}
export type ReportEnvelope = ReturnType<typeof envelope>;

export async function findReport(trx: Tx, u: CurrentUser, id: string) {
  if (id.length > 64) return undefined;
  return trx.selectFrom('reports').selectAll().where('id', '=', id).where(reportScope(u)).executeTakeFirst();
}

async function mustFindReport(trx: Tx, u: CurrentUser, id: string) {
  const row = await findReport(trx, u, id);
  if (!row) throw notFound('The report');
  return row;
}

function reportColumns(
  r: OccurrenceReport,
  json: string,
  notifiedHc: string | null,
  responsibleHc: string | null,
  prefectureCode: string | null,
) {
  return {
    data: json,
    report_date: r.reportDate ?? null,
    diagnosis_date: r.diagnosis?.diagnosisDate ?? null,
    category: r.patient?.category ?? null,
    severity: r.clinical?.severity ?? null,
    notified_hc: notifiedHc,
    responsible_hc: responsibleHc,
    prefecture_code: prefectureCode,
  };
}

/**
 * Health centers by code, each with its prefecture's name and address (left join: one statement). They are
 * reference data — written by the seed and migrations, not by any request — so what was read is kept for a
 * second of filing time (`now`) per database handle (`cache`): a group-commit batch on PostgreSQL then has no round trip for them in
 * the part of it that one batch at a time goes through.
 */
async function healthCentersWithPrefecture(trx: Tx, codes: string[], cache: object, now: Date) {
  const wanted = [...new Set(codes)];
  let known = referenceCache.get(cache);
  const t = now.getTime();
  if (!known || t - known.at > REFERENCE_TTL_MS)
    referenceCache.set(cache, (known = { at: t, rows: new Map() }));
  const rows = known.rows;
  const missing = wanted.filter((c) => !rows.has(c));
  if (missing.length > 0) {
    const read = await trx
      .selectFrom('health_centers')
      .leftJoin('prefectures', 'prefectures.code', 'health_centers.prefecture_code')
      .select([
        'health_centers.code',
        'health_centers.name',
        'health_centers.email',
        'health_centers.prefecture_code',
        'prefectures.name as pref_name',
        'prefectures.email as pref_email',
      ])
      .where('health_centers.code', 'in', missing)
      .execute();
    for (const c of missing) rows.set(c, read.find((r) => r.code === c) ?? null);
  }
  return wanted.map((c) => rows.get(c)).filter((r) => r !== null && r !== undefined);
}
type HealthCenterRow = {
  code: string;
  name: string;
  email: string;
  prefecture_code: string;
  pref_name: string | null;
  pref_email: string | null;
};
/** How long health centers read are kept (a changed address reaches the mails of filings a second later). */
const REFERENCE_TTL_MS = 1000;
const referenceCache = new WeakMap<object, { at: number; rows: Map<string, HealthCenterRow | null> }>();

async function healthCenter(trx: Tx, code: string | undefined) {
  if (!code) return undefined;
  return trx.selectFrom('health_centers').selectAll().where('code', '=', code).executeTakeFirst();
}

export interface CreateReportInput {
  report: OccurrenceReport;
  /** `JSON.stringify(report)` when the caller has it (lib/filing-check.ts); made here otherwise. */
  reportJson?: string;
  warnings: Issue[];
  herSysId?: string;
  idManagement?: PatientRecord;
}

export interface Notified {
  role: 'notified' | 'responsible' | 'prefecture';
  name: string;
  email: string;
}

export interface CreateResult {
  status: number;
  body: unknown;
  /** `body` serialized, when it was built around the report's JSON (lib/json-text.ts). */
  json?: string;
  replayed: boolean;
  reportId: string;
}

export interface CreateDeps {
  db: Db;
  config: AppConfig;
  now: Date;
  /** The outbox worker, to hand it the filing's mails and SMS once committed (else its passes find them). */
  outbox?: OutboxDispatcher;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{8,128}$/;

export function checkIdempotencyKey(key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new ApiError(400, 'validation_failed', 'Idempotency-Key must be 8–128 visible ASCII characters.', {
      issues: [{ path: 'Idempotency-Key', code: 'invalidFormat', severity: 'error' }],
    });
  }
  return key;
}

/**
 * 報告: stores the report (and the patient when new), the audit entry, the notification mails and the
 * SMS invitation in ONE transaction. With an idempotency key, a retry gets the first answer.
 */
export async function createReport(
  deps: CreateDeps,
  u: CurrentUser,
  input: CreateReportInput,
  idempotencyKey: string | undefined,
  requestHash: string,
): Promise<CreateResult> {
  // Group commit (services/group-commit.ts): concurrent filings share one transaction, each in its own
  // savepoint, and each is answered after that transaction commits. A HER-SYS ID collision retries the item;
  // a PostgreSQL serialization failure or deadlock runs each item of the batch again on its own.
  try {
    const { outboxRows, ...result } = await groupCommitter(deps.db).run(
      (trx) => createInTx(trx, deps, u, input, idempotencyKey, requestHash),
      (err) => isUniqueViolation(err) && !(err instanceof ApiError),
      isRetryable,
      // A new patient's filing holds every write and claims its key (createInTx); 追加登録 writes at once.
      { heldOnly: !input.herSysId },
    );
    deps.outbox?.dispatch(outboxRows);
    return result;
  } catch (err) {
    // The key is stored with the answer (claimed, createInTx): a request whose key was already used ends here,
    // its writes undone, and gets the first answer (also when it failed on its own).
    if (idempotencyKey) {
      const prior = await priorAnswer(deps.db, u, idempotencyKey, requestHash);
      if (prior) return prior;
    }
    if (err instanceof ClaimTaken) {
      throw new ApiError(
        409,
        'idempotency_in_progress',
        'A request with this Idempotency-Key is still being processed; retry shortly.',
      );
    }
    throw err;
  }
}

/**
 * What an idempotency key keeps of its first answer: everything but the report, which is read back from its row
 * (the same content unless it was edited since; then the retry sees the current version, with its ETag). The
 * report was a second copy of the filing in every key row.
 */
interface StoredAnswer {
  reportId: string;
  issues: Issue[];
  notified: Notified[];
  sms: unknown;
}

/** What the first request with this key answered (undefined when the key is unused). */
async function priorAnswer(
  db: Db,
  u: CurrentUser,
  key: string,
  requestHash: string,
): Promise<CreateResult | undefined> {
  const prior = await db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('scope', '=', u.facilityCode)
    .where('key', '=', key)
    .executeTakeFirst();
  if (!prior) return undefined;
  if (prior.request_hash !== requestHash) {
    throw new ApiError(
      422,
      'idempotency_key_reused',
      'This Idempotency-Key was already used for a different request.',
    );
  }
  if (prior.response === null || prior.status_code === null) {
    // Rows written before the key was stored with its answer (claimed first, answered at the end).
    throw new ApiError(
      409,
      'idempotency_in_progress',
      'A request with this Idempotency-Key is still being processed; retry shortly.',
    );
  }
  const stored = JSON.parse(prior.response) as StoredAnswer | { report: { id: string } };
  // Answers stored before the report itself was left out of them are whole.
  if ('report' in stored)
    return { status: prior.status_code, body: stored, replayed: true, reportId: stored.report.id };
  const row = await mustFindReport(db, u, stored.reportId);
  return {
    status: prior.status_code,
    body: answerBody(envelope(row), stored),
    replayed: true,
    reportId: row.id,
  };
}

/** The 201 body: the report and what was stored of the first answer. */
function answerBody(report: ReportEnvelope, { reportId: _id, ...rest }: StoredAnswer) {
  return { report, ...rest };
}

async function createInTx(
  trx: Tx,
  deps: CreateDeps,
  u: CurrentUser,
  input: CreateReportInput,
  idempotencyKey: string | undefined,
  requestHash: string,
): Promise<CreateResult & { outboxRows: LeasedMessage[] }> {
  const nowIso = deps.now.toISOString();

  const { report } = input;
  // Serialized once: the stored row, the audit entry and the answer take this text (lib/json-text.ts).
  const reportJson = input.reportJson ?? JSON.stringify(report);
  const fromReport = recordFromReport(report);
  const existing = input.herSysId ? await findPatient(trx, u, input.herSysId) : undefined;
  if (input.herSysId && !existing) throw notFound('The patient');

  // The health centers named and the responsible one's prefecture: one statement.
  const notifiedCode = report.healthCenters?.notified?.code;
  const givenResponsible =
    report.healthCenters?.responsible?.code ?? input.idManagement?.responsibleHealthCenterCode;
  const hcRows = await healthCentersWithPrefecture(
    trx,
    [notifiedCode, givenResponsible].filter((c): c is string => !!c),
    deps.db,
    deps.now,
  );
  const notifiedHc = hcRows.find((h) => h.code === notifiedCode);
  const responsibleCode = givenResponsible ?? notifiedHc?.code;
  const responsibleHc = hcRows.find((h) => h.code === responsibleCode);
  const prefecture =
    responsibleHc && responsibleHc.pref_name !== null && responsibleHc.pref_email !== null
      ? { name: responsibleHc.pref_name, email: responsibleHc.pref_email }
      : undefined;

  const id = newRowId();
  const actor = actorOf(u);
  const row: ReportTable = {
    id,
    patient_id: existing?.her_sys_id ?? '',
    version: 1,
    status: 'active',
    ...reportColumns(
      report,
      reportJson,
      report.healthCenters?.notified?.code ?? null,
      responsibleCode ?? null,
      responsibleHc?.prefecture_code ?? notifiedHc?.prefecture_code ?? null,
    ),
    created_by_facility: u.facilityCode,
    first_reported_by: actor,
    first_reported_at: nowIso,
    updated_by: actor,
    updated_at: nowIso,
    hc_confirmed_by: null,
    hc_confirmed_at: null,
    deleted_by: null,
    deleted_at: null,
    deleted_reason: null,
  };

  let herSysId: string;
  if (existing) {
    herSysId = existing.her_sys_id;
    await insertRows(trx, 'reports', [row]);
    // 追加登録: the report's data updates the ID-management data it carries.
    await refreshPatient(
      trx,
      herSysId,
      mergeRecord(JSON.parse(existing.data) as PatientRecord, fromReport, input.idManagement),
      nowIso,
      true,
    );
  } else {
    // A new patient: its columns are known (this report is its latest), so one insert each, no re-read.
    const hcs = new Map(
      [notifiedHc, responsibleHc].filter((h) => h !== undefined).map((h) => [h.code, h.prefecture_code]),
    );
    const latest = {
      id,
      report_date: row.report_date,
      diagnosis_date: row.diagnosis_date,
      notified_hc: row.notified_hc,
      responsible_hc: row.responsible_hc,
    };
    herSysId = await insertPatient(
      trx,
      u,
      mergeRecord(fromReport, input.idManagement),
      nowIso,
      u.facilityCode,
      {
        latest,
        prefectureOf: (hc) => (hc ? (hcs.get(hc) ?? null) : null),
        auditWithReport: { id, report: new JsonText(reportJson) },
      },
    );
    row.patient_id = herSysId;
    // Held for the end of the batch: nothing in it reads this report back (no other filing can name a patient
    // whose HER-SYS ID this one has just been issued; 追加登録 above reads its patient's reports, so it writes now).
    await insertLater(trx, 'reports', [row]);
  }
  if (existing)
    await audit(trx, u, nowIso, 'report.create', 'report', id, 1, undefined, new JsonText(reportJson));

  // Notifications, in this same transaction (the outbox).
  const notified: Notified[] = [];
  const recipients: { role: Notified['role']; name: string; email: string }[] = [];
  if (notifiedHc) recipients.push({ role: 'notified', name: notifiedHc.name, email: notifiedHc.email });
  if (responsibleHc)
    recipients.push({ role: 'responsible', name: responsibleHc.name, email: responsibleHc.email });
  if (prefecture) recipients.push({ role: 'prefecture', name: prefecture.name, email: prefecture.email });
  const seen = new Set<string>();
  const mails: MailPayload[] = [];
  const link = `${deps.config.publicUrl}/reports/${id}`;
  for (const r of recipients) {
    if (seen.has(r.email.toLowerCase())) continue;
    seen.add(r.email.toLowerCase());
    notified.push(r);
    const mail = reportMail({
      recipientName: r.name,
      role: r.role,
      email: r.email,
      institutionName: report.reporter?.institutionName ?? u.facilityName,
      reportDate: report.reportDate ?? tokyoDate(deps.now),
      herSysId,
      link,
      report,
      fullContent: deps.config.mailFullContent,
    });
    mails.push(mail);
  }
  const smsOut: unknown[] = [];
  const sms = await queueObservationSms(
    trx,
    deps,
    report,
    herSysId,
    id,
    responsibleHc?.name ?? notifiedHc?.name,
    nowIso,
    smsOut,
  );
  // The mails and the SMS: one statement per table, leased to the worker that delivers them after the commit.
  const outboxRows = await writeOutbox(
    trx,
    [
      ...mails.map((payload) => ({ kind: 'mail' as const, payload })),
      ...smsOut.map((payload) => ({ kind: 'sms' as const, payload })),
    ],
    { at: nowIso, reportId: id, lease: deps.outbox?.leaseForNewRows() },
  );

  const answer: StoredAnswer = { reportId: id, issues: input.warnings, notified, sms };
  const body = answerBody(envelope(row, report), answer);
  const json = stringifyWithJsonText({
    ...body,
    report: { ...body.report, report: new JsonText(reportJson) },
  });
  if (idempotencyKey) {
    const key = {
      scope: u.facilityCode,
      key: idempotencyKey,
      request_hash: requestHash,
      status_code: 201,
      response: JSON.stringify(answer),
      created_at: nowIso,
    };
    // A taken key throws ClaimTaken and drops this filing's writes. PostgreSQL: a concurrent request with this
    // key (another batch or instance) makes the claim wait for its commit, then conflict. A new patient's
    // filing wrote nothing yet — everything is held — so its key is claimed with the batch's, in one statement;
    // 追加登録 wrote its report and its patient at once, so its key is stored at once, in its savepoint.
    if (existing) await claimNow(trx, 'idempotency_keys', key, ['scope', 'key']);
    else await claimLater(trx, 'idempotency_keys', key, ['scope', 'key']);
  }
  return { status: 201, body, json, replayed: false, reportId: id, outboxRows };
}

/** The My HER-SYS invitation: only to a mobile number typed twice the same at entry. */
async function queueObservationSms(
  trx: Tx,
  deps: CreateDeps,
  report: OccurrenceReport,
  herSysId: string,
  reportId: string,
  healthCenterName: string | undefined,
  nowIso: string,
  /** Receives the SMS payload (the caller writes it to the outbox with the mails). */
  out: unknown[],
): Promise<{ queued: boolean; reason?: 'no_phone' | 'not_mobile' | 'not_confirmed' }> {
  const phone = report.patient?.phone;
  if (!phone || phone.trim() === '') return { queued: false, reason: 'no_phone' };
  const parsed = parsePhoneJP(phone);
  if (!parsed.ok || !parsed.smsCapable) return { queued: false, reason: 'not_mobile' };
  const confirmation = report.patient?.phoneConfirmation;
  if (!confirmation || parsePhoneJP(confirmation).digits !== parsed.digits)
    return { queued: false, reason: 'not_confirmed' };

  const inviteId = newRowId();
  const { token, key } = newInviteToken(inviteId);
  const expires = new Date(deps.now.getTime() + deps.config.inviteTtlDays * 86_400_000);
  await insertLater(trx, 'observation_invites', [
    {
      id: inviteId,
      token_hash: key,
      patient_id: herSysId,
      report_id: reportId,
      phone_digits: parsed.digits,
      expires_at: expires.toISOString(),
      used_at: null,
      created_at: nowIso,
    },
  ]);
  const sms = observationSms({
    to: parsed.digits,
    healthCenterName,
    link: `${deps.config.publicUrl}/my/invite/${token}`,
    expiresOn: tokyoDate(expires),
    inviteId,
  });
  out.push(sms);
  return { queued: true };
}

function expectVersion(row: ReportTable, expected: number) {
  if (row.version !== expected) {
    throw new ApiError(
      409,
      'version_conflict',
      `The report was changed by someone else (now version ${row.version}); reload it and edit again.`,
      {
        current: envelope(row),
      },
    );
  }
}

/** 編集. */
export async function updateReport(
  db: Db,
  u: CurrentUser,
  id: string,
  report: OccurrenceReport,
  expected: number,
  now: Date,
) {
  return db.transaction().execute(async (trx) => {
    const row = await mustFindReport(trx, u, id);
    if (row.status === 'deleted')
      throw new ApiError(409, 'report_deleted', 'The report is deleted; a health center can restore it.');
    expectVersion(row, expected);
    const nowIso = now.toISOString();
    const notified = report.healthCenters?.notified?.code ?? null;
    const responsible = report.healthCenters?.responsible?.code ?? row.responsible_hc ?? notified;
    const hc = await healthCenter(trx, responsible ?? undefined);
    const res = await trx
      .updateTable('reports')
      .set({
        ...reportColumns(
          report,
          JSON.stringify(report),
          notified,
          responsible,
          hc?.prefecture_code ?? row.prefecture_code,
        ),
        version: row.version + 1,
        updated_by: actorOf(u),
        updated_at: nowIso,
      })
      .where('id', '=', id)
      .where('version', '=', row.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) {
      expectVersion(
        await trx.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
        -1,
      );
    }
    const latest = await trx
      .selectFrom('patients')
      .select(['latest_report_id', 'data'])
      .where('her_sys_id', '=', row.patient_id)
      .executeTakeFirstOrThrow();
    const rec =
      latest.latest_report_id === id
        ? mergeRecord(JSON.parse(latest.data) as PatientRecord, recordFromReport(report))
        : undefined;
    await refreshPatient(trx, row.patient_id, rec, nowIso, rec !== undefined);
    await audit(trx, u, nowIso, 'report.update', 'report', id, row.version + 1, JSON.parse(row.data), report);
    return envelope(
      await trx.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    );
  });
}

/** 削除 (soft), with the report date as confirmation. */
export async function deleteReport(
  db: Db,
  u: CurrentUser,
  id: string,
  reportDate: string,
  reason: string | undefined,
  now: Date,
) {
  return db.transaction().execute(async (trx) => {
    const row = await mustFindReport(trx, u, id);
    if (row.status === 'deleted') throw new ApiError(409, 'report_deleted', 'The report is already deleted.');
    const expected = row.report_date ?? tokyoDate(new Date(row.first_reported_at));
    if (reportDate !== expected) {
      throw new ApiError(
        422,
        'confirmation_mismatch',
        'The report date does not match the report; nothing was deleted.',
      );
    }
    const nowIso = now.toISOString();
    await trx
      .updateTable('reports')
      .set({
        status: 'deleted',
        deleted_at: nowIso,
        deleted_by: actorOf(u),
        deleted_reason: reason ?? null,
        version: row.version + 1,
      })
      .where('id', '=', id)
      .execute();
    await refreshPatient(trx, row.patient_id, undefined, nowIso, false);
    await audit(
      trx,
      u,
      nowIso,
      'report.delete',
      'report',
      id,
      row.version + 1,
      { status: 'active' },
      { status: 'deleted', reason: reason ?? null },
    );
    return envelope(
      await trx.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    );
  });
}

/** Restore a deleted report (health center or prefecture). */
export async function restoreReport(db: Db, u: CurrentUser, id: string, now: Date) {
  if (u.facilityKind !== 'healthCenter' && u.facilityKind !== 'prefecture') {
    throw forbidden('Only a health center or the prefecture can restore a deleted report.');
  }
  return db.transaction().execute(async (trx) => {
    const row = await mustFindReport(trx, u, id);
    if (row.status !== 'deleted') throw new ApiError(409, 'report_not_deleted', 'The report is not deleted.');
    const nowIso = now.toISOString();
    await trx
      .updateTable('reports')
      .set({
        status: 'active',
        deleted_at: null,
        deleted_by: null,
        deleted_reason: null,
        version: row.version + 1,
        updated_at: nowIso,
        updated_by: actorOf(u),
      })
      .where('id', '=', id)
      .execute();
    await refreshPatient(trx, row.patient_id, undefined, nowIso, false);
    await audit(
      trx,
      u,
      nowIso,
      'report.restore',
      'report',
      id,
      row.version + 1,
      { status: 'deleted' },
      { status: 'active' },
    );
    return envelope(
      await trx.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    );
  });
}

/** 保健所確認済. */
export async function confirmReport(db: Db, u: CurrentUser, id: string, now: Date) {
  if (u.facilityKind !== 'healthCenter')
    throw forbidden('Only a health center can mark a report as confirmed.');
  return db.transaction().execute(async (trx) => {
    const row = await mustFindReport(trx, u, id);
    if (row.status === 'deleted') throw new ApiError(409, 'report_deleted', 'The report is deleted.');
    const nowIso = now.toISOString();
    await trx
      .updateTable('reports')
      .set({ hc_confirmed_at: nowIso, hc_confirmed_by: actorOf(u), version: row.version + 1 })
      .where('id', '=', id)
      .execute();
    await audit(trx, u, nowIso, 'report.confirm', 'report', id, row.version + 1, null, {
      confirmedAt: nowIso,
    });
    return envelope(
      await trx.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    );
  });
}

export async function getReport(db: Db, u: CurrentUser, id: string) {
  return envelope(await mustFindReport(db, u, id));
}

/** コピーして追加登録: the report without what belongs to one report (dates of this diagnosis, tests). */
export async function copyDraft(db: Db, u: CurrentUser, id: string) {
  const row = await mustFindReport(db, u, id);
  const r = JSON.parse(row.data) as OccurrenceReport;
  const draft: OccurrenceReport = structuredClone(r);
  delete draft.reportDate;
  delete draft.diagnosis;
  delete draft.confirmedWarnings;
  return { herSysId: row.patient_id, sourceReportId: row.id, draft };
}

export async function reportHistory(db: Db, u: CurrentUser, id: string) {
  await mustFindReport(db, u, id);
  const rows = await db
    .selectFrom('audit_log')
    .innerJoin('users', 'users.id', 'audit_log.user_id')
    .select([
      'audit_log.at',
      'audit_log.action',
      'audit_log.version',
      'audit_log.facility_code',
      'users.display_name',
      'users.facility_kind',
    ])
    .where('entity', '=', 'report')
    .where('entity_id', '=', id)
    // What happened to the report, not who was refused (refusals stay in the audit log).
    .where((eb) => eb.or([eb('audit_log.outcome', 'is', null), eb('audit_log.outcome', '!=', 'failure')]))
    .orderBy('at', 'asc')
    .orderBy('audit_log.version', 'asc')
    .execute();
  return {
    items: rows.map((r) => ({
      at: r.at,
      action: r.action,
      version: r.version,
      by: {
        facilityCode: r.facility_code,
        facilityName: r.facility_code,
        facilityKind: r.facility_kind,
        userName: r.display_name,
      },
    })),
  };
}
