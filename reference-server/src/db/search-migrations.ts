/**
 * Indexes for 登録情報一覧 (issue 5's search goals). Named `700_search_*` so they sort after the core (`0001_…`),
 * record (`200_…`) and audit (`500_…`) migrations; added to the migrator with one spread in `migrations.ts`.
 *
 * A selective range (a week of report dates, a full kana name: thousands of patients) starts from its
 * index and the matches are sorted by 期間開始日. With the sort key, the tie-breaker and every scope column in
 * the same index, that sort and the scope check read the index only (no table row per match); the page's
 * rows are then fetched by HER-SYS ID (services/search.ts). These replace the single-column indexes they
 * start with.
 */
import type { Kysely, Migration } from 'kysely';

const SORT_AND_SCOPE = [
  'sort_date',
  'her_sys_id',
  'owner_facility',
  'notified_hc',
  'responsible_hc',
  'prefecture_code',
] as const;

export function searchMigrations(): Record<string, Migration> {
  return {
    '700_search_0001_covering_range_indexes': {
      async up(db: Kysely<unknown>) {
        for (const col of ['report_date', 'kana_norm']) {
          await db.schema
            .createIndex(`patients_${col}_cover`)
            .ifNotExists()
            .on('patients')
            .columns([col, ...SORT_AND_SCOPE])
            .execute();
          await db.schema.dropIndex(`patients_${col}`).ifExists().execute();
        }
      },
      async down(db: Kysely<unknown>) {
        for (const col of ['report_date', 'kana_norm']) {
          await db.schema.createIndex(`patients_${col}`).ifNotExists().on('patients').column(col).execute();
          await db.schema.dropIndex(`patients_${col}_cover`).ifExists().execute();
        }
      },
    },
  };
}
