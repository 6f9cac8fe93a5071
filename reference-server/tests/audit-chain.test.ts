/**
 * The hash-chained audit log (issue 6; MHLW guideline 6.0 §17): an altered, a deleted (in the middle or at
 * the end) and an inserted-around-the-writer row are each reported as the first broken link, by the verifier
 * and by `GET /api/audit/verify` for a health center; concurrent writers (two server instances on one
 * PostgreSQL) keep the chain linear.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { tc1Report } from '../../tests/fixtures/reports.js';
import type { Kysely } from 'kysely';
import { appendAudit, auditMigrations, verifyAuditChain } from '../src/audit/chain.js';
import { openDatabase } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrations.js';
import type { DbHandle } from '../src/db/types.js';
import type { Browser } from './auth-harness.js';
import { json } from './auth-harness.js';
import { BACKENDS, PG_URL, freshPgDatabase } from './helpers.js';
import { sessionHarness, type SessionHarness } from './session-harness.js';

for (const backend of BACKENDS) {
  describe(`audit chain on ${backend}`, () => {
    let h: SessionHarness;
    let hc: Browser;
    let clinic: Browser;

    before(async () => {
      h = await sessionHarness(backend);
      hc = await h.firstSignIn('minato-hc', '090-2000-0001');
      clinic = await h.firstSignIn('clinic', '090-2000-0002');
      const filed = await clinic.req('POST', '/api/reports', { report: tc1Report() });
      assert.equal(filed.status, 201);
      const id = (await json(filed)).report.id;
      assert.equal((await hc.req('GET', `/api/reports/${id}`)).status, 200);
    });
    after(() => h?.close());

    const verify = async () => {
      const res = await hc.req('GET', '/api/audit/verify');
      assert.equal(res.status, 200);
      return json(res);
    };
    const rowAt = (seq: number) =>
      h.handle.db.selectFrom('audit_log').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow();

    test('an intact chain verifies; every row links to the one before', async () => {
      const v = await verify();
      assert.equal(v.ok, true, JSON.stringify(v));
      const rows = await h.handle.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
      assert.ok(rows.length >= 5, 'sign-ins, the report, the read');
      assert.equal(v.checked, rows.length);
      rows.forEach((r, i) => {
        assert.equal(r.seq, i + 1);
        if (i > 0) assert.equal(r.prev_hash, rows[i - 1]!.hash);
        assert.match(r.hash ?? '', /^[0-9a-f]{64}$/);
      });
      // FHIR AuditEvent-shaped: who, when, what, outcome, from where.
      const read = rows.find((r) => r.action === 'report.read')!;
      assert.equal(read.user_id, 'u-minato-hc');
      assert.equal(read.outcome, 'success');
      assert.match(read.source ?? '', /"requestId"/);
      const signIn = rows.find((r) => r.action === 'auth.signIn.completed')!;
      assert.match(signIn.source ?? '', /203\.0\.113\./, 'the sign-in records the address');
      assert.equal(signIn.user_id, 'u-minato-hc', 'the sign-in names the user');
      assert.equal(signIn.facility_code, '13103');
    });

    test('an altered row is the first broken link (API and verifier), and fixing it heals the chain', async () => {
      const target = await rowAt(3);
      await h.handle.db
        .updateTable('audit_log')
        .set({ new_data: JSON.stringify({ tampered: true }) })
        .where('seq', '=', 3)
        .execute();
      const v = await verify();
      assert.equal(v.ok, false);
      assert.equal(v.broken.seq, 3);
      assert.equal(v.broken.reason, 'altered');
      assert.equal(v.broken.id, target.id);
      await h.handle.db
        .updateTable('audit_log')
        .set({ new_data: target.new_data })
        .where('seq', '=', 3)
        .execute();
      assert.equal((await verifyAuditChain(h.handle.db)).ok, true);

      // Altering a row and recomputing its own hash is caught at the next row's link.
      const { chainHash, canonicalContent } = await import('../src/audit/chain.js');
      const forged = { ...target, user_id: 'someone-else' };
      await h.handle.db
        .updateTable('audit_log')
        .set({ user_id: forged.user_id, hash: chainHash(target.prev_hash!, canonicalContent(forged)) })
        .where('seq', '=', 3)
        .execute();
      const v2 = await verifyAuditChain(h.handle.db);
      assert.equal(v2.ok, false);
      assert.equal(v2.broken?.seq, 4);
      await h.handle.db
        .updateTable('audit_log')
        .set({ user_id: target.user_id, hash: target.hash })
        .where('seq', '=', 3)
        .execute();
      assert.equal((await verifyAuditChain(h.handle.db)).ok, true);
    });

    test('a deleted row (in the middle, or the last) is detected', async () => {
      const middle = await rowAt(2);
      await h.handle.db.deleteFrom('audit_log').where('seq', '=', 2).execute();
      const v = await verify();
      assert.equal(v.ok, false);
      assert.equal(v.broken.seq, 2);
      assert.equal(v.broken.reason, 'deleted');
      await h.handle.db.insertInto('audit_log').values(middle).execute();
      assert.equal((await verifyAuditChain(h.handle.db)).ok, true);

      const head = await h.handle.db.selectFrom('audit_chain_head').selectAll().executeTakeFirstOrThrow();
      const last = await rowAt(head.seq);
      await h.handle.db.deleteFrom('audit_log').where('seq', '=', head.seq).execute();
      const tail = await verifyAuditChain(h.handle.db);
      assert.equal(tail.ok, false);
      assert.equal(tail.broken?.reason, 'deleted');
      assert.equal(tail.broken?.seq, head.seq);
      await h.handle.db.insertInto('audit_log').values(last).execute();
      assert.equal((await verifyAuditChain(h.handle.db)).ok, true);
    });

    test('a row inserted around the writer is reported', async () => {
      await h.handle.db
        .insertInto('audit_log')
        .values({
          id: 'sneaky',
          at: new Date().toISOString(),
          user_id: 'x',
          facility_code: 'x',
          action: 'report.read',
          entity: 'report',
          entity_id: 'x',
          version: null,
          old_data: null,
          new_data: null,
          seq: null,
          outcome: null,
          source: null,
          prev_hash: null,
          hash: null,
        })
        .execute();
      const v = await verifyAuditChain(h.handle.db);
      assert.equal(v.ok, false);
      assert.equal(v.broken?.reason, 'unchained');
      assert.equal(v.broken?.id, 'sneaky');
      await h.handle.db.deleteFrom('audit_log').where('id', '=', 'sneaky').execute();
      assert.equal((await verifyAuditChain(h.handle.db)).ok, true);
    });

    test('clinics cannot verify the chain; health centers and prefectures can', async () => {
      assert.equal((await clinic.req('GET', '/api/audit/verify')).status, 403);
    });
  });
}

describe('audit chain migration', () => {
  test('rows written before the chain existed are chained in their order of time', async () => {
    const handle = openDatabase({ sqliteFile: ':memory:' });
    try {
      const db = handle.db;
      await db.schema
        .createTable('audit_log')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('facility_code', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer')
        .addColumn('old_data', 'text')
        .addColumn('new_data', 'text')
        .execute();
      for (const [id, at] of [
        ['b', '2026-01-02T00:00:00.000Z'],
        ['a', '2026-01-01T00:00:00.000Z'],
        ['c', '2026-01-03T00:00:00.000Z'],
      ]) {
        await (db as unknown as Kysely<Record<string, Record<string, unknown>>>)
          .insertInto('audit_log')
          .values({
            id,
            at,
            user_id: 'u',
            facility_code: 'f',
            action: 'report.create',
            entity: 'report',
            entity_id: id,
            version: 1,
            old_data: null,
            new_data: '{}',
          })
          .execute();
      }
      await auditMigrations()['500_audit_0001_hash_chain']!.up(db as unknown as Kysely<unknown>);
      const rows = await db.selectFrom('audit_log').select(['id', 'seq']).orderBy('seq').execute();
      assert.deepEqual(
        rows.map((r) => [r.id, r.seq]),
        [
          ['a', 1],
          ['b', 2],
          ['c', 3],
        ],
      );
      assert.equal((await verifyAuditChain(db)).ok, true);
      await appendAudit(db, [
        {
          at: '2026-01-04T00:00:00.000Z',
          userId: 'u',
          facilityCode: 'f',
          action: 'report.update',
          entity: 'report',
          entityId: 'a',
          version: 2,
        },
      ]);
      const v = await verifyAuditChain(db);
      assert.equal(v.ok, true, JSON.stringify(v));
      assert.equal(v.checked, 4);
    } finally {
      await handle.close();
    }
  });
});

describe('audit chain under concurrency', () => {
  test('parallel writers keep one linear chain (SQLite: one instance)', async () => {
    const handle = openDatabase({ sqliteFile: ':memory:' });
    try {
      await migrateToLatest(handle.db, handle.dialect);
      await writeInParallel([handle, handle], 40);
      const v = await verifyAuditChain(handle.db);
      assert.equal(v.ok, true, JSON.stringify(v));
      assert.equal(v.checked, 80);
    } finally {
      await handle.close();
    }
  });

  test(
    'two server instances on one PostgreSQL keep one linear chain',
    { skip: PG_URL ? false : 'TEST_DATABASE_URL is not set' },
    async () => {
      const fresh = await freshPgDatabase();
      const a = openDatabase({ databaseUrl: fresh.url, poolSize: 8 });
      const b = openDatabase({ databaseUrl: fresh.url, poolSize: 8 });
      try {
        await migrateToLatest(a.db, a.dialect);
        await writeInParallel([a, b], 60);
        const v = await verifyAuditChain(a.db);
        assert.equal(v.ok, true, JSON.stringify(v));
        assert.equal(v.checked, 120);
      } finally {
        await a.close();
        await b.close();
        await fresh.drop();
      }
    },
  );
});

/** Each instance writes `n` entries, each in its own transaction with a change, all at once. */
async function writeInParallel(instances: DbHandle[], n: number) {
  await Promise.all(
    instances.flatMap((inst, k) =>
      Array.from({ length: n }, (_, i) =>
        inst.db.transaction().execute(async (trx) => {
          await appendAudit(trx, [
            {
              at: new Date().toISOString(),
              userId: `u-${k}`,
              facilityCode: 'f',
              action: 'patient.update',
              entity: 'patient',
              entityId: `p-${k}-${i}`,
              version: i,
              oldData: { a: i },
              newData: { a: i + 1 },
            },
          ]);
        }),
      ),
    ),
  );
}
