/**
 * db/pg-prepared.ts: on PostgreSQL the parameterized writes run as named prepared statements (prepared once per
 * connection), reads stay unnamed, and results are what they were.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../src/db/types.js';
import { openDatabase } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrations.js';
import { insertQueries } from '../src/db/insert-rows.js';
import { writeTogether } from '../src/db/write-together.js';
import { PG_URL, freshPgDatabase } from './helpers.js';

/** A migrated fresh database on one connection (prepared statements are per connection), dropped after `fn`. */
async function withOneConnection(fn: (db: Kysely<Database>) => Promise<void>): Promise<void> {
  const fresh = await freshPgDatabase();
  const handle = openDatabase({ databaseUrl: fresh.url, poolSize: 1 });
  try {
    await migrateToLatest(handle.db, 'postgres');
    await fn(handle.db);
  } finally {
    await handle.close();
    await fresh.drop();
  }
}

test(
  'PostgreSQL: inserts and updates are prepared once per connection; selects are not',
  { skip: !PG_URL },
  async () => {
    await withOneConnection(async (db) => {
      const prepared = await db.transaction().execute(async (trx) => {
        for (const code of ['90', '91', '92']) {
          await trx
            .insertInto('prefectures')
            .values({ code, name: `県${code}`, email: `${code}@pref.example` })
            .execute();
          await trx
            .updateTable('prefectures')
            .set({ name: `更新${code}` })
            .where('code', '=', code)
            .execute();
        }
        const names = await trx
          .selectFrom('prefectures')
          .select('name')
          .where('code', 'in', ['90', '91', '92'])
          .orderBy('code')
          .execute();
        assert.deepEqual(
          names.map((r) => r.name),
          ['更新90', '更新91', '更新92'],
        );
        const { rows } = await sql<{
          statement: string;
        }>`select statement from pg_prepared_statements where statement like '%"prefectures"%'`.execute(trx);
        return rows.map((r) => r.statement.trim().split(/\s+/)[0]!.toLowerCase());
      });
      // One insert and one update statement, each prepared once though run three times; no select.
      assert.deepEqual(prepared.sort(), ['insert', 'update']);
    });
  },
);

test(
  'PostgreSQL: writes run together (db/write-together.ts) are prepared too',
  { skip: !PG_URL },
  async () => {
    await withOneConnection(async (db) => {
      const prepared = await db.transaction().execute(async (trx) => {
        for (const code of ['93', '94']) {
          await writeTogether(trx, [
            ...insertQueries(trx, 'prefectures', [
              { code, name: `県${code}`, email: `${code}@pref.example` },
            ]),
            trx
              .updateTable('prefectures')
              .set({ name: `更新${code}` })
              .where('code', '=', code)
              .compile(),
          ]);
        }
        const { rows } = await sql<{
          statement: string;
        }>`select statement from pg_prepared_statements where statement like '%"prefectures"%'`.execute(trx);
        return rows.map((r) => r.statement.trim().slice(0, 25));
      });
      assert.deepEqual(prepared, ['with w0 as (insert into "']);
      // Each statement's writes saw the snapshot before it: the update found no row to change.
      const names = await db
        .selectFrom('prefectures')
        .select('name')
        .where('code', 'in', ['93', '94'])
        .execute();
      assert.deepEqual(names.map((r) => r.name).sort(), ['県93', '県94']);
    });
  },
);
