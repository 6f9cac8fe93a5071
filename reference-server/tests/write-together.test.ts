/**
 * db/write-together.ts: writes run together — on PostgreSQL as one statement (a row and the row it refers to
 * included), split only at the parameter limit; on SQLite one by one. Either way, in a transaction a failing
 * write undoes them all.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CompiledQuery } from 'kysely';
import { MAX_PARAMETERS, insertQueries } from '../src/db/insert-rows.js';
import type { Db } from '../src/db/types.js';
import { GuardFailed, writeInOneStatement, writeTogether } from '../src/db/write-together.js';
import { BACKENDS, harness, type Harness } from './helpers.js';

for (const backend of BACKENDS) {
  describe(`writeTogether on ${backend}`, () => {
    let h: Harness;
    before(async () => {
      h = await harness(backend);
    });
    after(() => h.close());

    /** The database handle, counting the statements sent through it. */
    const counting = () => {
      const sent: CompiledQuery[] = [];
      const db = h.handle.db;
      const proxy = {
        getExecutor: () => db.getExecutor(),
        executeQuery: (q: CompiledQuery) => {
          sent.push(q);
          return db.executeQuery(q);
        },
      } as unknown as Db;
      return { db: proxy, sent };
    };
    const prefecture = (code: string) => ({ code, name: `県${code}`, email: `${code}@pref.example` });
    const healthCenter = (code: string, pref: string) => ({
      code,
      name: `保健所${code}`,
      prefecture_code: pref,
      email: `${code}@hc.example`,
      area: 'テスト',
    });
    const prefectureNames = async (prefix: string) =>
      (
        await h.handle.db
          .selectFrom('prefectures')
          .select('name')
          .where('code', 'like', `${prefix}%`)
          .orderBy('code')
          .execute()
      ).map((r) => r.name);

    test('rows of several tables, a health center with its new prefecture, and an update', async () => {
      const { db, sent } = counting();
      await writeTogether(db, [
        ...insertQueries(db, 'prefectures', [prefecture('w1'), prefecture('w2')]),
        ...insertQueries(db, 'health_centers', [healthCenter('w1-hc', 'w1'), healthCenter('w2-hc', 'w2')]),
        h.handle.db.updateTable('health_centers').set({ area: '更新' }).where('code', '=', '13103').compile(),
      ]);
      // PostgreSQL: one round trip for all three; SQLite: each statement is a call.
      assert.equal(sent.length, backend === 'postgres' ? 1 : 3);
      assert.deepEqual(await prefectureNames('w'), ['県w1', '県w2']);
      const hcs = await h.handle.db
        .selectFrom('health_centers')
        .select(['code', 'prefecture_code', 'area'])
        .where('code', 'in', ['w1-hc', 'w2-hc', '13103'])
        .orderBy('code')
        .execute();
      assert.deepEqual(
        hcs.map((r) => [r.code, r.prefecture_code, r.area]),
        [
          ['13103', '13', '更新'],
          ['w1-hc', 'w1', 'テスト'],
          ['w2-hc', 'w2', 'テスト'],
        ],
      );
    });

    test('more parameters than one statement binds: split at the limit, every row stored', async () => {
      const { db, sent } = counting();
      // 3 parameters a row: the first query takes nearly all of a statement, the second cannot join it.
      const many = Array.from({ length: MAX_PARAMETERS / 3 - 10 }, (_, i) =>
        prefecture(`m${String(i).padStart(5, '0')}`),
      );
      const more = Array.from({ length: 20 }, (_, i) => prefecture(`n${String(i).padStart(5, '0')}`));
      await writeTogether(db, [
        ...insertQueries(db, 'prefectures', many),
        ...insertQueries(db, 'prefectures', more),
      ]);
      assert.equal(sent.length, 2);
      assert.ok(sent.every((q) => q.parameters.length <= MAX_PARAMETERS));
      assert.equal((await prefectureNames('m')).length, many.length);
      assert.equal((await prefectureNames('n')).length, 20);
    });

    test(
      'writeInOneStatement: one statement; when the guard changes no row nothing is written',
      { skip: backend !== 'postgres' },
      async () => {
        const { db, sent } = counting();
        const guard = (area: string, to: string) =>
          h.handle.db
            .updateTable('health_centers')
            .set({ area: to })
            .where('code', '=', '13103')
            .where('area', '=', area)
            .returning('code')
            .compile();
        await h.handle.db
          .updateTable('health_centers')
          .set({ area: 'g0' })
          .where('code', '=', '13103')
          .execute();
        assert.equal(
          await writeInOneStatement(
            db,
            insertQueries(db, 'prefectures', [prefecture('g1')]),
            guard('g0', 'g1'),
          ),
          true,
        );
        assert.equal(sent.length, 1);
        // The guard expects 'g0' but finds 'g1': nothing of the statement is written.
        await assert.rejects(
          writeInOneStatement(db, insertQueries(db, 'prefectures', [prefecture('g2')]), guard('g0', 'g2')),
          GuardFailed,
        );
        assert.deepEqual(await prefectureNames('g'), ['県g1']);
        const area = await h.handle.db
          .selectFrom('health_centers')
          .select('area')
          .where('code', '=', '13103')
          .executeTakeFirstOrThrow();
        assert.equal(area.area, 'g1');
        // A transaction holding the guarded row: the statement waits for it, then finds the row changed.
        let release!: () => void;
        const held = new Promise<void>((r) => (release = r));
        const other = h.handle.db.transaction().execute(async (trx) => {
          await trx.updateTable('health_centers').set({ area: 'g9' }).where('code', '=', '13103').execute();
          await held;
        });
        await new Promise((r) => setTimeout(r, 50));
        const waiting = writeInOneStatement(
          db,
          insertQueries(db, 'prefectures', [prefecture('g4')]),
          guard('g1', 'g4'),
        );
        await new Promise((r) => setTimeout(r, 100));
        release();
        await other;
        await assert.rejects(waiting, GuardFailed);
        assert.deepEqual(await prefectureNames('g'), ['県g1']);
        await h.handle.db
          .updateTable('health_centers')
          .set({ area: 'g1' })
          .where('code', '=', '13103')
          .execute();
        // More parameters than a statement binds: not run at all.
        const many = Array.from({ length: MAX_PARAMETERS / 3 + 1 }, (_, i) => prefecture(`h${i}`));
        assert.equal(
          await writeInOneStatement(db, insertQueries(db, 'prefectures', many), guard('g1', 'g3')),
          false,
        );
        assert.equal(sent.length, 3);
        assert.deepEqual(await prefectureNames('h'), []);
      },
    );

    test('in a transaction, a write that fails undoes the others', async () => {
      await assert.rejects(
        h.handle.db.transaction().execute((trx) =>
          writeTogether(trx, [
            ...insertQueries(trx, 'prefectures', [prefecture('x1')]),
            // A health center of a prefecture that does not exist: the foreign key fails.
            ...insertQueries(trx, 'health_centers', [healthCenter('x1-hc', 'no-such')]),
          ]),
        ),
      );
      assert.deepEqual(await prefectureNames('x'), []);
    });
  });
}
