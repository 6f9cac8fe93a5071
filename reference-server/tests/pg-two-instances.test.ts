/**
 * Two server instances (two apps, two connection pools, two outbox workers) on one PostgreSQL behave as
 * one: reports filed through both, an idempotent retry that lands on the other instance, and every
 * notification delivered exactly once. Runs when TEST_DATABASE_URL is set.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tc1Report } from '../../tests/fixtures/reports.js';
import { openDatabase } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrations.js';
import { seedDemoData } from '../src/db/seed.js';
import { smtpMailer, type OutgoingSms } from '../src/outbox/transports.js';
import { OutboxWorker } from '../src/outbox/worker.js';
import { PG_URL, freshPgDatabase, harness, json } from './helpers.js';
import { startSmtp } from './smtp.js';

test(
  'two instances on one PostgreSQL',
  { skip: PG_URL ? false : 'TEST_DATABASE_URL is not set', timeout: 120_000 },
  async () => {
    const fresh = await freshPgDatabase();
    const smtp = await startSmtp();
    const h1 = openDatabase({ databaseUrl: fresh.url, poolSize: 6 });
    const h2 = openDatabase({ databaseUrl: fresh.url, poolSize: 6 });
    try {
      // Both instances start at once: the migrations run once (Kysely's migration lock), the seed once.
      await Promise.all([migrateToLatest(h1.db, 'postgres'), migrateToLatest(h2.db, 'postgres')]);
      const seeded = await Promise.all([
        seedDemoData(h1.db, new Date().toISOString()),
        seedDemoData(h2.db, new Date().toISOString()),
      ]);
      assert.deepEqual(seeded.sort(), [false, true], 'seeded once, the other instance does not fail');
      const a = await harness('postgres', {}, { handle: h1 });
      const b = await harness('postgres', {}, { handle: h2 });

      const N = 40;
      const results = await Promise.all(
        Array.from({ length: N }, (_, i) =>
          (i % 2 ? a : b).req('POST', '/api/reports', {
            body: { report: tc1Report() },
            headers: { 'idempotency-key': `two-inst-${i}` },
          }),
        ),
      );
      assert.deepEqual(
        results.map((r) => r.status),
        Array(N).fill(201),
      );
      const bodies = await Promise.all(results.map((r) => json(r)));
      // Retries of every request land on the OTHER instance, concurrently: same answers, no new reports.
      const retries = await Promise.all(
        Array.from({ length: N }, (_, i) =>
          (i % 2 ? b : a).req('POST', '/api/reports', {
            body: { report: tc1Report() },
            headers: { 'idempotency-key': `two-inst-${i}` },
          }),
        ),
      );
      for (let i = 0; i < N; i++) {
        assert.equal(retries[i]!.headers.get('idempotent-replayed'), 'true');
        assert.equal((await json(retries[i]!)).report.id, bodies[i].report.id);
      }
      // A report filed on one is read and edited on the other.
      const id = bodies[0].report.id;
      const edited = await b.req('PUT', `/api/reports/${id}`, { body: { report: tc1Report(), version: 1 } });
      assert.equal(edited.status, 200);
      assert.equal(
        (await a.req('PUT', `/api/reports/${id}`, { body: { report: tc1Report(), version: 1 } })).status,
        409,
      );

      const reports = await h1.db.selectFrom('reports').select('id').execute();
      assert.equal(reports.length, N);
      const herSysIds = new Set(bodies.map((x) => x.report.herSysId));
      assert.equal(herSysIds.size, N, 'unique HER-SYS IDs');

      // Two workers, one per instance, run concurrently: every message once.
      const sent: OutgoingSms[] = [];
      const sms = { name: 'rec', send: async (s: OutgoingSms) => void sent.push(s) };
      const w1 = new OutboxWorker({
        db: h1.db,
        dialect: 'postgres',
        mailer: smtpMailer(`smtp://127.0.0.1:${smtp.port}`),
        sms,
        clock: a.clock,
        mailFrom: a.config.mailFrom,
        owner: 'one',
        batchSize: 5,
      });
      const w2 = new OutboxWorker({
        db: h2.db,
        dialect: 'postgres',
        mailer: smtpMailer(`smtp://127.0.0.1:${smtp.port}`),
        sms,
        clock: a.clock,
        mailFrom: a.config.mailFrom,
        owner: 'two',
        batchSize: 5,
      });
      const [n1, n2] = await Promise.all([w1.drain(100), w2.drain(100)]);
      assert.equal(n1 + n2, N * 4);
      assert.ok(n1 > 0 && n2 > 0, `both workers delivered (${n1}, ${n2})`);
      assert.equal(smtp.mails.length, N * 3);
      assert.equal(new Set(smtp.mails.map((m) => m.headers['message-id'])).size, N * 3, 'no mail twice');
      assert.equal(sent.length, N);
      assert.equal(new Set(sent.map((s) => s.id)).size, N, 'no SMS twice');
    } finally {
      await h1.close();
      await h2.close();
      await smtp.close();
      await fresh.drop();
    }
  },
);
