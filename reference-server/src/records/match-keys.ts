/**
 * Duplicate people: the normalized keys of every person (`duplicateKeys` of hersys-sdk/schema) in
 * `patient_match_keys`, one index per key, and the check that looks a typed person up by them.
 *
 * How the keys stay current. The core patient service has no change hook (no event or callback), and this
 * module may not edit it, so:
 * - the record's own writes (ID管理 saved through `PUT …/record/identity`) upsert the keys in the same
 *   transaction;
 * - everything else (登録 via `POST /api/patients`, `PATCH`, a filed report's 自動反映) is caught by
 *   `refreshMatchKeys()`: it walks the patients whose `updated_at` is at or after its last run (index
 *   `patients_updated_at_records`), minus a 5-second window for transactions that committed late or a
 *   clock a little behind, and recomputes the keys of those whose `version` differs from the one the keys
 *   were computed from. The duplicate check calls it first (lazy; a few rows when nothing changed), and a
 *   host can also call it on a timer. A database filled before this table existed is backfilled by the
 *   first run, in batches.
 *
 * Why these lookups suffice: a candidate is shown from a score of 50 (DUPLICATE_THRESHOLD). The date of
 * birth alone scores 30, so every candidate that can reach 50 shares a kana key, a name key (each also
 * swapped) or a phone with the typed person; the date of birth only adds to the score and is not looked
 * up on its own.
 */
import {
  DUPLICATE_THRESHOLD,
  duplicateKeys,
  scoreKeys,
  type DuplicateMatch,
  type DuplicateReason,
  type MatchablePerson,
  type Person,
} from 'hersys-sdk/schema';
import { sql } from 'kysely';
import type { CurrentUser } from '../auth.js';
import type { PatientTable } from '../db/types.js';
import type { PatientRecord as FlatRecord } from '../api-schemas.js';
import { patientScope } from '../services/common.js';
import type { PatientMatchKeyTable, RDb, RTx } from './types.js';

const CURSOR = 'match_keys_cursor';
/** Changes committed up to this long after their `updated_at` timestamp are still seen. */
const LATE_COMMIT_MS = 5_000;
const BATCH = 2_000;
/** At most this many key matches are read, and of those in scope this many scored (a very common name typed
 * without a birth date or phone; real names share a key with far fewer people). */
const MAX_KEY_ROWS = 5_000;
const MAX_SCORED = 500;

const orNull = (s: string) => (s === '' || s.length < 2 ? null : s);

/** The person the matcher compares, from the core row's data and the record's identity (電話番号2). */
export function matchablePerson(flat: FlatRecord, identity?: Partial<Person>): MatchablePerson {
  return {
    familyName: flat.familyName,
    givenName: flat.givenName,
    familyNameKana: flat.familyNameKana,
    givenNameKana: flat.givenNameKana,
    dateOfBirth: flat.dateOfBirth,
    phone: flat.phone,
    phone2: identity?.phone2,
  };
}

/** The stored key columns of a person. */
export function matchKeyColumns(
  person: MatchablePerson,
): Omit<PatientMatchKeyTable, 'her_sys_id' | 'patient_version'> {
  const k = duplicateKeys(person);
  return {
    kana_key: orNull(k.kana),
    kana_key_swapped: k.familyKana && k.givenKana ? orNull(k.givenKana + k.familyKana) : null,
    name_key: orNull(k.name),
    name_key_swapped: k.familyName && k.givenName ? orNull(k.givenName + k.familyName) : null,
    dob: k.dob || null,
    phone_digits: k.phones[0] ?? null,
    phone2_digits: k.phones[1] ?? null,
  };
}

async function identityOf(trx: RTx, herSysId: string): Promise<Partial<Person> | undefined> {
  const r = await trx
    .selectFrom('patient_record_sections')
    .select('data')
    .where('her_sys_id', '=', herSysId)
    .where('section', '=', 'identity')
    .executeTakeFirst();
  return r ? (JSON.parse(r.data) as Person) : undefined;
}

/** Writes the keys of one patient (after the record saved its identity). */
export async function upsertMatchKeys(
  trx: RTx,
  patient: PatientTable,
  identity?: Partial<Person>,
): Promise<void> {
  const person = matchablePerson(
    JSON.parse(patient.data) as FlatRecord,
    identity ?? (await identityOf(trx, patient.her_sys_id)),
  );
  const cols = { patient_version: patient.version, ...matchKeyColumns(person) };
  await trx
    .insertInto('patient_match_keys')
    .values({ her_sys_id: patient.her_sys_id, ...cols })
    .onConflict((oc) => oc.column('her_sys_id').doUpdateSet(cols))
    .execute();
}

/**
 * Brings the keys up to date with the patients changed since the last run (see the module comment).
 * Returns how many people's keys were (re)written.
 */
export async function refreshMatchKeys(db: RDb): Promise<number> {
  const state = await db
    .selectFrom('records_state')
    .select('value')
    .where('name', '=', CURSOR)
    .executeTakeFirst();
  const newest = await db
    .selectFrom('patients')
    .select((eb) => eb.fn.max('updated_at').as('at'))
    .executeTakeFirst();
  const maxAt = (newest?.at as string | null | undefined) ?? '';
  let fromAt = state ? new Date(new Date(state.value).getTime() - LATE_COMMIT_MS).toISOString() : '';
  let fromId = '';
  let written = 0;
  for (;;) {
    // Only the people whose keys are missing or older than the row come back (the window's other rows are
    // index entries passed over).
    const rows = await db
      .selectFrom('patients as p')
      .leftJoin('patient_match_keys as k', 'k.her_sys_id', 'p.her_sys_id')
      .leftJoin('patient_record_sections as s', (j) =>
        j.onRef('s.her_sys_id', '=', 'p.her_sys_id').on('s.section', '=', 'identity'),
      )
      .select(['p.her_sys_id', 'p.version', 'p.data', 'p.updated_at', 's.data as identity'])
      .where(sql<boolean>`(p.updated_at, p.her_sys_id) > (${fromAt}, ${fromId})`)
      .where((eb) =>
        eb.or([eb('k.patient_version', 'is', null), eb('k.patient_version', '<>', eb.ref('p.version'))]),
      )
      .orderBy('p.updated_at')
      .orderBy('p.her_sys_id')
      .limit(BATCH)
      .execute();
    if (rows.length) {
      await db
        .insertInto('patient_match_keys')
        .values(
          rows.map((r) => ({
            her_sys_id: r.her_sys_id,
            patient_version: r.version,
            ...matchKeyColumns(
              matchablePerson(
                JSON.parse(r.data) as FlatRecord,
                r.identity ? (JSON.parse(r.identity) as Person) : undefined,
              ),
            ),
          })),
        )
        .onConflict((oc) =>
          oc.column('her_sys_id').doUpdateSet((eb) => ({
            patient_version: eb.ref('excluded.patient_version'),
            kana_key: eb.ref('excluded.kana_key'),
            kana_key_swapped: eb.ref('excluded.kana_key_swapped'),
            name_key: eb.ref('excluded.name_key'),
            name_key_swapped: eb.ref('excluded.name_key_swapped'),
            dob: eb.ref('excluded.dob'),
            phone_digits: eb.ref('excluded.phone_digits'),
            phone2_digits: eb.ref('excluded.phone2_digits'),
          })),
        )
        .execute();
      written += rows.length;
      const last = rows[rows.length - 1]!;
      fromAt = last.updated_at;
      fromId = last.her_sys_id;
    }
    if (rows.length < BATCH) break;
  }
  if (maxAt && maxAt !== state?.value) {
    await db
      .insertInto('records_state')
      .values({ name: CURSOR, value: maxAt })
      .onConflict((oc) => oc.column('name').doUpdateSet({ value: maxAt }))
      .execute();
  }
  return written;
}

export type DuplicateCandidate = Person & { herSysId: string };

export interface DuplicateOptions {
  /** The person's own record (when editing an existing person). */
  excludeHerSysId?: string;
  limit?: number;
  threshold?: number;
  /** Skip the lazy key refresh (the bench measures the lookup alone when nothing changed). */
  skipRefresh?: boolean;
}

/**
 * The people the user may see who may be `person`, best first, with score and reasons. Only people in the
 * user's scope are looked at, so a clinic learns nothing about other clinics' patients.
 */
export async function findDuplicates(
  db: RDb,
  u: CurrentUser,
  person: MatchablePerson,
  o: DuplicateOptions = {},
): Promise<DuplicateMatch<DuplicateCandidate>[]> {
  if (!o.skipRefresh) await refreshMatchKeys(db);
  const keys = duplicateKeys(person);
  const kana = [
    ...new Set(
      [keys.kana, keys.familyKana && keys.givenKana ? keys.givenKana + keys.familyKana : ''].filter(
        (v) => v.length >= 2,
      ),
    ),
  ];
  const names = [
    ...new Set(
      [keys.name, keys.familyName && keys.givenName ? keys.givenName + keys.familyName : ''].filter(
        (v) => v.length >= 2,
      ),
    ),
  ];
  const phones = [...keys.phones];
  if (!kana.length && !names.length && !phones.length) return [];
  // Step 1: one plain indexed lookup per key (a plan no planner statistics can spoil: a column that is mostly
  // NULL, such as 電話番号2, would otherwise look unselective), at most MAX_KEY_ROWS rows each.
  const threshold = o.threshold ?? DUPLICATE_THRESHOLD;
  const lookups: ['kana_key' | 'name_key' | 'phone_digits' | 'phone2_digits', string[]][] = [
    ['kana_key', kana],
    ['name_key', names],
    ['phone_digits', phones],
    ['phone2_digits', phones],
  ];
  const found = await Promise.all(
    lookups
      .filter(([, values]) => values.length > 0)
      .map(([col, values]) => {
        let q = db
          .selectFrom('patient_match_keys')
          .select(['her_sys_id', 'dob', 'phone_digits', 'phone2_digits'])
          .where(col, 'in', values);
        if (o.excludeHerSysId) q = q.where('her_sys_id', '<>', o.excludeHerSysId);
        return q.limit(MAX_KEY_ROWS).execute();
      }),
  );
  const ranked: { id: string; rank: number }[] = [];
  const seen = new Set<string>();
  for (const r of found.flat()) {
    if (seen.has(r.her_sys_id)) continue;
    seen.add(r.her_sys_id);
    const phone = phones.includes(r.phone_digits ?? '') || phones.includes(r.phone2_digits ?? '');
    // With a birth date typed, a key match with ANOTHER birth date scores at most 50 - 20 = 30 unless a phone
    // matches too: it need not be scored (this keeps a very common name cheap).
    if (keys.dob && threshold >= DUPLICATE_THRESHOLD && r.dob && r.dob !== keys.dob && !phone) continue;
    ranked.push({ id: r.her_sys_id, rank: (phone ? 2 : 0) + (keys.dob && r.dob === keys.dob ? 1 : 0) });
  }
  if (!ranked.length) return [];
  // The likeliest first (a common phone or birth date), so a cut never drops them.
  const ids = ranked.sort((a, b) => b.rank - a.rank).map((r) => r.id);
  // Step 2: those of them in the user's scope, with what scoring needs (primary-key lookups), chunk by chunk
  // until MAX_SCORED people in scope are found (a clinic sees few of the many sharing a common name).
  const rows: { her_sys_id: string; data: string; owner_facility: string; identity: string | null }[] = [];
  for (let i = 0; i < ids.length && rows.length < MAX_SCORED; i += MAX_SCORED) {
    rows.push(
      ...(await db
        .selectFrom('patients')
        .leftJoin('patient_record_sections as s', (j) =>
          j.onRef('s.her_sys_id', '=', 'patients.her_sys_id').on('s.section', '=', 'identity'),
        )
        .select(['patients.her_sys_id', 'patients.data', 'patients.owner_facility', 's.data as identity'])
        .where('patients.her_sys_id', 'in', ids.slice(i, i + MAX_SCORED))
        .where(patientScope(u) as never)
        .execute()),
    );
  }
  const out: DuplicateMatch<DuplicateCandidate>[] = [];
  for (const r of rows.slice(0, MAX_SCORED)) {
    const flat = JSON.parse(r.data) as FlatRecord;
    const identity = r.identity ? (JSON.parse(r.identity) as Person) : undefined;
    const { score, reasons } = scoreKeys(keys, duplicateKeys(matchablePerson(flat, identity)));
    if (score < threshold) continue;
    const own = r.owner_facility === u.facilityCode;
    const candidate: DuplicateCandidate = {
      herSysId: r.her_sys_id,
      ...(flat.familyNameKana ? { familyNameKana: flat.familyNameKana } : {}),
      ...(flat.givenNameKana ? { givenNameKana: flat.givenNameKana } : {}),
      ...(flat.familyName ? { familyName: flat.familyName } : {}),
      ...(flat.givenName ? { givenName: flat.givenName } : {}),
      ...(flat.dateOfBirth && (own || !identity?.dateOfBirthPrivate)
        ? { dateOfBirth: flat.dateOfBirth }
        : {}),
      ...(flat.sex && (own || !identity?.sexPrivate) ? { sex: flat.sex } : {}),
      ...(flat.prefectureCode ? { prefectureCode: flat.prefectureCode } : {}),
      ...(flat.city ? { city: flat.city } : {}),
      ...(flat.phone ? { phone: flat.phone } : {}),
    };
    out.push({ candidate, score, reasons: reasons as DuplicateReason[] });
  }
  out.sort((a, b) => b.score - a.score || (a.candidate.herSysId < b.candidate.herSysId ? -1 : 1));
  return out.slice(0, o.limit ?? 20);
}
