/**
 * 登録情報一覧: the patient list with every filter of the manual, sorted by 期間開始日 descending.
 *
 * One table (patients carries the latest report's dates), scoped by facility. How it stays fast on
 * 1,000,000 patients:
 * - Each scope column has an index ending in the sort key, so a page without a selective filter is an index
 *   walk in sort order that stops after one page. A health center sees patients by three columns (届出保健所,
 *   担当保健所, registered by itself): each is queried on its own index and the pages are merged, instead of an
 *   OR that would sort the whole scope.
 * - Selective filters (DOB, phone, passport, IDs, a rare kana or name prefix, a short date range) start from
 *   their own index. A prefix or range that matches many rows is better filtered during the sort-order walk:
 *   on SQLite a bounded probe decides, and the unary `+` keeps SQLite from choosing that index.
 * - The total is counted up to 1,000 only.
 */
import { sql, type ExpressionBuilder, type SelectQueryBuilder } from 'kysely';
import type { CurrentUser } from '../auth.js';
import type { Database, Db, Dialect } from '../db/types.js';
import type { SearchQuery } from '../api-schemas.js';
import { kanaKey, nameKey, passportKey, phoneKey, prefixEnd } from '../lib/keys.js';

const COUNT_CAP = 1000;

type Q = SelectQueryBuilder<Database, 'patients', object>;
type RangeColumn = 'kana_norm' | 'name_norm' | 'report_date' | 'diagnosis_date' | 'treatment_date';

interface Range {
  col: RangeColumn;
  from?: string;
  /** Inclusive upper bound for dates, exclusive for prefixes. */
  to?: string;
  toExclusive?: boolean;
}

function scopeBranches(
  u: CurrentUser,
): ((
  eb: ExpressionBuilder<Database, 'patients'>,
) => ReturnType<ExpressionBuilder<Database, 'patients'>['eb']>)[] {
  switch (u.facilityKind) {
    case 'healthCenter':
      return [
        (eb) => eb('responsible_hc', '=', u.facilityCode),
        (eb) => eb('notified_hc', '=', u.facilityCode),
        (eb) => eb('owner_facility', '=', u.facilityCode),
      ];
    case 'prefecture':
      return [(eb) => eb('prefecture_code', '=', u.facilityCode)];
    default:
      return [(eb) => eb('owner_facility', '=', u.facilityCode)];
  }
}

function applyRange(q: Q, r: Range, useIndex: boolean, dialect: Dialect): Q {
  // `+col` is SQLite's documented way to keep the planner off an index; PostgreSQL's planner uses statistics.
  const col = useIndex || dialect !== 'sqlite' ? sql.ref(r.col) : sql`+${sql.ref(r.col)}`;
  if (r.from !== undefined) q = q.where(sql<boolean>`${col} >= ${r.from}`);
  if (r.to !== undefined)
    q = q.where(r.toExclusive ? sql<boolean>`${col} < ${r.to}` : sql<boolean>`${col} <= ${r.to}`);
  return q;
}

export async function searchPatients(db: Db, dialect: Dialect, u: CurrentUser, q: SearchQuery) {
  const ranges: Range[] = [];
  if (q.kana) {
    const k = kanaKey(q.kana);
    if (k) ranges.push({ col: 'kana_norm', from: k, to: prefixEnd(k), toExclusive: true });
  }
  if (q.name) {
    const n = nameKey(q.name);
    if (n) ranges.push({ col: 'name_norm', from: n, to: prefixEnd(n), toExclusive: true });
  }
  if (q.reportDateFrom || q.reportDateTo)
    ranges.push({ col: 'report_date', from: q.reportDateFrom, to: q.reportDateTo });
  if (q.diagnosisDateFrom || q.diagnosisDateTo)
    ranges.push({ col: 'diagnosis_date', from: q.diagnosisDateFrom, to: q.diagnosisDateTo });
  if (q.treatmentDateFrom || q.treatmentDateTo)
    ranges.push({ col: 'treatment_date', from: q.treatmentDateFrom, to: q.treatmentDateTo });

  const exact = (base: Q): Q => {
    let query = base;
    if (q.healthCenter) {
      const hc = q.healthCenter;
      query = query.where((eb) => eb.or([eb('responsible_hc', '=', hc), eb('notified_hc', '=', hc)]));
    }
    if (q.localId) query = query.where('local_id', '=', q.localId);
    if (q.herSysId) query = query.where('her_sys_id', '=', q.herSysId);
    if (q.dateOfBirth) query = query.where('date_of_birth', '=', q.dateOfBirth);
    if (q.phone) query = query.where('phone_digits', '=', phoneKey(q.phone));
    if (q.passportNumber) query = query.where('passport_norm', '=', passportKey(q.passportNumber));
    if (q.infectionCategory) query = query.where('infection_category', '=', q.infectionCategory);
    if (q.status) query = query.where('status', '=', q.status);
    if (q.severity) query = query.where('severity', '=', q.severity);
    if (q.residence) query = query.where('residence', '=', q.residence);
    return query;
  };

  // Which range filter (if any) is selective enough to start from its index, the matches then sorted; else
  // the page walks the scope index in sort order and filters on the way. A bounded probe decides. Dates
  // follow the sort key (期間開始日 ≈ 診断日 ≈ 報告日), so walking for a date range would pass every later row
  // first: a date range starts from its index unless it matches very many rows.
  const hasExactSelective = !!(q.localId || q.herSysId || q.dateOfBirth || q.phone || q.passportNumber);
  let selective: Range | undefined;
  if (!hasExactSelective) {
    for (const r of ranges) {
      const limit = r.col.endsWith('_date') ? 50_000 : 5_000;
      const probe = await db
        .selectFrom(
          applyRange(db.selectFrom('patients'), r, true, dialect)
            .select(sql<number>`1`.as('one'))
            .limit(limit)
            .as('p'),
        )
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      if (Number(probe.n) < limit) {
        selective = r;
        break;
      }
    }
  }
  /** For the page: only the selective range may use its index. For the bounded count: the planner chooses. */
  const filtered = (base: Q, forPage: boolean): Q => {
    let query = exact(base);
    for (const r of ranges) query = applyRange(query, r, !forPage || r === selective, dialect);
    return query;
  };
  // With a selective range, keep the planner off the sort-order index walk (an expression is not indexed).
  const sortKey = selective
    ? dialect === 'sqlite'
      ? sql`+sort_date`
      : sql`sort_date || ''`
    : sql`sort_date`;

  const offset = (q.page - 1) * q.pageSize;
  const branches = scopeBranches(u);
  const columns = [
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
    'sort_date',
  ] as const;

  // The page's keys first (from the index alone when it covers the filters), then its rows by HER-SYS ID: a
  // sort over thousands of matches never reads their table rows.
  const pageOf = (scope: (typeof branches)[number], limit: number, skip: number) => {
    return filtered(db.selectFrom('patients').where(scope), true)
      .select(['her_sys_id', 'sort_date'])
      .orderBy(sortKey, 'desc')
      .orderBy('her_sys_id', 'desc')
      .limit(limit)
      .offset(skip)
      .execute();
  };
  const countOf = (scope: (typeof branches)[number]) =>
    filtered(db.selectFrom('patients').where(scope), false)
      .select('her_sys_id')
      .limit(COUNT_CAP + 1);

  let keys: Awaited<ReturnType<typeof pageOf>>;
  let n: number;
  if (branches.length === 1) {
    const [page, counted] = await Promise.all([
      pageOf(branches[0]!, q.pageSize, offset),
      db
        .selectFrom(countOf(branches[0]!).as('hits'))
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    keys = page;
    n = Number(counted.n);
  } else {
    // Each branch walks its own index; merge, drop duplicates (a patient seen through two columns), cut the page.
    const parts = await Promise.all(branches.map((b) => pageOf(b, offset + q.pageSize, 0)));
    const seen = new Set<string>();
    keys = parts
      .flat()
      .sort((a, b) =>
        a.sort_date < b.sort_date ? 1 : a.sort_date > b.sort_date ? -1 : a.her_sys_id < b.her_sys_id ? 1 : -1,
      )
      .filter((r) => (seen.has(r.her_sys_id) ? false : (seen.add(r.her_sys_id), true)))
      .slice(offset, offset + q.pageSize);
    const ids = new Set<string>();
    for (const b of branches) {
      for (const r of await countOf(b).execute()) ids.add(r.her_sys_id);
      if (ids.size > COUNT_CAP) break;
    }
    n = ids.size;
  }

  const pageIds = keys.map((k) => k.her_sys_id);
  const byId = new Map(
    (pageIds.length
      ? await db.selectFrom('patients').select(columns).where('her_sys_id', 'in', pageIds).execute()
      : []
    ).map((r) => [r.her_sys_id, r]),
  );
  const rows = pageIds.map((id) => byId.get(id)).filter((r) => r !== undefined);

  const hcCodes = [...new Set(rows.map((r) => r.responsible_hc).filter((c): c is string => !!c))];
  const hcs = hcCodes.length
    ? await db.selectFrom('health_centers').select(['code', 'name']).where('code', 'in', hcCodes).execute()
    : [];
  const hcName = new Map(hcs.map((h) => [h.code, h.name]));
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
