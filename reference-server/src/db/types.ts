/**
 * The database shape, shared by SQLite and PostgreSQL. Timestamps are ISO 8601 UTC strings and dates
 * `YYYY-MM-DD` strings in both dialects (they sort correctly as text), so no driver converts time zones.
 */
import type { Kysely } from 'kysely';

export interface PrefectureTable {
  code: string;
  name: string;
  email: string;
}

export interface HealthCenterTable {
  code: string;
  name: string;
  prefecture_code: string;
  email: string;
  /** Human description of the area covered (shown as the option's detail). */
  area: string;
}

export interface InstitutionTable {
  code: string;
  name: string;
  kind: 'outpatient' | 'inpatient';
  address: string;
  phone: string;
  email: string;
  /** The 届出保健所 the institution normally reports to. */
  health_center_code: string;
}

export interface UserTable {
  id: string;
  login_id: string;
  display_name: string;
  facility_kind: 'outpatient' | 'inpatient' | 'healthCenter' | 'prefecture';
  facility_code: string;
  role: string;
  created_at: string;
}

export interface PatientTable {
  her_sys_id: string;
  version: number;
  /** The ID-management data (PatientRecord) as JSON. */
  data: string;
  family_name: string;
  given_name: string;
  /** Name without spaces, NFKC: prefix search. */
  name_norm: string;
  /** Kana normalized to full-width katakana without spaces: prefix search. */
  kana_norm: string;
  date_of_birth: string | null;
  phone_digits: string | null;
  passport_norm: string | null;
  local_id: string | null;
  infection_category: string | null;
  status: string | null;
  severity: string | null;
  residence: string | null;
  treatment_date: string | null;
  period_start: string | null;
  /** period_start ?? diagnosis_date ?? report_date ?? created date: the list's sort key (never null). */
  sort_date: string;
  /** Denormalized from the latest live report. */
  latest_report_id: string | null;
  report_date: string | null;
  diagnosis_date: string | null;
  /** Scope columns. */
  owner_facility: string;
  notified_hc: string | null;
  responsible_hc: string | null;
  prefecture_code: string | null;
  created_at: string;
  updated_at: string;
}

export interface ReportTable {
  id: string;
  patient_id: string;
  version: number;
  data: string;
  report_date: string | null;
  diagnosis_date: string | null;
  category: string | null;
  severity: string | null;
  status: 'active' | 'deleted';
  notified_hc: string | null;
  responsible_hc: string | null;
  prefecture_code: string | null;
  created_by_facility: string;
  first_reported_by: string;
  first_reported_at: string;
  updated_by: string;
  updated_at: string;
  hc_confirmed_by: string | null;
  hc_confirmed_at: string | null;
  deleted_by: string | null;
  deleted_at: string | null;
  deleted_reason: string | null;
}

export interface AuditLogTable {
  id: string;
  at: string;
  user_id: string;
  facility_code: string;
  action: string;
  entity: string;
  entity_id: string;
  version: number | null;
  old_data: string | null;
  new_data: string | null;
  /** Hash chain (src/audit/chain.ts): position, outcome, where from, the previous row's hash and this one's. */
  seq: number | null;
  outcome: string | null;
  source: string | null;
  prev_hash: string | null;
  hash: string | null;
}

/** The audit chain's head: the last sequence number and hash (one row, id 'main'). */
export interface AuditChainHeadTable {
  id: string;
  seq: number;
  hash: string;
}

export interface IdempotencyKeyTable {
  scope: string;
  key: string;
  request_hash: string;
  status_code: number | null;
  response: string | null;
  created_at: string;
}

export interface OutboxTable {
  id: string;
  kind: 'mail' | 'sms';
  report_id: string | null;
  status: 'pending' | 'sent' | 'dead';
  attempts: number;
  next_attempt_at: string;
  lease_owner: string | null;
  lease_until: string | null;
  sent_at: string | null;
  last_error: string | null;
  created_at: string;
}

/**
 * The message of an outbox row, apart from its delivery state: the worker updates a row twice per delivery
 * (lease, outcome), and with the message in the same row each update rewrote it — the outbox table was the
 * largest part of the WAL under load (bench: 4.6 of 12.3 pages per 報告).
 */
export interface OutboxPayloadTable {
  /** The outbox row's id. */
  id: string;
  /** JSON: the whole message as it will be sent (built once, from one record). */
  payload: string;
}

export interface ObservationInviteTable {
  id: string;
  /** The link token's lookup key (lib/invite-token.ts), unique; never the token. */
  token_hash: string;
  patient_id: string;
  report_id: string;
  phone_digits: string;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

export interface Database {
  prefectures: PrefectureTable;
  health_centers: HealthCenterTable;
  institutions: InstitutionTable;
  users: UserTable;
  patients: PatientTable;
  reports: ReportTable;
  audit_log: AuditLogTable;
  audit_chain_head: AuditChainHeadTable;
  idempotency_keys: IdempotencyKeyTable;
  outbox: OutboxTable;
  outbox_payloads: OutboxPayloadTable;
  observation_invites: ObservationInviteTable;
}

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;

/** An open database: the Kysely instance, which dialect it speaks, and how to close it. */
export interface DbHandle {
  db: Db;
  dialect: Dialect;
  close(): Promise<void>;
}
