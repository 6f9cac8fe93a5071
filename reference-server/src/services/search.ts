/**
 * 登録情報一覧: the patient list with every filter of the manual, sorted by 期間開始日 descending.
 * One table (patients carries the latest report's dates), scoped by facility, each filter an indexed
 * predicate: the planner starts from the most selective index (kana/name prefix, DOB, phone, passport,
 * local ID, HER-SYS ID) or, with no selective filter, walks the scope index in sort order and stops after
 * one page.
 */
import { sql } from 'kysely';
import type { CurrentUser } from '../auth.js';
import type { Db } from '../db/types.js';
import type { SearchQuery } from '../api-schemas.js';
import { kanaKey, nameKey, passportKey, phoneKey, prefixEnd } from '../lib/keys.js';
import { patientScope } from './common.js';

const COUNT_CAP = 1000;

export async function searchPatients(db: Db, u: CurrentUser, q: SearchQuery) {
  let query = db.selectFrom('patients').where(patientScope(u));
  if (q.healthCenter) {
    const hc = q.healthCenter;
    query = query.where((eb) => eb.or([eb('responsible_hc', '=', hc), eb('notified_hc', '=', hc)]));
  }
  if (q.localId) query = query.where('local_id', '=', q.localId);
  if (q.herSysId) query = query.where('her_sys_id', '=', q.herSysId);
  if (q.kana) {
    const k = kanaKey(q.kana);
    if (k) query = query.where('kana_norm', '>=', k).where('kana_norm', '<', prefixEnd(k));
  }
  if (q.name) {
    const n = nameKey(q.name);
    if (n) query = query.where('name_norm', '>=', n).where('name_norm', '<', prefixEnd(n));
  }
  if (q.dateOfBirth) query = query.where('date_of_birth', '=', q.dateOfBirth);
  if (q.phone) query = query.where('phone_digits', '=', phoneKey(q.phone));
  if (q.passportNumber) query = query.where('passport_norm', '=', passportKey(q.passportNumber));
  if (q.reportDateFrom) query = query.where('report_date', '>=', q.reportDateFrom);
  if (q.reportDateTo) query = query.where('report_date', '<=', q.reportDateTo);
  if (q.diagnosisDateFrom) query = query.where('diagnosis_date', '>=', q.diagnosisDateFrom);
  if (q.diagnosisDateTo) query = query.where('diagnosis_date', '<=', q.diagnosisDateTo);
  if (q.treatmentDateFrom) query = query.where('treatment_date', '>=', q.treatmentDateFrom);
  if (q.treatmentDateTo) query = query.where('treatment_date', '<=', q.treatmentDateTo);
  if (q.infectionCategory) query = query.where('infection_category', '=', q.infectionCategory);
  if (q.status) query = query.where('status', '=', q.status);
  if (q.severity) query = query.where('severity', '=', q.severity);
  if (q.residence) query = query.where('residence', '=', q.residence);

  const offset = (q.page - 1) * q.pageSize;
  const [rows, counted] = await Promise.all([
    query
      .select([
        'her_sys_id',
        'local_id',
        'family_name',
        'given_name',
        'data',
        'date_of_birth',
        'diagnosis_date',
        'report_date',
        'infection_category',
        'status',
        'severity',
        'period_start',
        'residence',
        'latest_report_id',
        'responsible_hc',
      ])
      .orderBy('sort_date', 'desc')
      .orderBy('her_sys_id', 'desc')
      .limit(q.pageSize)
      .offset(offset)
      .execute(),
    db
      .selectFrom(
        query
          .select(sql<number>`1`.as('one'))
          .limit(COUNT_CAP + 1)
          .as('hits'),
      )
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  const hcCodes = [...new Set(rows.map((r) => r.responsible_hc).filter((c): c is string => !!c))];
  const hcs = hcCodes.length
    ? await db.selectFrom('health_centers').select(['code', 'name']).where('code', 'in', hcCodes).execute()
    : [];
  const hcName = new Map(hcs.map((h) => [h.code, h.name]));
  const n = Number(counted.n);
  return {
    items: rows.map((r) => {
      const rec = JSON.parse(r.data) as Record<string, string | undefined>;
      return {
        herSysId: r.her_sys_id,
        localId: r.local_id,
        name: [r.family_name, r.given_name].filter(Boolean).join(' '),
        kana: [rec.familyNameKana, rec.givenNameKana].filter(Boolean).join(' '),
        dateOfBirth: r.date_of_birth,
        diagnosisDate: r.diagnosis_date,
        reportDate: r.report_date,
        infectionCategory: r.infection_category,
        status: r.status,
        severity: r.severity,
        periodStart: r.period_start,
        periodEnd: rec.periodEnd ?? null,
        residence: r.residence,
        residenceName: rec.residenceName ?? null,
        latestReportId: r.latest_report_id,
        responsibleHealthCenter: r.responsible_hc
          ? { code: r.responsible_hc, name: hcName.get(r.responsible_hc) ?? r.responsible_hc }
          : null,
      };
    }),
    page: q.page,
    pageSize: q.pageSize,
    total: Math.min(n, COUNT_CAP),
    totalIsLowerBound: n > COUNT_CAP,
  };
}
