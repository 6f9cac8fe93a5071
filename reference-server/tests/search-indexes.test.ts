/**
 * The sparse search keys (passport, local ID, treatment date) are indexed only where present (migration 730);
 * the searches on them must still be able to use those indexes on both databases, also with a generic
 * (parameterized) plan on PostgreSQL. The outbox's unused index by report is gone.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CompiledQuery, sql } from 'kysely';
import { BACKENDS, openBackend } from './helpers.js';
import { migrateToLatest } from '../src/db/migrations.js';

const SEARCHES = [
  ['patients_passport_norm', 'passport_norm = $1', ['TK1234567']],
  ['patients_local_id', 'local_id = $1', ['L-1']],
  ['patients_treatment_date', 'treatment_date >= $1 and treatment_date < $2', ['2022-09-01', '2022-10-01']],
] as const;

for (const backend of BACKENDS) {
  describe(`sparse search indexes on ${backend}`, () => {
    test('a search on the column can use its partial index; the outbox has no index by report', async () => {
      const { handle, drop } = await openBackend(backend);
      try {
        await migrateToLatest(handle.db, handle.dialect);
        for (const [index, where, params] of SEARCHES) {
          let plan: string;
          if (backend === 'sqlite') {
            const text = `explain query plan select her_sys_id from patients where ${where.replace(/\$\d/g, '?')}`;
            const res = await handle.db.executeQuery<{ detail: string }>(
              CompiledQuery.raw(text, [...params]),
            );
            plan = res.rows.map((r) => r.detail).join(' | ');
          } else {
            plan = await handle.db.connection().execute(async (c) => {
              await sql`set enable_seqscan = off`.execute(c);
              await sql`set plan_cache_mode = force_generic_plan`.execute(c);
              await sql.raw(`prepare q as select her_sys_id from patients where ${where}`).execute(c);
              const args = params.map((p) => `'${p}'`).join(', ');
              const rows = await sql.raw<{ 'QUERY PLAN': string }>(`explain execute q(${args})`).execute(c);
              await sql`deallocate q`.execute(c);
              return rows.rows.map((r) => r['QUERY PLAN']).join(' | ');
            });
          }
          assert.ok(plan.includes(index), `${where}: ${plan}`);
        }
        const indexes =
          backend === 'sqlite'
            ? await sql<{
                name: string;
              }>`select name from sqlite_master where type = 'index' and tbl_name = 'outbox'`.execute(
                handle.db,
              )
            : await sql<{
                name: string;
              }>`select indexname as name from pg_indexes where tablename = 'outbox'`.execute(handle.db);
        assert.ok(!indexes.rows.some((r) => r.name === 'outbox_report'), JSON.stringify(indexes.rows));
      } finally {
        await handle.close();
        await drop();
      }
    });
  });
}
