/**
 * Group commit of 報告 (services/group-commit.ts): concurrent filings share a transaction, and still each gets
 * its own answer — a failing item does not fail the others, an idempotency key used twice in one batch is
 * replayed, and everything answered 201 is stored.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { tc1Report } from '../../tests/fixtures/reports.js';
import { openDatabase } from '../src/db/connect.js';
import { claimLater, insertLater } from '../src/db/deferred-inserts.js';
import { appendAudit, verifyAuditChain } from '../src/audit/chain.js';
import { GroupCommitter, groupCommitter } from '../src/services/group-commit.js';
import { insertPatient } from '../src/services/patients.js';
import { loadUser } from '../src/auth.js';
import type { PatientRecord } from '../src/api-schemas.js';
import { notFound } from '../src/lib/errors.js';
import { BACKENDS, harness, json, type Harness } from './helpers.js';

type Trx = Parameters<Parameters<GroupCommitter['run']>[0]>[0];

/** Runs one item per key through `gc` at once; the middle key's item throws after `work`. */
function threeItemsMiddleFails(
  gc: GroupCommitter,
  keys: [string, string, string],
  work: (trx: Trx, key: string) => Promise<void>,
) {
  const never = () => false;
  return Promise.allSettled(
    keys.map((k) =>
      gc.run(
        async (trx) => {
          await work(trx, k);
          if (k === keys[1]) throw new Error(`item ${k} fails after its writes`);
          return k;
        },
        never,
        never,
      ),
    ),
  );
}

/** An outbox row recorded as sent: what the tests hold and drop. */
function sentMail(id: string, now: string) {
  return {
    id,
    kind: 'mail' as const,
    report_id: null,
    status: 'sent' as const,
    attempts: 0,
    next_attempt_at: now,
    lease_owner: null,
    lease_until: null,
    sent_at: now,
    last_error: null,
    created_at: now,
  };
}

for (const backend of BACKENDS) {
  describe(`group commit on ${backend}`, () => {
    let h: Harness;
    before(async () => {
      h = await harness(backend);
    });
    after(() => h.close());

    test('concurrent filings: one batch, each answered on its own, a failing one alone', async () => {
      const gc = groupCommitter(h.handle.db);
      const before = { ...gc.stats };
      const file = (key: string, extra: Record<string, unknown> = {}) =>
        h.req('POST', '/api/reports', {
          body: { report: tc1Report(), ...extra },
          headers: { 'idempotency-key': key },
        });
      const responses = await Promise.all([
        ...Array.from({ length: 12 }, (_, i) => file(`group-commit-${i}-key`)),
        // The same key twice at once: one of the two is filed, the other gets its answer.
        file('group-commit-0-key'),
        // 追加登録 to a patient that does not exist: 404, the others are stored.
        file('group-commit-missing-key', { herSysId: '99999999' }),
        // The same key as another request but another body: 422 once that request is stored. (PostgreSQL runs
        // concurrent batches, so it may come first: then it fails on its own, 404 for the unknown patient.)
        file('group-commit-1-key', { herSysId: '99999998' }),
      ]);
      const bodies = await Promise.all(responses.map((r) => json(r)));
      const statuses = responses.map((r) => r.status);
      assert.deepEqual(statuses.slice(0, 13), Array(13).fill(201));
      assert.equal(statuses[13], 404);
      if (backend === 'sqlite') assert.equal(statuses[14], 422);
      else assert.ok([404, 422].includes(statuses[14]!), `${statuses[14]}`);
      const replayed = [0, 12].filter((i) => responses[i]!.headers.get('idempotent-replayed') === 'true');
      assert.equal(replayed.length, 1, 'exactly one of the two is a replay');
      if (backend === 'sqlite') assert.deepEqual(replayed, [12], 'one batch keeps the arrival order');
      assert.equal(bodies[12].report.id, bodies[0].report.id);
      // Batched: fewer transactions than filings, one with several items.
      assert.ok(gc.stats.largest > 1, `largest batch ${gc.stats.largest}`);
      assert.ok(gc.stats.batches - before.batches < 15, `${gc.stats.batches - before.batches} transactions`);

      // Everything answered 201 is stored, once; with its patient, audit entries and mails.
      const ids = [...new Set(bodies.slice(0, 13).map((b) => b.report.id as string))];
      assert.equal(ids.length, 12);
      const stored = await h.handle.db.selectFrom('reports').select('id').where('id', 'in', ids).execute();
      assert.equal(stored.length, 12);
      const audits = await h.handle.db
        .selectFrom('audit_log')
        .select('entity_id')
        .where('action', '=', 'report.create')
        .where('entity_id', 'in', ids)
        .execute();
      assert.equal(audits.length, 12);
      const mails = await h.handle.db
        .selectFrom('outbox')
        .select('report_id')
        .where('report_id', 'in', ids)
        .where('kind', '=', 'mail')
        .execute();
      assert.equal(new Set(mails.map((m) => m.report_id)).size, 12);
      for (const b of bodies.slice(0, 12)) {
        const got = await h.req('GET', `/api/reports/${b.report.id}`);
        assert.equal(got.status, 200);
      }
      // A later retry of a stored key is replayed too.
      const again = await file('group-commit-5-key');
      assert.equal(again.status, 201);
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
      assert.equal((await json(again)).report.id, bodies[5].report.id);
    });

    test('new patients and 追加登録 in one batch: every report stored, the existing patient sees its new reports', async () => {
      const first = await json(await h.req('POST', '/api/reports', { body: { report: tc1Report() } }));
      const herSysId = first.report.herSysId as string;
      const gc = groupCommitter(h.handle.db);
      const before = gc.stats.batches;
      const responses = await Promise.all([
        ...Array.from({ length: 3 }, () => h.req('POST', '/api/reports', { body: { report: tc1Report() } })),
        ...Array.from({ length: 2 }, () =>
          h.req('POST', '/api/reports', { body: { report: tc1Report(), herSysId } }),
        ),
      ]);
      assert.deepEqual(
        responses.map((r) => r.status),
        Array(5).fill(201),
      );
      assert.ok(gc.stats.batches - before < 5, 'shared batches');
      const bodies = await Promise.all(responses.map((r) => json(r)));
      const ids = bodies.map((b) => b.report.id as string);
      const stored = await h.handle.db.selectFrom('reports').select('id').where('id', 'in', ids).execute();
      assert.equal(stored.length, 5);
      const ofPatient = await h.handle.db
        .selectFrom('reports')
        .select('id')
        .where('patient_id', '=', herSysId)
        .execute();
      assert.equal(ofPatient.length, 3);
      const patient = await h.handle.db
        .selectFrom('patients')
        .select('latest_report_id')
        .where('her_sys_id', '=', herSysId)
        .executeTakeFirstOrThrow();
      assert.ok(ids.slice(3).includes(patient.latest_report_id!), 'its latest report is one of the 追加登録');
    });

    test('an item rolled back after queuing outbox rows: its rows go; the others are written in one statement', async () => {
      const gc = new GroupCommitter(h.handle.db);
      const now = new Date().toISOString();
      const row = (id: string) => sentMail(id, now);
      let visibleEarly = 0;
      const results = await threeItemsMiddleFails(gc, ['d-1', 'd-2', 'd-3'], async (trx, k) => {
        await insertLater(trx, 'outbox', [row(`${k}-a`), row(`${k}-b`)]);
        // Nothing is written yet: held for the end of the batch.
        visibleEarly += (await trx.selectFrom('outbox').select('id').where('id', '=', `${k}-a`).execute())
          .length;
      });
      assert.deepEqual(
        results.map((r) => r.status),
        ['fulfilled', 'rejected', 'fulfilled'],
      );
      assert.equal(visibleEarly, 0, 'the rows are not written before the end of the batch');
      assert.equal(gc.stats.batches, 1);
      const stored = await h.handle.db
        .selectFrom('outbox')
        .select('id')
        .where('id', 'like', 'd-%')
        .orderBy('id')
        .execute();
      assert.deepEqual(
        stored.map((r) => r.id),
        ['d-1-a', 'd-1-b', 'd-3-a', 'd-3-b'],
      );
    });

    test('new patients are held for the end of the batch: consecutive IDs, one statement, a rolled-back one not stored', async () => {
      const gc = new GroupCommitter(h.handle.db);
      const u = (await loadUser(h.handle.db, 'clinic'))!;
      const now = new Date().toISOString();
      const ids = new Map<string, string>();
      let visibleEarly = 0;
      const results = await threeItemsMiddleFails(gc, ['p-1', 'p-2', 'p-3'], async (trx, k) => {
        const id = await insertPatient(trx, u, { familyName: '保留', givenName: k } as PatientRecord, now);
        ids.set(k, id);
        visibleEarly += (
          await trx.selectFrom('patients').select('her_sys_id').where('her_sys_id', '=', id).execute()
        ).length;
      });
      assert.deepEqual(
        results.map((r) => r.status),
        ['fulfilled', 'rejected', 'fulfilled'],
      );
      assert.equal(visibleEarly, 0, 'the rows are not written before the end of the batch');
      const [a, b, c] = ['p-1', 'p-2', 'p-3'].map((k) => Number(ids.get(k)));
      assert.deepEqual([b! - a!, c! - b!], [1, 1], 'IDs counted on within the transaction');
      const stored = await h.handle.db
        .selectFrom('patients')
        .select('her_sys_id')
        .where('given_name', 'like', 'p-%')
        .orderBy('her_sys_id')
        .execute();
      assert.deepEqual(
        stored.map((r) => r.her_sys_id),
        [ids.get('p-1'), ids.get('p-3')],
      );
      // The next transaction goes on after the largest stored ID.
      const next = await h.handle.db
        .transaction()
        .execute((trx) =>
          insertPatient(trx, u, { familyName: '保留', givenName: 'p-4' } as PatientRecord, now),
        );
      assert.equal(Number(next), c! + 1);
    });

    test('claims: an item whose key is taken (before, or earlier in its batch) loses everything it held; the rest stand', async () => {
      const gc = new GroupCommitter(h.handle.db);
      const now = new Date().toISOString();
      const key = (k: string) => ({
        scope: 'claims-test',
        key: k,
        request_hash: 'h',
        status_code: 201,
        response: '{}',
        created_at: now,
      });
      await h.handle.db.insertInto('idempotency_keys').values(key('taken')).execute();
      const never = () => false;
      const item = (name: string, k: string) =>
        gc.run(
          async (trx) => {
            await insertLater(trx, 'outbox', [sentMail(`claim-${name}`, now)]);
            await appendAudit(trx, [
              {
                at: now,
                userId: 'u',
                facilityCode: 'f',
                action: `claim.${name}`,
                entity: 'report',
                entityId: name,
                version: 1,
              },
            ]);
            await claimLater(trx, 'idempotency_keys', key(k), ['scope', 'key']);
            return name;
          },
          never,
          never,
        );
      const results = await Promise.allSettled([
        item('a', 'fresh-1'),
        item('b', 'taken'),
        item('c', 'fresh-2'),
        item('d', 'fresh-1'),
      ]);
      assert.deepEqual(
        results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).constructor.name)),
        ['a', 'ClaimTaken', 'c', 'ClaimTaken'],
      );
      assert.equal(gc.stats.batches, 1, 'one batch');
      const outbox = await h.handle.db
        .selectFrom('outbox')
        .select('id')
        .where('id', 'like', 'claim-%')
        .orderBy('id')
        .execute();
      assert.deepEqual(
        outbox.map((r) => r.id),
        ['claim-a', 'claim-c'],
      );
      const audit = await h.handle.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', 'like', 'claim.%')
        .orderBy('seq')
        .execute();
      assert.deepEqual(
        audit.map((r) => r.action),
        ['claim.a', 'claim.c'],
      );
      assert.equal((await verifyAuditChain(h.handle.db)).ok, true);
      const keys = await h.handle.db
        .selectFrom('idempotency_keys')
        .select('key')
        .where('scope', '=', 'claims-test')
        .orderBy('key')
        .execute();
      assert.deepEqual(
        keys.map((r) => r.key),
        ['fresh-1', 'fresh-2', 'taken'],
      );
    });

    test('held-only items: an ApiError is the item’s own answer; an unexpected error reruns the batch alone', async () => {
      const gc = new GroupCommitter(h.handle.db);
      const now = new Date().toISOString();
      const never = () => false;
      const item = (name: string, fail?: Error) =>
        gc.run(
          async (trx) => {
            await insertLater(trx, 'outbox', [sentMail(`held-${name}`, now)]);
            if (fail) throw fail;
            return name;
          },
          never,
          never,
          { heldOnly: true },
        );
      const outcome = (r: PromiseSettledResult<string>) =>
        r.status === 'fulfilled' ? r.value : (r.reason as Error).message;
      const first = await Promise.allSettled([item('a'), item('b', notFound('The patient')), item('c')]);
      assert.deepEqual(first.map(outcome), ['a', 'The patient was not found.', 'c']);
      assert.deepEqual(gc.stats, {
        batches: 1,
        items: 3,
        largest: 3,
        fallbacks: 0,
        oneStatement: backend === 'postgres' ? 1 : 0,
      });
      const second = await Promise.allSettled([item('d'), item('e', new Error('unexpected')), item('f')]);
      assert.deepEqual(second.map(outcome), ['d', 'unexpected', 'f']);
      assert.equal(gc.stats.fallbacks, 1, 'the batch ran again, each item alone');
      const stored = await h.handle.db
        .selectFrom('outbox')
        .select('id')
        .where('id', 'like', 'held-%')
        .orderBy('id')
        .execute();
      assert.deepEqual(
        stored.map((r) => r.id),
        ['held-a', 'held-c', 'held-d', 'held-f'],
      );
    });

    test(
      'PostgreSQL: a batch of held-only items is one statement; a moved chain head or a taken key costs a batch its transaction, nothing else',
      { skip: backend !== 'postgres' },
      async () => {
        const gc = new GroupCommitter(h.handle.db);
        const now = new Date().toISOString();
        const never = () => false;
        const entry = (action: string) => ({
          at: now,
          userId: 'u',
          facilityCode: 'f',
          action,
          entity: 'report',
          entityId: action,
          version: 1,
        });
        const key = (k: string) => ({
          scope: 'one-statement',
          key: k,
          request_hash: 'h',
          status_code: 201,
          response: '{}',
          created_at: now,
        });
        const item = (name: string, heldOnly = true) =>
          gc.run(
            async (trx) => {
              await insertLater(trx, 'outbox', [sentMail(`one-${name}`, now)]);
              await appendAudit(trx, [entry(`one.${name}`)]);
              await claimLater(trx, 'idempotency_keys', key(name), ['scope', 'key']);
              return name;
            },
            never,
            never,
            { heldOnly },
          );
        const batch = async (names: string[]) =>
          (await Promise.allSettled(names.map((n) => item(n)))).map((r) =>
            r.status === 'fulfilled' ? r.value : (r.reason as Error).constructor.name,
          );
        assert.deepEqual(await batch(['a1', 'a2', 'a3']), ['a1', 'a2', 'a3']);
        assert.equal(gc.stats.oneStatement, 1);

        // Another writer moves the chain head: the next batch's guard fails, and its transaction writes it.
        await appendAudit(h.handle.db, [entry('one.elsewhere')]);
        assert.deepEqual(await batch(['b1', 'b2', 'b3']), ['b1', 'b2', 'b3']);
        assert.deepEqual([gc.stats.oneStatement, gc.stats.batches], [1, 2]);
        // The head is read again: one statement again.
        assert.deepEqual(await batch(['c1', 'c2', 'c3']), ['c1', 'c2', 'c3']);
        assert.deepEqual([gc.stats.oneStatement, gc.stats.batches], [2, 3]);
        // A held-only item alone is one statement too; an item in its own transaction leaves the head it
        // wrote known: the next batch is one statement.
        assert.deepEqual(await batch(['s0']), ['s0']);
        assert.deepEqual([gc.stats.oneStatement, gc.stats.batches], [3, 4]);
        assert.equal(await item('s1', false), 's1');
        assert.deepEqual(await batch(['c4', 'c5']), ['c4', 'c5']);
        assert.deepEqual([gc.stats.oneStatement, gc.stats.batches], [4, 6]);

        // A key already stored fails the statement; the transaction settles the claims.
        await h.handle.db.insertInto('idempotency_keys').values(key('d2')).execute();
        assert.deepEqual(await batch(['d1', 'd2', 'd3']), ['d1', 'ClaimTaken', 'd3']);
        assert.deepEqual([gc.stats.oneStatement, gc.stats.batches], [4, 7]);

        const outbox = await h.handle.db
          .selectFrom('outbox')
          .select('id')
          .where('id', 'like', 'one-%')
          .orderBy('id')
          .execute();
        assert.deepEqual(
          outbox.map((r) => r.id),
          [
            'one-a1',
            'one-a2',
            'one-a3',
            'one-b1',
            'one-b2',
            'one-b3',
            'one-c1',
            'one-c2',
            'one-c3',
            'one-c4',
            'one-c5',
            'one-d1',
            'one-d3',
            'one-s0',
            'one-s1',
          ],
        );
        const audit = await h.handle.db
          .selectFrom('audit_log')
          .select('action')
          .where('action', 'like', 'one.%')
          .orderBy('seq')
          .execute();
        assert.deepEqual(
          audit.map((r) => r.action),
          [
            'one.a1',
            'one.a2',
            'one.a3',
            'one.elsewhere',
            'one.b1',
            'one.b2',
            'one.b3',
            'one.c1',
            'one.c2',
            'one.c3',
            'one.s0',
            'one.s1',
            'one.c4',
            'one.c5',
            'one.d1',
            'one.d3',
          ],
        );
        assert.equal((await verifyAuditChain(h.handle.db)).ok, true);
      },
    );

    test('an item rolled back after appending to the audit chain: its entry goes, the chain stays whole', async () => {
      const gc = new GroupCommitter(h.handle.db);
      const results = await threeItemsMiddleFails(gc, ['c-1', 'c-2', 'c-3'], async (trx, k) => {
        await appendAudit(trx, [
          {
            at: 'now',
            userId: 'u',
            facilityCode: 'f',
            action: 'test',
            entity: 'report',
            entityId: k,
            version: 1,
          },
        ]);
      });
      assert.deepEqual(
        results.map((r) => r.status),
        ['fulfilled', 'rejected', 'fulfilled'],
      );
      assert.equal(gc.stats.largest, 3, 'the three items shared one transaction');
      // The failed item's entry went with its rollback; the others are chained.
      const logged = await h.handle.db
        .selectFrom('audit_log')
        .select('entity_id')
        .where('entity_id', 'in', ['c-1', 'c-2', 'c-3'])
        .orderBy('seq')
        .execute();
      assert.deepEqual(
        logged.map((r) => r.entity_id),
        ['c-1', 'c-3'],
      );
      const chain = await verifyAuditChain(h.handle.db);
      assert.equal(chain.ok, true, JSON.stringify(chain.broken));
    });

    test('a failing item is rolled back alone; a batch that cannot commit reruns each item alone', async () => {
      const gc = new GroupCommitter(h.handle.db);
      const keys = (prefix: string) =>
        h.handle.db
          .selectFrom('idempotency_keys')
          .select('key')
          .where('key', 'like', `${prefix}%`)
          .orderBy('key')
          .execute()
          .then((rows) => rows.map((r) => r.key));
      const put = (key: string) => async (trx: Trx) => {
        await trx
          .insertInto('idempotency_keys')
          .values({
            scope: 'gc-test',
            key,
            request_hash: 'h',
            status_code: 201,
            response: '{}',
            created_at: 'now',
          })
          .execute();
        return key;
      };
      const never = () => false;
      const serialization = (err: unknown) => (err as { code?: string }).code === '40001';

      // An item that throws after writing: its write is undone, the others commit, each caller gets its outcome.
      const results = await Promise.allSettled(
        ['a-1', 'a-2', 'a-3'].map((k) =>
          gc.run(
            async (trx) => {
              const v = await put(k)(trx);
              if (k === 'a-2') throw new Error('item a-2 fails');
              return v;
            },
            never,
            never,
          ),
        ),
      );
      assert.deepEqual(
        results.map((r) => r.status),
        ['fulfilled', 'rejected', 'fulfilled'],
      );
      assert.deepEqual(await keys('a-'), ['a-1', 'a-3']);
      assert.equal(gc.stats.largest, 3);

      // An error that spoils the transaction (a serialization failure): the batch is rolled back and every
      // item runs again alone; nothing is written twice.
      let failures = 0;
      const values = await Promise.all(
        ['b-1', 'b-2', 'b-3'].map((k) =>
          gc.run(
            async (trx) => {
              const v = await put(k)(trx);
              if (k === 'b-2' && failures++ === 0)
                throw Object.assign(new Error('could not serialize'), { code: '40001' });
              return v;
            },
            never,
            serialization,
          ),
        ),
      );
      assert.deepEqual(values, ['b-1', 'b-2', 'b-3']);
      assert.equal(gc.stats.fallbacks, 1);
      assert.deepEqual(await keys('b-'), ['b-1', 'b-2', 'b-3']);
    });

    if (backend === 'postgres') {
      test('PostgreSQL writes several batches at once; their audit entries form one chain', async () => {
        const gc = new GroupCommitter(h.handle.db, { concurrentBatches: 2 });
        let releaseFirst!: () => void;
        const firstHeld = new Promise<void>((r) => (releaseFirst = r));
        const audit = (trx: Parameters<Parameters<GroupCommitter['run']>[0]>[0], id: string) =>
          appendAudit(trx, [
            {
              at: 'now',
              userId: 'u',
              facilityCode: 'f',
              action: 'test',
              entity: 'report',
              entityId: id,
              version: 1,
            },
          ]);
        const never = () => false;
        // The first batch waits inside its transaction until the second one has committed.
        const first = gc.run(
          async (trx) => {
            await audit(trx, 'd-1');
            await firstHeld;
            return 'd-1';
          },
          never,
          never,
        );
        await new Promise((r) => setTimeout(r, 20));
        const second = await gc.run(
          async (trx) => {
            await audit(trx, 'd-2');
            return 'd-2';
          },
          never,
          never,
        );
        assert.equal(second, 'd-2', 'the second batch committed while the first was open');
        releaseFirst();
        assert.equal(await first, 'd-1');
        const chain = await verifyAuditChain(h.handle.db);
        assert.equal(chain.ok, true, JSON.stringify(chain.broken));
      });
    }
  });
}

test("SQLite keeps the savepoints' journals in memory, not in temporary files", async () => {
  // Each filing of a batch runs in a SAVEPOINT; its sub-journal was a temporary file that was written more
  // than the WAL itself.
  const dir = mkdtempSync(join(tmpdir(), 'hersys-temp-store-'));
  const handle = openDatabase({ sqliteFile: join(dir, 'db.sqlite') });
  try {
    const { rows } = await sql<{ temp_store: number }>`pragma temp_store`.execute(handle.db);
    assert.equal(rows[0]?.temp_store, 2, 'temp_store = MEMORY');
  } finally {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
