import type { OccurrenceReport } from '../../schema/index.js';

/**
 * Where the report form keeps unfinished work, so nothing typed is lost when the tab crashes.
 * Implementations must not leave patient data in browser storage in plain text (OWASP ASVS 14.3).
 */
export interface DraftStore {
  /** The saved draft under `key`, or `undefined`. */
  load(key: string): Promise<DraftRecord | undefined>;
  /** Saves (replaces) the draft under `key`. */
  save(key: string, report: OccurrenceReport): Promise<void>;
  /** Removes the draft under `key` (after filing, or when the user discards it). */
  remove(key: string): Promise<void>;
  /** Removes every draft and the key material (at sign-out). */
  clear(): Promise<void>;
}

/** A stored draft and when it was saved. */
export interface DraftRecord {
  report: OccurrenceReport;
  /** ISO 8601 date-time of the last save. */
  savedAt: string;
}

/** A doctor registered in the doctor master (医師マスタ). */
export interface DoctorEntry {
  familyName: string;
  givenName: string;
}

/** The doctor master: doctors registered with 「医師マスタに登録する」 are offered next time. */
export interface DoctorStore {
  list(): Promise<DoctorEntry[]>;
  add(entry: DoctorEntry): Promise<void>;
  remove(entry: DoctorEntry): Promise<void>;
}

/** One hit of a host-provided facility search (health centers, institutions). */
export interface FacilityOption {
  /** Stable code in the host system. */
  code: string;
  /** Name shown to people. */
  name: string;
  /** Optional second line (address, area). */
  detail?: string;
  /** For institutions: address and phone that fill the reporter fields when picked. */
  address?: string;
  phone?: string;
}

/** A host-provided search: returns matching facilities for the typed text (may be empty). */
export type FacilitySearch = (query: string) => Promise<FacilityOption[]>;
