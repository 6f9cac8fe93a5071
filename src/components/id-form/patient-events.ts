/**
 * Events of the patient components (`<hersys-id-form>`, `<hersys-duplicate-check>`,
 * `<hersys-patient-record>`, `<hersys-patient-list>`) and the type of their `detail`. Like every SDK event
 * they bubble and are composed; they extend {@link HersysEventMap} (declaration merging), so `emit()` and
 * `addEventListener` are typed.
 */
import type { DuplicateMatch, PatientListQuery, Person, RecordSection } from '../../schema/index.js';

/** A registered person offered as a possible duplicate: the person's data and the HER-SYS ID. */
export type DuplicateCandidate = Person & { herSysId: string };

/** The host's duplicate check (debounced while typing): candidates with their score and reasons. */
export type CheckDuplicates = (person: Person) => Promise<DuplicateMatch<DuplicateCandidate>[]>;

/** `hersys-registered`: 登録 issued a HER-SYS ID and the user closed the 完了 dialog. */
export interface HersysRegisteredDetail {
  herSysId: string;
  /** The person as registered (normalized). */
  person: Person;
}

/** `hersys-link-existing`: the user chose an existing registration instead of a new one. */
export interface HersysLinkExistingDetail {
  /** The existing record's HER-SYS ID. */
  herSysId: string;
  candidate: DuplicateCandidate;
  /** What the user had typed (so the host can merge it into the existing record if it wants). */
  person: Person;
}

/** `hersys-confirm-new`: the user confirmed that the person is not any of the candidates. */
export interface HersysConfirmNewDetail {
  person: Person;
  /** The HER-SYS IDs the user was shown and rejected. */
  rejected: string[];
}

/** `hersys-section-saved`: a record section was saved (the host's `save` resolved). */
export interface HersysSectionSavedDetail {
  herSysId: string;
  section: RecordSection;
  /** The record's new version. */
  version: number;
  /** Whether the save merged a stale edit. */
  merged: boolean;
}

/** What a 発生届 tab operation asks the host to do. */
export type ReportAction = 'edit' | 'copy' | 'add' | 'delete' | 'pdf' | 'restore';

/** `hersys-report-action`: an operation of the 発生届 tab's menu (削除 only after its confirmation; 復元 of a deleted report). */
export interface HersysReportActionDetail {
  action: ReportAction;
  /** The report concerned; '' for 追加登録 when the record has no report. */
  reportId: string;
  herSysId: string;
  /** The HER-SYS ID印字 checkbox (for PDF（印刷用）). */
  printHerSysId: boolean;
}

/** `hersys-open-patient`: a name was activated in a list. */
export interface HersysOpenPatientDetail {
  herSysId: string;
}

/** `hersys-list-loaded`: a list query resolved. */
export interface HersysListLoadedDetail {
  query: PatientListQuery;
  total: number;
}

declare module '../events.js' {
  interface HersysEventMap {
    'hersys-registered': HersysRegisteredDetail;
    'hersys-link-existing': HersysLinkExistingDetail;
    'hersys-confirm-new': HersysConfirmNewDetail;
    'hersys-section-saved': HersysSectionSavedDetail;
    'hersys-report-action': HersysReportActionDetail;
    'hersys-open-patient': HersysOpenPatientDetail;
    'hersys-list-loaded': HersysListLoadedDetail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'hersys-registered': CustomEvent<HersysRegisteredDetail>;
    'hersys-link-existing': CustomEvent<HersysLinkExistingDetail>;
    'hersys-confirm-new': CustomEvent<HersysConfirmNewDetail>;
    'hersys-section-saved': CustomEvent<HersysSectionSavedDetail>;
    'hersys-report-action': CustomEvent<HersysReportActionDetail>;
    'hersys-open-patient': CustomEvent<HersysOpenPatientDetail>;
    'hersys-list-loaded': CustomEvent<HersysListLoadedDetail>;
  }
}
