/** db/insert-rows.ts: whole-row inserts with cached SQL, on SQLite and PostgreSQL. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { insertRows } from '../src/db/insert-rows.js';
import { BACKENDS, harness, type Harness } from './helpers.js';

for (const backend of BACKENDS) {
  describe(`insertRows on ${backend}`, () => {
    let h: Harness;
    before(async () => {
      h = await harness(backend);
    });
    after(() => h.close());

    const key = (k: string) => ({
      scope: 'insert-rows',
      key: k,
      request_hash: 'h',
      status_code: 201,
      response: '{}',
      created_at: '2026-12-06T00:00:00.000Z',
    });
    const stored = async () =>
      (
        await h.handle.db
          .selectFrom('idempotency_keys')
          .select('key')
          .where('scope', '=', 'insert-rows')
          .orderBy('key')
          .execute()
      ).map((r) => r.key);

    test('inserts every row, the same values as given', async () => {
      await insertRows(h.handle.db, 'idempotency_keys', [key('a'), key('b'), key('c')]);
      assert.deepEqual(await stored(), ['a', 'b', 'c']);
      const row = await h.handle.db
        .selectFrom('idempotency_keys')
        .selectAll()
        .where('key', '=', 'b')
        .executeTakeFirstOrThrow();
      assert.equal(Number(row.status_code), 201);
      assert.equal(row.created_at, '2026-12-06T00:00:00.000Z');
    });

    test('ON CONFLICT DO NOTHING RETURNING: only the inserted rows answer', async () => {
      const returned = await insertRows(h.handle.db, 'idempotency_keys', [key('c'), key('d')], {
        onConflictDoNothing: ['scope', 'key'],
        returning: 'key',
      });
      assert.deepEqual(
        returned.map((r) => r['key']),
        ['d'],
      );
      assert.deepEqual(await stored(), ['a', 'b', 'c', 'd']);
    });

    test('more rows than one statement binds: split, all inserted', async () => {
      const many = Array.from({ length: 5_100 }, (_, i) => key(`m-${String(i).padStart(5, '0')}`));
      await insertRows(h.handle.db, 'idempotency_keys', many);
      assert.equal((await stored()).filter((k) => k.startsWith('m-')).length, 5_100);
    });

    test('rows with other columns than the first are refused before anything is written', async () => {
      const { response: _r, ...short } = key('e');
      await assert.rejects(
        insertRows(h.handle.db, 'idempotency_keys', [key('f'), short as ReturnType<typeof key>]),
        /every row must have the columns/,
      );
      assert.deepEqual(
        (await stored()).filter((k) => !k.startsWith('m-')),
        ['a', 'b', 'c', 'd'],
      );
    });
  });
}
