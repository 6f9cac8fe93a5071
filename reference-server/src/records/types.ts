/** Tables of the patient record (see `migrations.ts`), and the database type that includes them. */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/types.js';

export interface PatientRecordTable {
  her_sys_id: string;
  version: number;
  patient_version: number;
  report_cursor: string;
  updated_at: string;
}

export interface PatientRecordSectionTable {
  her_sys_id: string;
  section: string;
  version: number;
  data: string;
  updated_at: string;
  updated_by: string | null;
}

export interface PatientMatchKeyTable {
  her_sys_id: string;
  patient_version: number;
  kana_key: string | null;
  kana_key_swapped: string | null;
  name_key: string | null;
  name_key_swapped: string | null;
  dob: string | null;
  phone_digits: string | null;
  phone2_digits: string | null;
}

export interface RecordsStateTable {
  name: string;
  value: string;
}

export interface RecordListRowTable {
  her_sys_id: string;
  kind: 'test' | 'admission' | 'observation';
  row_id: string;
  date: string | null;
  end_date: string | null;
  code1: string | null;
  code2: string | null;
  text1: string | null;
  num1: number | null;
  num2: number | null;
}

export interface RecordsDatabase extends Database {
  patient_records: PatientRecordTable;
  patient_record_sections: PatientRecordSectionTable;
  patient_match_keys: PatientMatchKeyTable;
  records_state: RecordsStateTable;
  record_list_rows: RecordListRowTable;
}

export type RDb = Kysely<RecordsDatabase>;
export type RTx = Transaction<RecordsDatabase> | RDb;
