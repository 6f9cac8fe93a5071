/**
 * Notifications: the outbox worker delivers to a real SMTP server; recipients are right; the default mail
 * and the SMS carry no patient name (and the SMS no HER-SYS ID); retries with backoff; leases make two
 * workers deliver each message once, and a crashed worker's rows are taken over after the lease expires.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { tc1Report } from '../../tests/fixtures/reports.js';
import {
  SMTP_CONNECTIONS,
  smtpMailer,
  type OutgoingSms,
  type SmsProvider,
} from '../src/outbox/transports.js';
import { OutboxWorker } from '../src/outbox/worker.js';
import { sql } from 'kysely';
import { migrateToLatest } from '../src/db/migrations.js';
import { BACKENDS, harness, json, openBackend, type Harness } from './helpers.js';
import { startSmtp } from './smtp.js';

function recordingSms(failTimes = 0): SmsProvider & { sent: OutgoingSms[]; calls: number } {
  const p = {
    name: 'test',
    sent: [] as OutgoingSms[],
    calls: 0,
    async send(s: OutgoingSms) {
      p.calls++;
      if (p.calls <= failTimes) throw new Error(`provider down (${p.calls})`);
      p.sent.push(s);
    },
  };
  return p;
}

for (const backend of BACKENDS) {
  describe(`outbox on ${backend}`, () => {
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    before(async () => {
      smtp = await startSmtp();
    });
    after(async () => {
      await smtp.close();
    });

    async function fileTc1(h: Harness) {
      const res = await h.req('POST', '/api/reports', { body: { report: tc1Report() } });
      assert.equal(res.status, 201);
      return json(res);
    }

    test('under load a pass gathers: a pass that leased fewer rows than it may pauses, a full one goes on at once', async () => {
      const h = await harness(backend);
      const sent: string[] = [];
      // While `held`, deliveries wait: a filing can be made while a pass is delivering.
      let held: Promise<void> | undefined;
      let release = () => {};
      const workers: OutboxWorker[] = [];
      const worker = (batchSize: number) => {
        const w = new OutboxWorker({
          db: h.handle.db,
          dialect: h.handle.dialect,
          mailer: { name: 'test', send: async (m) => void (await held, sent.push(m.id)) },
          sms: { name: 'test', send: async (s) => void (await held, sent.push(s.id)) },
          clock: h.clock,
          mailFrom: h.config.mailFrom,
          batchSize,
          gatherMs: 60_000,
        });
        workers.push(w);
        return w;
      };
      const delivered = async (n: number, ms: number) => {
        const end = Date.now() + ms;
        while (sent.length < n && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
        return sent.length;
      };
      try {
        // Full passes of 2: the four rows of one filing go out in two passes and a third that finds nothing,
        // without the 60 s pause.
        await fileTc1(h);
        const full = worker(2);
        full.start(60_000);
        assert.equal(await delivered(4, 10_000), 4);
        await full.stop();
        // A pass that may take 10 leases the 4 rows of a filing; another filing is made while it delivers.
        // The pass ends short of 10, so the next one waits gatherMs: the second filing's rows are not sent yet.
        await fileTc1(h);
        held = new Promise<void>((r) => (release = r));
        const partial = worker(10);
        partial.start(60_000);
        const leased = () =>
          h.handle.db
            .selectFrom('outbox')
            .select('id')
            .where('lease_owner', '=', partial.owner)
            .executeTakeFirst();
        while (!(await leased())) await new Promise((r) => setTimeout(r, 10));
        await fileTc1(h);
        release();
        assert.equal(await delivered(8, 10_000), 8);
        assert.equal(await delivered(12, 800), 8, 'the next pass waits for gatherMs');
        await partial.stop();
        assert.equal(await partial.drain(), 4);
      } finally {
        release();
        for (const w of workers) await w.stop();
        await h.close();
      }
    });

    test('mails reach the SMTP server: the right recipients, no patient name; the SMS has no name and no ID', async () => {
      const h = await harness(backend);
      try {
        smtp.mails.length = 0;
        const body = await fileTc1(h);
        const sms = recordingSms();
        const worker = new OutboxWorker({
          db: h.handle.db,
          dialect: h.handle.dialect,
          mailer: smtpMailer(`smtp://127.0.0.1:${smtp.port}`),
          sms,
          clock: h.clock,
          mailFrom: h.config.mailFrom,
        });
        assert.equal(await worker.drain(), 4);
        assert.equal(smtp.mails.length, 3);
        const to = smtp.mails.flatMap((m) => m.to).sort();
        assert.deepEqual(to, [
          'hokenjo@chiyoda.example',
          'hokenjo@minato.example',
          'kansen@pref-tokyo.example',
        ]);
        const herSysId = body.report.herSysId as string;
        for (const m of smtp.mails) {
          assert.match(m.subject, /東京中央クリニック/);
          assert.match(m.text, new RegExp(`HER-SYS ID: ${herSysId}`));
          assert.match(m.text, /報告年月日: 2022-09-27/);
          assert.match(m.text, /類型: 患者（確定例）/);
          assert.ok(m.text.includes(`http://localhost:8787/reports/${body.report.id}`));
          for (const secret of ['山田', '花子', 'ヤマダ', '1950-04-12', '090-1234-5678', '大手町']) {
            assert.ok(
              !m.raw.includes(secret) && !m.text.includes(secret) && !m.subject.includes(secret),
              `mail leaks ${secret}`,
            );
          }
          assert.match(m.headers['message-id']!, /@outbox\.hersys-sdk\.invalid>$/);
        }
        assert.equal(sms.sent.length, 1);
        const s = sms.sent[0]!;
        assert.equal(s.to, '09012345678');
        assert.match(s.text, /http:\/\/localhost:8787\/my\/invite\/[A-Za-z0-9_-]{40,}/);
        for (const secret of ['山田', '花子', 'ヤマダ', 'ハナコ', herSysId])
          assert.ok(!s.text.includes(secret), `SMS leaks ${secret}`);
        const rows = await h.handle.db.selectFrom('outbox').selectAll().execute();
        assert.ok(rows.every((r) => r.status === 'sent' && r.sent_at && r.lease_owner === null));
        assert.equal(await worker.drain(), 0, 'nothing is sent twice');
        assert.equal(smtp.mails.length, 3);
      } finally {
        await h.close();
      }
    });

    test('MAIL_FULL_CONTENT puts the report into the mail', async () => {
      const h = await harness(backend, { mailFullContent: true });
      try {
        smtp.mails.length = 0;
        await fileTc1(h);
        const worker = new OutboxWorker({
          db: h.handle.db,
          dialect: h.handle.dialect,
          mailer: smtpMailer(`smtp://127.0.0.1:${smtp.port}`),
          sms: recordingSms(),
          clock: h.clock,
          mailFrom: h.config.mailFrom,
        });
        await worker.drain();
        assert.equal(smtp.mails.length, 3);
        assert.match(smtp.mails[0]!.text, /氏名: 山田 花子/);
      } finally {
        await h.close();
      }
    });

    test('failures are retried with backoff, then given up', async () => {
      const h = await harness(backend);
      try {
        await fileTc1(h);
        await h.handle.db.deleteFrom('outbox').where('kind', '=', 'mail').execute();
        const sms = recordingSms(2);
        const worker = new OutboxWorker({
          db: h.handle.db,
          dialect: h.handle.dialect,
          mailer: smtpMailer('smtp://127.0.0.1:1'),
          sms,
          clock: h.clock,
          mailFrom: 'x@y.example',
          backoffBaseMs: 10_000,
        });
        assert.equal(await worker.runOnce(), 0);
        let row = await h.handle.db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow();
        assert.equal(row.status, 'pending');
        assert.equal(row.attempts, 1);
        assert.match(row.last_error!, /provider down/);
        const wait1 = Date.parse(row.next_attempt_at) - h.clock.now().getTime();
        assert.ok(wait1 >= 8000 && wait1 <= 12_000, `first backoff ${wait1}`);
        assert.equal(await worker.runOnce(), 0, 'not due yet');
        assert.equal(sms.calls, 1);
        h.clock.advance(12_001);
        await worker.runOnce();
        row = await h.handle.db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow();
        const wait2 = Date.parse(row.next_attempt_at) - h.clock.now().getTime();
        assert.ok(wait2 >= 16_000 && wait2 <= 24_000, `second backoff doubles: ${wait2}`);
        h.clock.advance(24_001);
        assert.equal(await worker.runOnce(), 1);
        row = await h.handle.db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow();
        assert.equal(row.status, 'sent');
        assert.equal(sms.sent.length, 1);

        // A message that never goes through ends as dead after maxAttempts.
        await fileTc1(h);
        const dead = new OutboxWorker({
          db: h.handle.db,
          dialect: h.handle.dialect,
          mailer: smtpMailer('smtp://127.0.0.1:1'),
          sms: recordingSms(99),
          clock: h.clock,
          mailFrom: 'x@y.example',
          backoffBaseMs: 1,
          maxAttempts: 3,
        });
        for (let i = 0; i < 5; i++) {
          await dead.runOnce();
          h.clock.advance(1000);
        }
        const statuses = await h.handle.db
          .selectFrom('outbox')
          .select(['status', 'attempts'])
          .where('status', '!=', 'sent')
          .execute();
        assert.ok(statuses.length >= 1);
        assert.ok(
          statuses.every((s) => s.status === 'dead' && s.attempts === 3),
          JSON.stringify(statuses),
        );
      } finally {
        await h.close();
      }
    });

    test('a crashed worker’s lease expires and another worker delivers, once; two workers never share a row', async () => {
      const h = await harness(backend);
      try {
        smtp.mails.length = 0;
        for (let i = 0; i < 5; i++) await fileTc1(h);
        const total = 20;
        const mk = (owner: string, sms: SmsProvider) =>
          new OutboxWorker({
            db: h.handle.db,
            dialect: h.handle.dialect,
            mailer: smtpMailer(`smtp://127.0.0.1:${smtp.port}`),
            sms,
            clock: h.clock,
            mailFrom: h.config.mailFrom,
            owner,
            leaseMs: 30_000,
            batchSize: 7,
          });
        const smsA = recordingSms();
        const a = mk('A', smsA);
        const leased = await a.lease(); // A leases 7 rows and "crashes" before delivering them.
        assert.equal(leased.length, 7);
        const smsB = recordingSms();
        const b = mk('B', smsB);
        const c = mk('C', smsB);
        // B and C run concurrently: they deliver the other 13, never A's leased rows.
        const [nb, nc] = await Promise.all([b.drain(), c.drain()]);
        assert.equal(nb + nc, total - 7);
        h.clock.advance(30_001);
        assert.equal(await b.drain(), 7, 'taken over after the lease expired');
        const rows = await h.handle.db.selectFrom('outbox').selectAll().execute();
        assert.equal(rows.length, total);
        assert.ok(rows.every((r) => r.status === 'sent'));
        assert.equal(smtp.mails.length, 15);
        assert.equal(new Set(smtp.mails.map((m) => m.headers['message-id'])).size, 15, 'each mail once');
        assert.equal(smsB.sent.length, 5);
        assert.equal(new Set(smsB.sent.map((s) => s.id)).size, 5);
        // The crashed worker's late "sent" cannot overwrite what B recorded (it no longer holds the lease).
        const res = await h.handle.db
          .updateTable('outbox')
          .set({ last_error: 'late' })
          .where('id', '=', leased[0]!.id)
          .where('lease_owner', '=', 'A')
          .executeTakeFirst();
        assert.equal(Number(res.numUpdatedRows), 0);
      } finally {
        await h.close();
      }
    });

    test('a 報告’s messages are handed to the worker and delivered once committed, without a pass; the rest go through passes', async () => {
      const base = await harness(backend);
      const workers: OutboxWorker[] = [];
      const mk = (sms: SmsProvider, o: { maxInHand?: number; owner?: string } = {}) => {
        const w = new OutboxWorker({
          db: base.handle.db,
          dialect: base.handle.dialect,
          mailer: smtpMailer(`smtp://127.0.0.1:${smtp.port}`),
          sms,
          clock: base.clock,
          mailFrom: base.config.mailFrom,
          gatherMs: 200,
          backoffBaseMs: 10_000,
          ...o,
        });
        workers.push(w);
        return w;
      };
      const outbox = () => base.handle.db.selectFrom('outbox').selectAll().orderBy('id').execute();
      try {
        // Handed over: written leased to the worker, delivered and recorded with no pass ever run.
        smtp.mails.length = 0;
        const sms = recordingSms();
        const worker = mk(sms);
        const h = await harness(backend, {}, { handle: base.handle }, { outbox: worker });
        const filed = await fileTc1(h);
        const written = await outbox();
        assert.equal(written.length, 4);
        for (const r of written) {
          assert.equal(r.lease_owner, worker.owner, 'written leased to the worker');
          assert.equal(r.attempts, 1);
          assert.ok(Date.parse(r.lease_until!) > base.clock.now().getTime());
        }
        assert.equal(await mk(recordingSms()).runOnce(), 0, 'another worker’s pass cannot take them');
        await worker.settle();
        assert.equal(smtp.mails.length, 3);
        assert.ok(smtp.mails.every((m) => m.text.includes(filed.report.herSysId as string)));
        assert.equal(sms.sent.length, 1);
        assert.ok((await outbox()).every((r) => r.status === 'sent' && r.lease_owner === null));
        assert.equal(await worker.drain(), 0, 'nothing is sent twice');
        assert.equal(smtp.mails.length, 3);

        // A failed delivery is recorded for a retry by a pass, with its backoff.
        await base.handle.db.deleteFrom('outbox').execute();
        const flaky = recordingSms(1);
        const retrying = mk(flaky);
        await fileTc1(await harness(backend, {}, { handle: base.handle }, { outbox: retrying }));
        await retrying.settle();
        let row = (await outbox()).find((r) => r.kind === 'sms')!;
        assert.equal(row.status, 'pending');
        assert.equal(row.lease_owner, null);
        assert.match(row.last_error!, /provider down/);
        assert.equal(await retrying.runOnce(), 0, 'not due before its backoff');
        base.clock.advance(12_001);
        assert.equal(await retrying.runOnce(), 1);
        row = (await outbox()).find((r) => r.kind === 'sms')!;
        assert.equal(row.status, 'sent');
        assert.equal(row.attempts, 2);
        assert.equal(flaky.sent.length, 1);

        // A worker that holds enough already takes nothing more in hand: the rows are left to the passes.
        await base.handle.db.deleteFrom('outbox').execute();
        const full = mk(recordingSms(), { maxInHand: 0 });
        await fileTc1(await harness(backend, {}, { handle: base.handle }, { outbox: full }));
        await full.settle();
        assert.ok(
          (await outbox()).every((r) => r.status === 'pending' && r.lease_owner === null && r.attempts === 0),
        );
        assert.equal(await full.drain(), 4);

        // Handed to a process that stopped before delivering: delivered by another once the lease expires.
        await base.handle.db.deleteFrom('outbox').execute();
        smtp.mails.length = 0;
        const gone = mk(recordingSms(), { owner: 'gone' });
        const dispatcher = { leaseForNewRows: () => gone.leaseForNewRows(), dispatch: () => {} };
        await fileTc1(await harness(backend, {}, { handle: base.handle }, { outbox: dispatcher }));
        const other = mk(recordingSms());
        assert.equal(await other.drain(), 0);
        base.clock.advance(60_001);
        assert.equal(await other.drain(), 4);
        assert.equal(smtp.mails.length, 3);
      } finally {
        for (const w of workers) await w.stop();
        await base.close();
      }
    });

    test('a pass delivers several messages at once (as many as the SMTP pool has connections), each recorded', async () => {
      const h = await harness(backend);
      try {
        for (let i = 0; i < 4; i++) await fileTc1(h); // 12 mails, 4 SMS
        let inFlight = 0;
        let most = 0;
        const slowMailer = {
          name: 'slow',
          async send() {
            most = Math.max(most, ++inFlight);
            await new Promise((r) => setTimeout(r, 20));
            inFlight--;
          },
        };
        const worker = new OutboxWorker({
          db: h.handle.db,
          dialect: h.handle.dialect,
          mailer: slowMailer,
          sms: recordingSms(),
          clock: h.clock,
          mailFrom: h.config.mailFrom,
        });
        assert.equal(await worker.runOnce(), 16);
        assert.equal(most, SMTP_CONNECTIONS, 'mails waited for each other');
        const rows = await h.handle.db.selectFrom('outbox').select('status').execute();
        assert.ok(rows.length === 16 && rows.every((r) => r.status === 'sent'));
      } finally {
        await h.close();
      }
    });
  });
}

for (const backend of BACKENDS) {
  test(`${backend}: the messages move to outbox_payloads with their rows; a queued one is still delivered`, async () => {
    const b = await openBackend(backend);
    try {
      const db = b.handle.db;
      await migrateToLatest(db, b.handle.dialect, { upTo: '710_ids_0001_her_sys_id_sequence' });
      const now = new Date().toISOString();
      const payload = JSON.stringify({ to: '09012345678', text: '移行前のSMS', inviteId: '' });
      await sql`insert into outbox (id, kind, payload, report_id, status, attempts, next_attempt_at, created_at)
        values ('before-move', 'sms', ${payload}, null, 'pending', 0, ${now}, ${now})`.execute(db);
      await migrateToLatest(db, b.handle.dialect);
      const moved = await db.selectFrom('outbox_payloads').selectAll().execute();
      assert.deepEqual(moved, [{ id: 'before-move', payload }]);
      const sms = recordingSms();
      const w = new OutboxWorker({
        db,
        dialect: b.handle.dialect,
        mailer: { name: 'test', send: async () => {} },
        sms,
        clock: { now: () => new Date() },
        mailFrom: 'test@hersys.example',
      });
      assert.equal(await w.runOnce(), 1);
      assert.deepEqual(
        sms.sent.map((s) => [s.id, s.to, s.text]),
        [['before-move', '09012345678', '移行前のSMS']],
      );
      const row = await db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow();
      assert.equal(row.status, 'sent');
      assert.equal('payload' in row, false, 'the column is gone');
    } finally {
      await b.handle.close();
      await b.drop();
    }
  });
}
