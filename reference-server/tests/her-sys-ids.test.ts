/**
 * HER-SYS IDs (services/her-sys-ids.ts): issued in ascending order on both databases, never twice, across
 * group-commit batches, database handles and old databases whose IDs were drawn at random.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql, type Kysely } from 'kysely';
import { tc1Report } from '../../tests/fixtures/reports.js';
import { migrateToLatest } from '../src/db/migrations.js';
import {
  FIRST_HER_SYS_ID,
  HER_SYS_ID_BLOCK,
  createHerSysIdSequence,
  issueHerSysId,
} from '../src/services/her-sys-ids.js';
import { openDatabase } from '../src/db/connect.js';
import { BACKENDS, PG_URL, freshPgDatabase, harness, json, type Harness } from './helpers.js';

async function file(h: Harness, n: number): Promise<string[]> {
  const answers = await Promise.all(
    Array.from({ length: n }, () => h.req('POST', '/api/reports', { body: { report: tc1Report() } })),
  );
  const ids: string[] = [];
  for (const res of answers) {
    assert.equal(res.status, 201, await res.clone().text());
    ids.push((await json(res)).report.herSysId as string);
  }
  return ids;
}

for (const backend of BACKENDS) {
  describe(`HER-SYS IDs on ${backend}`, () => {
    let h: Harness;
    before(async () => {
      h = await harness(backend);
    });
    after(async () => h.close());

    test('a fresh database issues 10000001 first, then ascending IDs, also within one batch', async () => {
      const [first] = await file(h, 1);
      assert.equal(first, String(FIRST_HER_SYS_ID));
      // 24 concurrent filings share group-commit batches; each gets the next ID, none twice.
      const batch = await file(h, 24);
      const numbers = batch.map(Number).sort((a, b) => a - b);
      assert.equal(new Set(numbers).size, 24);
      assert.ok(numbers[0]! > FIRST_HER_SYS_ID);
      for (const id of batch) assert.match(id, /^\d{8}$/);
      if (backend === 'sqlite')
        assert.deepEqual(
          numbers,
          Array.from({ length: 24 }, (_, i) => FIRST_HER_SYS_ID + 1 + i),
        );
    });

    test('the 登録 of a patient alone (ID management) takes the next ID as well', async () => {
      const filed = Number((await file(h, 1))[0]);
      const res = await h.req('POST', '/api/patients', {
        body: {
          patient: {
            familyName: '鈴木',
            givenName: '一郎',
            familyNameKana: 'スズキ',
            givenNameKana: 'イチロウ',
          },
        },
      });
      assert.equal(res.status, 201, await res.clone().text());
      const registered = Number((await json(res)).patient.herSysId);
      assert.ok(registered > filed, `${registered} after ${filed}`);
    });

    test('past 99999999 (IDs drawn at random by an earlier version) it draws a free ID at random', async () => {
      const now = new Date().toISOString();
      await sql`insert into patients (her_sys_id, version, data, family_name, given_name, name_norm, kana_norm, sort_date, owner_facility, created_at, updated_at)
        values ('99999999', 1, '{}', 'x', 'x', 'x', 'x', '2022-01-01', '1312345678', ${now}, ${now})`.execute(
        h.handle.db,
      );
      if (backend === 'postgres') {
        // The sequence continues where it was; a database migrated with that ID in it starts after it.
        await sql`select setval('her_sys_id_seq', 99999999)`.execute(h.handle.db);
      }
      const ids = await file(h, 3);
      for (const id of ids) {
        assert.match(id, /^\d{8}$/);
        assert.notEqual(id, '99999999');
      }
      assert.equal(new Set(ids).size, 3);
    });
  });
}

if (PG_URL) {
  test('PostgreSQL: the migration starts the sequence after the IDs already issued; two handles take separate blocks', async () => {
    const fresh = await freshPgDatabase();
    const a = openDatabase({ databaseUrl: fresh.url, poolSize: 2 });
    const b = openDatabase({ databaseUrl: fresh.url, poolSize: 2 });
    try {
      await migrateToLatest(a.db, 'postgres');
      // As a database whose patients were issued IDs before the sequence existed: drop it, create it again.
      await sql`drop sequence her_sys_id_seq`.execute(a.db);
      const now = new Date().toISOString();
      await sql`insert into patients (her_sys_id, version, data, family_name, given_name, name_norm, kana_norm, sort_date, owner_facility, created_at, updated_at)
        values ('54321000', 1, '{}', 'x', 'x', 'x', 'x', '2022-01-01', '1312345678', ${now}, ${now})`.execute(
        a.db,
      );
      await createHerSysIdSequence(a.db as unknown as Kysely<unknown>);
      const issue = (h: typeof a) => h.db.transaction().execute((trx) => issueHerSysId(trx));
      assert.equal(await issue(a), '54321001');
      assert.equal(await issue(a), '54321002');
      // The other handle draws the next block; the first goes on with its own.
      assert.equal(await issue(b), String(54_321_001 + HER_SYS_ID_BLOCK));
      assert.equal(await issue(a), '54321003');
    } finally {
      await a.close();
      await b.close();
      await fresh.drop();
    }
  });
}
