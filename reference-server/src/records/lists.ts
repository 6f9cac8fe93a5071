/**
 * The menu's other lists, as `{ rows, total }` (the `PatientListSource` shape of `<hersys-patient-list>`):
 * - 旧登録情報一覧 (`legacy`): people whose care is over (現在のステータス 療養解除, 健康観察終了 or 死亡),
 *   newest period first: the registrations that left the working list (our reading of the menu item; the
 *   2022.7 manual names it without describing it);
 * - 検査結果一覧 (`tests`): one row per test of the 検査 tab, newest 検体採取日 first;
 * - 発生届一覧 (`reports`): one row per 発生届 the user may see, newest 報告日 first;
 * - 健康観察一覧 (`observation`): one row per person under observation, with the last entry;
 * - 入院状況一覧 (`inpatients`): one row per hospital stay of the 医療 tab; inpatient institutions, health
 *   centers and the prefecture only (the manual: an outpatient clinic's menu has no 入院状況一覧 → 403).
 * Every list is scoped exactly as the patients (reports: as the reports) and takes the patient filters of
 * 登録情報一覧 that apply (HER-SYS ID, 保健所独自ID, フリガナ / 氏名 prefix, 生年月日, 電話番号, 感染区分, 現在のステータス).
 * The total is counted up to 1,000 (as 登録情報一覧).
 */
import type { PatientListQuery, PatientListRow } from 'hersys-sdk/schema';
import { sql, type SelectQueryBuilder } from 'kysely';
import type { CurrentUser } from '../auth.js';
import { forbidden } from '../lib/errors.js';
import { kanaKey, nameKey, phoneKey, prefixEnd } from '../lib/keys.js';
import { parseActor, patientScope, reportScope } from '../services/common.js';
import type { RDb, RecordsDatabase } from './types.js';

const COUNT_CAP = 1000;
export const LIST_VARIANTS = ['legacy', 'tests', 'reports', 'observation', 'inpatients'] as const;
export type ListVariant = (typeof LIST_VARIANTS)[number];

const ENDED_STATUSES = ['released', 'observationEnded', 'deceased'];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the filters apply to any query joining `patients`
function patientFilters<Q extends SelectQueryBuilder<RecordsDatabase, any, any>>(
  q: Q,
  f: PatientListQuery,
): Q {
  let out = q;
  if (f.herSysId) out = out.where('patients.her_sys_id', '=', f.herSysId) as Q;
  if (f.localId) out = out.where('patients.local_id', '=', f.localId) as Q;
  if (f.dateOfBirth) out = out.where('patients.date_of_birth', '=', f.dateOfBirth) as Q;
  if (f.phone) out = out.where('patients.phone_digits', '=', phoneKey(f.phone)) as Q;
  if (f.kana) {
    const k = kanaKey(f.kana);
    if (k) out = out.where('patients.kana_norm', '>=', k).where('patients.kana_norm', '<', prefixEnd(k)) as Q;
  }
  if (f.name) {
    const n = nameKey(f.name);
    if (n) out = out.where('patients.name_norm', '>=', n).where('patients.name_norm', '<', prefixEnd(n)) as Q;
  }
  if (f.infectionClass) out = out.where('patients.infection_category', '=', f.infectionClass) as Q;
  if (f.status) out = out.where('patients.status', '=', f.status) as Q;
  if (f.healthCenter) {
    const hc = f.healthCenter;
    out = out.where((eb) =>
      eb.or([eb('patients.responsible_hc', '=', hc), eb('patients.notified_hc', '=', hc)]),
    ) as Q;
  }
  return out;
}

function person(r: {
  her_sys_id: string;
  family_name: string;
  given_name: string;
  data: string;
  local_id: string | null;
  date_of_birth: string | null;
  status: string | null;
  infection_category: string | null;
}) {
  const rec = JSON.parse(r.data) as Record<string, string | undefined>;
  const row: PatientListRow = {
    herSysId: r.her_sys_id,
    name: [r.family_name, r.given_name].filter(Boolean).join(' '),
  };
  const kana = [rec.familyNameKana, rec.givenNameKana].filter(Boolean).join(' ');
  if (kana) row.kana = kana;
  if (r.local_id) row.localId = r.local_id;
  if (r.date_of_birth) row.dateOfBirth = r.date_of_birth;
  if (r.status) row.status = r.status;
  if (r.infection_category) row.infectionClass = r.infection_category;
  return row;
}

const PERSON_COLUMNS = [
  'patients.her_sys_id',
  'patients.family_name',
  'patients.given_name',
  'patients.data',
  'patients.local_id',
  'patients.date_of_birth',
  'patients.status',
  'patients.infection_category',
] as const;

function strip<T extends object>(o: T): T {
  return Object.fromEntries(
    Object.entries(o).filter(([, v]) => v !== null && v !== undefined && v !== ''),
  ) as T;
}

export async function queryList(
  db: RDb,
  u: CurrentUser,
  variant: ListVariant,
  f: PatientListQuery,
): Promise<{ rows: PatientListRow[]; total: number; totalIsLowerBound: boolean }> {
  const page = f.page ?? 1;
  const pageSize = f.pageSize ?? 10;
  const offset = (page - 1) * pageSize;
  const asc = f.sort === 'periodStartAsc';

  const finish = async (
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any list query
    q: SelectQueryBuilder<RecordsDatabase, any, any>,
    map: (r: never) => PatientListRow,
  ) => {
    const [rows, counted] = await Promise.all([
      q.limit(pageSize).offset(offset).execute(),
      db
        .selectFrom(
          q
            .clearSelect()
            .clearOrderBy()
            .select(sql<number>`1`.as('one'))
            .limit(COUNT_CAP + 1)
            .as('hits'),
        )
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    const n = Number(counted.n);
    return {
      rows: (rows as never[]).map(map),
      total: Math.min(n, COUNT_CAP),
      totalIsLowerBound: n > COUNT_CAP,
    };
  };

  if (variant === 'inpatients' && u.facilityKind === 'outpatient') {
    throw forbidden('入院状況一覧 is for inpatient institutions, health centers and the prefecture.');
  }

  if (variant === 'legacy') {
    let q = patientFilters(
      db
        .selectFrom('patients')
        .select([
          ...PERSON_COLUMNS,
          'patients.period_start',
          'patients.diagnosis_date',
          'patients.report_date',
          'patients.residence',
        ])
        .where(patientScope(u) as never)
        .where('patients.status', 'in', ENDED_STATUSES),
      f,
    );
    q = q.orderBy('patients.sort_date', asc ? 'asc' : 'desc').orderBy('patients.her_sys_id', 'desc');
    return finish(q, (r: never) => {
      const x = r as Record<string, string | null> & Parameters<typeof person>[0];
      const rec = JSON.parse(x.data) as Record<string, string | undefined>;
      return strip({
        ...person(x),
        periodStart: x.period_start ?? undefined,
        periodEnd: rec.periodEnd,
        diagnosisDate: x.diagnosis_date ?? undefined,
        reportDate: x.report_date ?? undefined,
        residence: x.residence ?? undefined,
      });
    });
  }

  if (variant === 'reports') {
    let q = patientFilters(
      db
        .selectFrom('reports')
        .innerJoin('patients', 'patients.her_sys_id', 'reports.patient_id')
        .select([
          ...PERSON_COLUMNS,
          'reports.id as report_id',
          'reports.report_date as r_report_date',
          'reports.diagnosis_date as r_diagnosis_date',
          'reports.severity as r_severity',
          'reports.first_reported_by',
          'reports.status as r_status',
        ])
        .where(reportScope(u) as never)
        .where('reports.status', '=', 'active'),
      f,
    );
    if (f.reportDateFrom) q = q.where('reports.report_date', '>=', f.reportDateFrom);
    if (f.reportDateTo) q = q.where('reports.report_date', '<=', f.reportDateTo);
    if (f.diagnosisDateFrom) q = q.where('reports.diagnosis_date', '>=', f.diagnosisDateFrom);
    if (f.diagnosisDateTo) q = q.where('reports.diagnosis_date', '<=', f.diagnosisDateTo);
    q = q.orderBy('reports.first_reported_at', asc ? 'asc' : 'desc').orderBy('reports.id', 'desc');
    return finish(q, (r: never) => {
      const x = r as Record<string, string | null> & Parameters<typeof person>[0];
      return strip({
        ...person(x),
        reportId: x.report_id!,
        reportDate: x.r_report_date ?? undefined,
        diagnosisDate: x.r_diagnosis_date ?? undefined,
        severity: x.r_severity ?? undefined,
        institution: parseActor(x.first_reported_by)?.facilityName,
      });
    });
  }

  const kind = variant === 'tests' ? 'test' : variant === 'inpatients' ? 'admission' : 'observation';
  let q = patientFilters(
    db
      .selectFrom('record_list_rows as l')
      .innerJoin('patients', 'patients.her_sys_id', 'l.her_sys_id')
      .select([
        ...PERSON_COLUMNS,
        'l.row_id',
        'l.date',
        'l.end_date',
        'l.code1',
        'l.code2',
        'l.text1',
        'l.num1',
        'l.num2',
      ])
      .where('l.kind', '=', kind)
      .where(patientScope(u) as never),
    f,
  );
  // The list's date range filters the row's own date (検体採取日, 入院年月日, last observation).
  const from = f.diagnosisDateFrom ?? f.reportDateFrom;
  const to = f.diagnosisDateTo ?? f.reportDateTo;
  if (from) q = q.where('l.date', '>=', from);
  if (to) q = q.where('l.date', '<=', to);
  q = q
    .orderBy('l.date', asc ? 'asc' : 'desc')
    .orderBy('l.her_sys_id', 'desc')
    .orderBy('l.row_id');
  return finish(q, (r: never) => {
    const x = r as Record<string, string | number | null> & Parameters<typeof person>[0];
    const base = person(x);
    if (kind === 'test') {
      return strip({
        ...base,
        testDate: x.date as string,
        testMethod: x.code1 as string,
        testResult: x.code2 as string,
      });
    }
    if (kind === 'admission') {
      return strip({
        ...base,
        hospital: x.text1 as string,
        admissionDate: x.date as string,
        dischargeDate: x.end_date as string,
      });
    }
    return strip({
      ...base,
      periodStart: x.text1 as string,
      periodEnd: x.end_date as string,
      lastObservationDate: x.date as string,
      lastTemperature: x.num1 === null ? undefined : Number(x.num1),
      lastSpo2: x.num2 === null ? undefined : Number(x.num2),
    });
  });
}
