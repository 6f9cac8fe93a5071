/**
 * The patient record (閲覧・編集): the person and the data of every tab, with a version per section.
 *
 * Where each part lives (one source of truth per field):
 * - ID管理 (`identity`) and the 措置判定記録 (`measures`: 感染区分, 現在のステータス, 処置日) live in the
 *   patient row of the core server (`patients.data`, which `PATCH /api/patients/:id` and a filed report
 *   also write). The record keeps a mirror of them in its section rows, plus what the core row has no
 *   place for (電話番号2, 緊急連絡先, 自由記述欄, 非公開 flags, My HER-SYS健康調査).
 * - 基礎情報, 検査, 居所, 行動歴, 健康観察, 医療 and 記録 (notes) live in `patient_record_sections`.
 *
 * Versions: `patient_records.version` counts the record's revisions; each section row carries the revision
 * at which it last changed. A save sent with version V (the record revision the editor loaded, or the
 * section's own version) is stale only when THAT section changed after V: two people editing different
 * tabs never conflict, two editing the same tab do (409 with the current record).
 *
 * Changes made outside the record (PATCH of the patient, a filed or edited report: 自動反映) are picked up
 * when the record is next read or written (`sync`): the mirror is compared with the core row, and the
 * reports filed since the last sync are applied to 基礎情報 (職業); each such change is a new revision.
 */
import {
  PREFECTURES,
  RECORD_SECTIONS,
  ageAtDiagnosis,
  applyReportToRecord,
  cloneJson,
  diffSection,
  personDisplayName,
  sameValue,
  type BasicInfo,
  type Measures,
  type Note,
  type OccurrenceReport,
  type PatientRecord as SchemaRecord,
  type Person,
  type RecordReport,
  type RecordSection,
  type RecordSectionData,
} from 'hersys-sdk/schema';
import type { CurrentUser } from '../auth.js';
import type { PatientTable } from '../db/types.js';
import type { PatientRecord as FlatRecord } from '../api-schemas.js';
import { ApiError, forbidden, notFound } from '../lib/errors.js';
import { tokyoDate } from '../lib/time.js';
import { audit, parseActor, patientScope, reportScope, type Tx } from '../services/common.js';
import { refreshPatient } from '../services/patients.js';
import { upsertMatchKeys } from './match-keys.js';
import { rewriteListRows } from './list-rows.js';
import type { RDb, RTx } from './types.js';

export type Section = RecordSection;
export const SECTIONS: readonly Section[] = RECORD_SECTIONS;

/** Identity fields the core patient row has no place for. */
const IDENTITY_EXTRAS = [
  'phone2',
  'emergencyContact',
  'freeText',
  'dateOfBirthPrivate',
  'sexPrivate',
] as const;

/** Section → audit label (the tab names of the manual). */
export const SECTION_LABELS: Record<Section, string> = {
  identity: 'ID管理',
  basicInfo: '基礎情報',
  tests: '検査',
  residences: '居所',
  activities: '行動歴',
  healthObservation: '健康観察',
  medical: '医療',
  measures: '措置判定記録',
  notes: '記録',
};

const EMPTY: RecordSectionData = {
  identity: {},
  basicInfo: {},
  tests: [],
  residences: [],
  activities: [],
  healthObservation: {},
  medical: {},
  measures: {},
  notes: [],
};

function compact<T extends object>(o: T): T {
  return Object.fromEntries(
    Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== ''),
  ) as T;
}

/** The core row's flat record → the record's person (with the extras kept by the record). */
export function personFromFlat(flat: FlatRecord, extras: Partial<Person>, hcName?: string): Person {
  const f = flat as FlatRecord & Record<string, unknown>;
  const nationality =
    typeof f.nationality === 'string' && /^[A-Z]{2}$/.test(f.nationality) ? f.nationality : undefined;
  const sex = f.sex ?? (extras.sex === 'unknown' ? 'unknown' : undefined);
  return compact<Person>({
    familyNameKana: f.familyNameKana,
    givenNameKana: f.givenNameKana,
    familyName: f.familyName,
    givenName: f.givenName,
    dateOfBirth: f.dateOfBirth,
    dateOfBirthPrivate: extras.dateOfBirthPrivate,
    sex,
    sexPrivate: extras.sexPrivate,
    nationality,
    postalCode: f.postalCode,
    prefectureCode: f.prefectureCode,
    city: f.city,
    street: f.street,
    phone: f.phone,
    phone2: extras.phone2,
    passportNumber: f.passportNumber,
    localId: f.localId,
    responsibleHealthCenter: f.responsibleHealthCenterCode
      ? { code: f.responsibleHealthCenterCode, name: hcName ?? f.responsibleHealthCenterCode }
      : undefined,
    emergencyContact:
      extras.emergencyContact && Object.keys(extras.emergencyContact).length
        ? extras.emergencyContact
        : undefined,
    freeText: extras.freeText,
  });
}

/** The record's person written into the core row's flat record (its other fields kept). */
export function flatWithPerson(flat: FlatRecord, p: Person): FlatRecord {
  const next: Record<string, unknown> = { ...flat };
  const set = (key: string, v: unknown) => {
    if (v === undefined || v === '') delete next[key];
    else next[key] = v;
  };
  set('familyNameKana', p.familyNameKana);
  set('givenNameKana', p.givenNameKana);
  set('familyName', p.familyName);
  set('givenName', p.givenName);
  set('dateOfBirth', p.dateOfBirth);
  set('sex', p.sex === 'unknown' ? undefined : p.sex);
  // A nationality the core row holds as text (not an ISO code) is kept unless the person sets one.
  if (p.nationality) next.nationality = p.nationality;
  else if (typeof flat.nationality === 'string' && /^[A-Z]{2}$/.test(flat.nationality))
    delete next.nationality;
  set('postalCode', p.postalCode?.normalize('NFKC').replace(/[-\s]/g, ''));
  set('prefectureCode', p.prefectureCode);
  set('city', p.city);
  set('street', p.street);
  set('phone', p.phone);
  set('passportNumber', p.passportNumber);
  set('localId', p.localId);
  set('responsibleHealthCenterCode', p.responsibleHealthCenter?.code);
  return next as FlatRecord;
}

function measuresFromFlat(flat: FlatRecord, myHerSys: boolean | undefined): Measures {
  return compact<Measures>({
    infectionClass: flat.infectionCategory,
    status: flat.status as Measures['status'],
    treatmentDate: flat.treatmentDate,
    myHerSys,
  });
}

function flatWithMeasures(flat: FlatRecord, m: Measures): FlatRecord {
  const next: Record<string, unknown> = { ...flat };
  const set = (key: string, v: unknown) => {
    if (v === undefined || v === '') delete next[key];
    else next[key] = v;
  };
  set('infectionCategory', m.infectionClass);
  set('status', m.status);
  set('treatmentDate', m.treatmentDate);
  return next as FlatRecord;
}

/** 居所 → the core row's 居所 columns (the list's filter): the stay going on today, else the latest. */
function flatWithResidence(
  flat: FlatRecord,
  rows: RecordSectionData['residences'],
  today: string,
): FlatRecord {
  const next: Record<string, unknown> = { ...flat };
  const started = rows.filter((r) => r.startDate && r.startDate <= today && r.type);
  const current =
    started
      .filter((r) => !r.endDate || r.endDate >= today)
      .sort((a, b) => (a.startDate! < b.startDate! ? 1 : -1))[0] ??
    started.sort((a, b) => ((a.endDate ?? '') < (b.endDate ?? '') ? 1 : -1))[0];
  if (!current) {
    delete next.residence;
    delete next.residenceName;
    return next as FlatRecord;
  }
  next.residence = current.type === 'welfareFacility' ? 'facility' : current.type;
  if (current.placeName) next.residenceName = current.placeName;
  else delete next.residenceName;
  return next as FlatRecord;
}

interface SectionRow {
  version: number;
  data: unknown;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface RecordState {
  patient: PatientTable;
  version: number;
  sections: Record<Section, SectionRow>;
}

async function hcNameOf(trx: RTx, code: string | undefined): Promise<string | undefined> {
  if (!code) return undefined;
  const r = await trx.selectFrom('health_centers').select('name').where('code', '=', code).executeTakeFirst();
  return r?.name;
}

function actorText(u: CurrentUser): string {
  return `${u.facilityName} ${u.displayName}`.trim();
}

/** The patient, scoped as the reports are; 404 otherwise (another clinic's patient is not revealed). */
export async function findScopedPatient(trx: RTx, u: CurrentUser, herSysId: string): Promise<PatientTable> {
  if (!/^\d{8}$/.test(herSysId)) throw notFound('The patient');
  const row = await trx
    .selectFrom('patients')
    .selectAll()
    .where('her_sys_id', '=', herSysId)
    .where(patientScope(u) as never)
    .executeTakeFirst();
  if (!row) throw notFound('The patient');
  return row as PatientTable;
}

/**
 * Loads the record's state, first bringing the mirrored sections and the report-derived fields up to date
 * (a new revision when anything changed). On PostgreSQL the record's row is locked for the transaction, so
 * a read that brings the record up to date and a save never interleave (the version never goes back).
 */
export async function syncRecord(
  trx: RTx,
  patient: PatientTable,
  now: string,
  dialect: 'sqlite' | 'postgres',
): Promise<RecordState> {
  const id = patient.her_sys_id;
  await trx
    .insertInto('patient_records')
    .values({ her_sys_id: id, version: 1, patient_version: -1, report_cursor: '', updated_at: now })
    .onConflict((oc) => oc.column('her_sys_id').doNothing())
    .execute();
  let q = trx.selectFrom('patient_records').selectAll().where('her_sys_id', '=', id);
  if (dialect === 'postgres') q = q.forUpdate();
  const rec = await q.executeTakeFirstOrThrow();
  // Re-read the patient under the lock (a report may have changed it since the caller read it).
  const p = (await trx
    .selectFrom('patients')
    .selectAll()
    .where('her_sys_id', '=', id)
    .executeTakeFirstOrThrow()) as PatientTable;

  const rows = await trx
    .selectFrom('patient_record_sections')
    .selectAll()
    .where('her_sys_id', '=', id)
    .execute();
  const sections = {} as Record<Section, SectionRow>;
  for (const s of SECTIONS)
    sections[s] = { version: 0, data: cloneJson(EMPTY[s]), updatedAt: null, updatedBy: null };
  for (const r of rows) {
    if ((SECTIONS as readonly string[]).includes(r.section)) {
      sections[r.section as Section] = {
        version: r.version,
        data: JSON.parse(r.data) as unknown,
        updatedAt: r.updated_at,
        updatedBy: r.updated_by,
      };
    }
  }

  const changed = new Set<Section>();
  const derived: Partial<Record<Section, unknown>> = {};
  const flat = JSON.parse(p.data) as FlatRecord;
  if (p.version !== rec.patient_version) {
    const oldPerson = sections.identity.data as Person;
    const extras: Partial<Person> = {};
    for (const k of IDENTITY_EXTRAS)
      if (oldPerson[k] !== undefined) (extras as Record<string, unknown>)[k] = oldPerson[k];
    if (oldPerson.sex === 'unknown') extras.sex = 'unknown';
    const hc = flat.responsibleHealthCenterCode;
    const person = personFromFlat(
      flat,
      extras,
      hc === oldPerson.responsibleHealthCenter?.code
        ? oldPerson.responsibleHealthCenter?.name
        : await hcNameOf(trx, hc),
    );
    if (!sameValue(person, oldPerson)) derived.identity = person;
    const measures = measuresFromFlat(flat, (sections.measures.data as Measures).myHerSys);
    if (!sameValue(measures, sections.measures.data)) derived.measures = measures;
  }
  // 自動反映: reports filed or edited since the last sync update 基礎情報 (職業); the person fields are
  // already in the core row.
  const reports = await trx
    .selectFrom('reports')
    .select(['id', 'data', 'updated_at'])
    .where('patient_id', '=', id)
    .where('status', '=', 'active')
    .execute();
  const pending = reports
    .map((r) => ({ ...r, key: `${r.updated_at}|${r.id}` }))
    .filter((r) => r.key > rec.report_cursor)
    .sort((a, b) => (a.key < b.key ? -1 : 1));
  let cursor = rec.report_cursor;
  if (pending.length) {
    let basic = cloneJson(sections.basicInfo.data as BasicInfo);
    for (const r of pending) {
      const applied = applyReportToRecord(
        { person: (derived.identity ?? sections.identity.data) as Person, basicInfo: basic },
        JSON.parse(r.data) as OccurrenceReport,
      );
      basic = applied.basicInfo ?? basic;
      cursor = r.key;
    }
    if (!sameValue(basic, sections.basicInfo.data)) derived.basicInfo = basic;
  }
  for (const k of Object.keys(derived) as Section[]) changed.add(k);

  let version = rec.version;
  const first = rec.patient_version === -1;
  if (changed.size) {
    // The first sync fills the mirror: that is the record's first revision, not a change.
    if (!first) version += 1;
    for (const s of changed) {
      const data = derived[s];
      await trx
        .insertInto('patient_record_sections')
        .values({
          her_sys_id: id,
          section: s,
          version,
          data: JSON.stringify(data),
          updated_at: now,
          updated_by: null,
        })
        .onConflict((oc) =>
          oc
            .columns(['her_sys_id', 'section'])
            .doUpdateSet({ version, data: JSON.stringify(data), updated_at: now }),
        )
        .execute();
      sections[s] = { version, data, updatedAt: now, updatedBy: sections[s].updatedBy };
    }
  }
  if (changed.size || p.version !== rec.patient_version || cursor !== rec.report_cursor) {
    await trx
      .updateTable('patient_records')
      .set({
        version,
        patient_version: p.version,
        report_cursor: cursor,
        updated_at: changed.size ? now : rec.updated_at,
      })
      .where('her_sys_id', '=', id)
      .execute();
  }
  return { patient: p, version, sections };
}

/** The record as `<hersys-patient-record>` takes it (schema `PatientRecord`), with the header and the versions. */
export async function recordView(trx: RTx, u: CurrentUser, state: RecordState, now: Date) {
  const { patient: p, sections } = state;
  const s = <K extends Section>(k: K) => cloneJson(sections[k].data) as RecordSectionData[K];
  const measures = s('measures');
  let person = s('identity');
  // 非公開: the birth date and sex are withheld from viewers outside the registering facility.
  const own = p.owner_facility === u.facilityCode;
  if (!own) {
    if (person.dateOfBirthPrivate) person = { ...person, dateOfBirth: undefined };
    if (person.sexPrivate) person = { ...person, sex: undefined };
    person = compact(person);
  }
  const reportRows = await trx
    .selectFrom('reports')
    .selectAll()
    .where('patient_id', '=', p.her_sys_id)
    .where(reportScope(u) as never)
    .orderBy('first_reported_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const reports: (RecordReport & { version: number; status: string; herSysId: string })[] = reportRows.map(
    (r) => {
      const first = parseActor(r.first_reported_by);
      const last = parseActor(r.updated_by);
      return compact({
        id: r.id,
        herSysId: r.patient_id,
        version: r.version,
        status: r.status,
        report: JSON.parse(r.data) as OccurrenceReport,
        firstReportedBy: first?.facilityName,
        firstReportedAt: tokyoDate(new Date(r.first_reported_at)),
        lastUpdatedBy: last?.facilityName,
        lastUpdatedAt: tokyoDate(new Date(r.updated_at)),
        healthCenterConfirmedAt: r.hc_confirmed_at ? tokyoDate(new Date(r.hc_confirmed_at)) : undefined,
        deleted: r.status === 'deleted' ? true : undefined,
      });
    },
  );
  const audit = await auditTrail(trx, u, p.her_sys_id, 1000);
  const record: SchemaRecord = compact({
    herSysId: p.her_sys_id,
    version: state.version,
    person,
    status: measures.status,
    infectionClass: measures.infectionClass,
    myHerSys: measures.myHerSys,
    treatmentDate: measures.treatmentDate,
    basicInfo: s('basicInfo'),
    tests: s('tests'),
    residences: s('residences'),
    activities: s('activities'),
    healthObservation: s('healthObservation'),
    medical: s('medical'),
    notes: s('notes'),
    reports: reports.map(({ version: _v, status: _s, herSysId: _h, ...r }) => r),
    audit: audit.map(({ changes: _c, ...a }) => a),
  });
  const today = tokyoDate(now);
  const age = person.dateOfBirth ? ageAtDiagnosis(person.dateOfBirth, today) : undefined;
  const prefecture = PREFECTURES.find((x) => x.code === person.prefectureCode)?.ja;
  const header = {
    herSysId: p.her_sys_id,
    name: personDisplayName(person),
    kana: [person.familyNameKana, person.givenNameKana].filter(Boolean).join(' '),
    sex: person.sex ?? null,
    sexPrivate: !!s('identity').sexPrivate,
    dateOfBirth: person.dateOfBirth ?? null,
    age: age ? age.years : null,
    ageMonths: age && age.years === 0 ? age.months : null,
    address: [prefecture, person.city, person.street].filter(Boolean).join('') || null,
    status: measures.status ?? null,
    infectionClass: measures.infectionClass ?? null,
    myHerSys: measures.myHerSys ?? false,
  };
  const versions = Object.fromEntries(
    SECTIONS.map((k) => [
      k,
      { version: sections[k].version, updatedAt: sections[k].updatedAt, updatedBy: sections[k].updatedBy },
    ]),
  ) as Record<Section, { version: number; updatedAt: string | null; updatedBy: string | null }>;
  return {
    record,
    header,
    sections: versions,
    reports: reports.map((r) => ({
      id: r.id,
      version: r.version,
      status: r.status,
      reportDate: r.report.reportDate ?? null,
      firstReported: { at: r.firstReportedAt, by: r.firstReportedBy ?? null },
      lastUpdated: { at: r.lastUpdatedAt, by: r.lastUpdatedBy ?? null },
      healthCenterConfirmed: r.healthCenterConfirmedAt ?? null,
    })),
  };
}
export type RecordView = Awaited<ReturnType<typeof recordView>>;

export async function getRecord(
  db: RDb,
  u: CurrentUser,
  herSysId: string,
  now: Date,
  dialect: 'sqlite' | 'postgres',
) {
  return db.transaction().execute(async (trx) => {
    const patient = await findScopedPatient(trx, u, herSysId);
    const state = await syncRecord(trx, patient, now.toISOString(), dialect);
    return recordView(trx, u, state, now);
  });
}

/** Notes: a new note gets the time and the author from the server; an existing note keeps its own. */
function stampNotes(notes: Note[], old: Note[], u: CurrentUser, now: string): Note[] {
  const before = new Map(old.map((n) => [n.id, n]));
  return notes.map((n) => {
    const prev = before.get(n.id);
    if (prev) return compact({ ...n, at: prev.at, author: prev.author });
    return compact({ ...n, at: now, author: actorText(u) });
  });
}

/** Field-level changes for the audit log: `{ path: value }` before and after. */
export function fieldChanges(
  oldData: unknown,
  newData: unknown,
): { old: Record<string, unknown>; new: Record<string, unknown> } {
  const out = { old: {} as Record<string, unknown>, new: {} as Record<string, unknown> };
  for (const d of diffSection(oldData, newData, oldData)) {
    const path = d.path || '$';
    out.old[path] = d.theirs ?? null;
    out.new[path] = d.mine ?? null;
  }
  return out;
}

export interface SaveOptions {
  dialect: 'sqlite' | 'postgres';
  now: Date;
}

/**
 * Saves one section. `expected` is the version the editor started from; stale when the section changed
 * after it (409 with the current record). A save that changes nothing is not a new revision.
 */
export async function saveSection(
  db: RDb,
  u: CurrentUser,
  herSysId: string,
  section: Section,
  input: unknown,
  expected: number,
  o: SaveOptions,
) {
  if (u.facilityKind === 'prefecture') {
    throw forbidden('The prefecture can view records; the health center or the institution edits them.');
  }
  return db.transaction().execute(async (trx) => {
    const nowIso = o.now.toISOString();
    const patient = await findScopedPatient(trx, u, herSysId);
    const state = await syncRecord(trx, patient, nowIso, o.dialect);
    const current = state.sections[section];
    let data = input as RecordSectionData[Section];
    if (section === 'notes') data = stampNotes(data as Note[], current.data as Note[], u, nowIso);
    if (
      section === 'identity' &&
      (current.data as Person).responsibleHealthCenter?.code ===
        (data as Person).responsibleHealthCenter?.code
    ) {
      // The health center's name is the server's (a client cannot rename it).
      const rhc = (current.data as Person).responsibleHealthCenter;
      if (rhc) data = { ...(data as Person), responsibleHealthCenter: rhc };
    } else if (section === 'identity' && (data as Person).responsibleHealthCenter) {
      const code = (data as Person).responsibleHealthCenter!.code;
      const name = await hcNameOf(trx, code);
      if (!name) {
        throw new ApiError(400, 'validation_failed', 'The 担当保健所 is unknown.', {
          issues: [
            { path: 'data.responsibleHealthCenter.code', code: 'unknownHealthCenter', severity: 'error' },
          ],
        });
      }
      data = { ...(data as Person), responsibleHealthCenter: { code, name } };
    }
    if (section === 'identity' && state.patient.owner_facility !== u.facilityCode) {
      // A 非公開 birth date or sex was not shown to this user: an edit without it keeps it.
      const cur = current.data as Person;
      const next = { ...(data as Person) };
      if (cur.dateOfBirthPrivate && next.dateOfBirth === undefined && cur.dateOfBirth)
        next.dateOfBirth = cur.dateOfBirth;
      if (cur.sexPrivate && next.sex === undefined && cur.sex) next.sex = cur.sex;
      data = next;
    }
    // What is stored already (e.g. a retry of a save that succeeded): nothing to do, whatever the version.
    if (sameValue(data, current.data)) {
      return { view: await recordView(trx, u, state, o.now), changed: false };
    }
    if (current.version > expected || expected > state.version) {
      throw new ApiError(
        409,
        'version_conflict',
        `${SECTION_LABELS[section]} was changed by someone else (record version ${state.version}); ` +
          'compare with the current record and save again.',
        {
          current: (await recordView(trx, u, state, o.now)).record,
          section,
          sectionVersion: current.version,
        },
      );
    }
    const version = state.version + 1;
    const updatedBy = actorText(u);
    await trx
      .insertInto('patient_record_sections')
      .values({
        her_sys_id: herSysId,
        section,
        version,
        data: JSON.stringify(data),
        updated_at: nowIso,
        updated_by: updatedBy,
      })
      .onConflict((oc) =>
        oc
          .columns(['her_sys_id', 'section'])
          .doUpdateSet({ version, data: JSON.stringify(data), updated_at: nowIso, updated_by: updatedBy }),
      )
      .execute();
    state.sections[section] = { version, data, updatedAt: nowIso, updatedBy };
    state.version = version;

    // Sections that the core patient row also holds (and the list filters on) are written through.
    let flat = JSON.parse(state.patient.data) as FlatRecord;
    const before = flat;
    if (section === 'identity') flat = flatWithPerson(flat, data as Person);
    if (section === 'measures') flat = flatWithMeasures(flat, data as Measures);
    if (section === 'residences')
      flat = flatWithResidence(flat, data as RecordSectionData['residences'], tokyoDate(o.now));
    let patientVersion = state.patient.version;
    if (!sameValue(flat, before)) {
      await refreshPatient(trx as unknown as Tx, herSysId, flat, nowIso, true);
      patientVersion += 1;
    }
    await trx
      .updateTable('patient_records')
      .set({ version, patient_version: patientVersion, updated_at: nowIso })
      .where('her_sys_id', '=', herSysId)
      .execute();
    const patient2 = (await trx
      .selectFrom('patients')
      .selectAll()
      .where('her_sys_id', '=', herSysId)
      .executeTakeFirstOrThrow()) as PatientTable;
    state.patient = patient2;
    if (section === 'identity') await upsertMatchKeys(trx, patient2);
    if (section === 'tests' || section === 'medical' || section === 'healthObservation') {
      await rewriteListRows(trx, herSysId, section, data);
    }

    // Through the core audit helper, so the record's entries go wherever (and however) the server audits.
    const changes = fieldChanges(current.data, data);
    await audit(
      trx as unknown as Tx,
      u,
      nowIso,
      `record.${section}.update`,
      'patient',
      herSysId,
      version,
      changes.old,
      changes.new,
    );
    return { view: await recordView(trx, u, state, o.now), changed: true };
  });
}

const ACTION_LABELS: Record<string, string> = {
  'patient.create': '登録',
  'patient.update': 'ID管理 更新',
  'report.create': '発生届 報告',
  'report.update': '発生届 編集',
  'report.delete': '発生届 削除',
  'report.restore': '発生届 復元',
  'report.confirm': '保健所確認済',
};

/**
 * 記録: the person's audit trail, newest first: the patient's own entries (登録, ID管理, every section
 * save with its changed fields) and those of the reports the user may see.
 */
export async function auditTrail(
  trx: RTx,
  u: CurrentUser,
  herSysId: string,
  limit: number,
  options: { reads?: boolean } = {},
) {
  const reportIds = (
    await trx
      .selectFrom('reports')
      .select('id')
      .where('patient_id', '=', herSysId)
      .where(reportScope(u) as never)
      .execute()
  ).map((r) => r.id);
  const rows = await trx
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.user_id')
    .select([
      'audit_log.id',
      'audit_log.at',
      'audit_log.action',
      'audit_log.entity',
      'audit_log.entity_id',
      'audit_log.version',
      'audit_log.old_data',
      'audit_log.new_data',
      'audit_log.facility_code',
      'users.display_name',
    ])
    .where((eb) =>
      eb.or([
        eb.and([eb('audit_log.entity', '=', 'patient'), eb('audit_log.entity_id', '=', herSysId)]),
        ...(reportIds.length
          ? [eb.and([eb('audit_log.entity', '=', 'report'), eb('audit_log.entity_id', 'in', reportIds)])]
          : []),
      ]),
    )
    // Who only looked (read and search entries, when the server logs them) is left out unless asked for.
    .$if(!options.reads, (q) =>
      q.where('audit_log.action', 'not like', '%.read%').where('audit_log.action', 'not like', '%.search%'),
    )
    .orderBy('audit_log.at', 'desc')
    .orderBy('audit_log.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => {
    const m = /^record\.(\w+)\.update$/.exec(r.action);
    const section = m?.[1] as Section | undefined;
    const changes =
      section && r.old_data && r.new_data
        ? Object.keys(JSON.parse(r.new_data) as object).map((path) => ({
            path,
            old: (JSON.parse(r.old_data!) as Record<string, unknown>)[path] ?? null,
            new: (JSON.parse(r.new_data!) as Record<string, unknown>)[path] ?? null,
          }))
        : undefined;
    const label = section
      ? `${SECTION_LABELS[section] ?? section} 更新`
      : (ACTION_LABELS[r.action] ?? r.action);
    return compact({
      at: r.at,
      actor: r.display_name ?? r.facility_code,
      action: section ? 'update' : (r.action.split('.')[1] ?? r.action),
      target: section ?? (r.entity === 'report' ? `report:${r.entity_id}` : 'patient'),
      version: r.version ?? undefined,
      summary: changes ? `${label}: ${changes.map((c) => c.path).join(', ')}`.slice(0, 200) : label,
      changes,
    });
  });
}
