/**
 * The outbox worker. Rows are leased (owner + expiry) before delivery, so several server instances on one
 * PostgreSQL never deliver the same row at once (`FOR UPDATE SKIP LOCKED`; SQLite: one atomic
 * `UPDATE … RETURNING`). A worker that dies mid-delivery leaves a lease that expires, and another takes
 * the row over: at-least-once delivery, with the row id as the idempotent message id (Message-ID /
 * Idempotency-Key) so the receiver can drop a duplicate. Failures are retried with exponential backoff
 * until `maxAttempts`, then the row is marked `dead` (visible at /dev/outbox and in the log).
 *
 * A 報告's messages are handed over directly (`OutboxDispatcher`): written already leased to this worker in
 * the filing's transaction, and delivered from memory as soon as it is durable — no pass leases them, reads
 * them back or waits for its next poll. Only what was not delivered (a failure to retry, a lease left by a
 * stopped process) goes through the passes.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Updateable } from 'kysely';
import type { Db, Dialect, OutboxTable } from '../db/types.js';
import { whenDurable } from '../db/wal-sync.js';
import type { Clock } from '../lib/time.js';
import type { MailPayload, SmsPayload } from './messages.js';
import type { Lease, LeasedMessage } from './queue.js';
import { SMTP_CONNECTIONS, type Mailer, type SmsProvider } from './transports.js';

export type { LeasedMessage } from './queue.js';

/**
 * What a writer of outbox rows needs to hand them to a worker at once (services/reports.ts): the lease to
 * write them with, and the hand-over after its transaction has committed.
 */
export interface OutboxDispatcher {
  /**
   * The lease for rows about to be written, or undefined when the worker holds enough undelivered messages
   * already (`maxInHand`) or is stopped: such rows are written unleased, for its passes.
   */
  leaseForNewRows(): Lease | undefined;
  /** Delivers rows written with that lease, once their transaction is durable; records the outcomes. */
  dispatch(rows: readonly LeasedMessage[]): void;
}

/** Rows per pass unless `batchSize` says otherwise. */
export const DEFAULT_BATCH = 300;

export interface WorkerOptions {
  db: Db;
  dialect: Dialect;
  mailer: Mailer;
  sms: SmsProvider;
  clock: Clock;
  mailFrom: string;
  owner?: string;
  leaseMs?: number;
  /**
   * Most rows leased by one pass (default {@link DEFAULT_BATCH}). Each pass commits twice (lease, outcome) and
   * rewrites the pages of its rows and their index entries; under load, larger passes write each page fewer
   * times (bench: 10.1 → 9.0 WAL pages per 報告 from 100 to 300 rows).
   */
  batchSize?: number;
  /** Messages delivered at once (default: the SMTP pool's connections). */
  concurrency?: number;
  maxAttempts?: number;
  /** First retry delay; doubled per attempt up to `maxBackoffMs`. */
  backoffBaseMs?: number;
  maxBackoffMs?: number;
  /**
   * Pause after a pass that delivered fewer than `batchSize` rows (default 50 ms), so that under load a pass
   * takes the rows of many filings at once: each pass commits twice (lease, record) and rewrites the pages of
   * the rows it touches, which the filings' own commits have just written.
   */
  gatherMs?: number;
  /**
   * Most messages handed over (`dispatch`) and not yet delivered (default 4 × `batchSize`). Past it, new rows
   * are left to the passes, so a slow mail server fills the table, not the memory, and no handed-over
   * message waits so long that its lease runs out.
   */
  maxInHand?: number;
  /** Replace the link token of sent SMS rows (production). */
  redactSentSms?: boolean;
  log?: (line: string) => void;
}

type Failure = { row: LeasedMessage; set: Updateable<OutboxTable> };

export class OutboxWorker implements OutboxDispatcher {
  readonly owner: string;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  /** `stop()` was called: no more passes, and nothing more is taken in hand. */
  private stopped = false;
  /** Handed over, waiting for their transaction's durability or for delivery. */
  private handed: LeasedMessage[] = [];
  /** Handed over and not yet delivered (`handed` and the ones being delivered). */
  private inHand = 0;
  private pumping: Promise<void> | undefined;
  /** Delivered handed-over rows whose outcome is not recorded yet. */
  private outcomes: { sent: LeasedMessage[]; failed: Failure[] } = { sent: [], failed: [] };
  private recordTimer: NodeJS.Timeout | undefined;
  private recording: Promise<void> | undefined;

  constructor(private readonly o: WorkerOptions) {
    this.owner = o.owner ?? `worker-${randomUUID()}`;
  }

  /** Leases up to `batchSize` due rows. */
  async lease(): Promise<LeasedMessage[]> {
    const now = this.o.clock.now();
    const nowIso = now.toISOString();
    const until = new Date(now.getTime() + (this.o.leaseMs ?? 60_000)).toISOString();
    const limit = this.o.batchSize ?? DEFAULT_BATCH;
    const lock = this.o.dialect === 'postgres' ? sql`for update skip locked` : sql``;
    const res = await sql<OutboxTable>`
      update outbox set lease_owner = ${this.owner}, lease_until = ${until}, attempts = attempts + 1
      where id in (
        select id from outbox
        where status = 'pending' and next_attempt_at <= ${nowIso} and (lease_until is null or lease_until < ${nowIso})
        order by next_attempt_at
        limit ${limit}
        ${lock}
      )
      returning *`.execute(this.o.db);
    if (res.rows.length === 0) return [];
    const payloads = new Map(
      (
        await this.o.db
          .selectFrom('outbox_payloads')
          .select(['id', 'payload'])
          .where(
            'id',
            'in',
            res.rows.map((r) => r.id),
          )
          .execute()
      ).map((p) => [p.id, p.payload]),
    );
    // A row without its message (written by hand?) fails its delivery and is retried, then given up.
    return res.rows.map((r) => ({ ...r, payload: payloads.get(r.id) ?? '' }));
  }

  private async deliver(row: LeasedMessage): Promise<void> {
    if (row.kind === 'mail') {
      const p = JSON.parse(row.payload) as MailPayload;
      await this.o.mailer.send({
        id: row.id,
        from: this.o.mailFrom,
        to: p.to,
        toName: p.toName,
        subject: p.subject,
        text: p.text,
      });
    } else {
      const p = JSON.parse(row.payload) as SmsPayload;
      await this.o.sms.send({ id: row.id, to: p.to, text: p.text });
    }
  }

  /** The row's next state after a failed delivery: pending again after a backoff, or dead. */
  private retryOrGiveUp(row: OutboxTable, err: unknown): Updateable<OutboxTable> {
    const message = err instanceof Error ? err.message : String(err);
    const dead = row.attempts >= (this.o.maxAttempts ?? 10);
    const base = this.o.backoffBaseMs ?? 1000;
    const delay = Math.min(base * 2 ** (row.attempts - 1), this.o.maxBackoffMs ?? 3_600_000);
    const jitter = delay * (0.8 + Math.random() * 0.4);
    this.o.log?.(
      `[outbox] ${row.kind} ${row.id} attempt ${row.attempts} failed: ${message}${dead ? ' (giving up)' : ''}`,
    );
    return {
      status: dead ? 'dead' : 'pending',
      next_attempt_at: new Date(this.o.clock.now().getTime() + jitter).toISOString(),
      lease_owner: null,
      lease_until: null,
      last_error: message.slice(0, 500),
    };
  }

  /**
   * One pass: lease, deliver, record. Returns how many rows were delivered. The outcomes of a pass are recorded
   * in one transaction (one commit, not one per message: at hundreds of filings a second the per-message
   * commits were competing with the filings for the write lock). A crash between a delivery and that commit
   * leaves the row leased; it is delivered again when the lease expires — at least once, as before.
   */
  async runOnce(): Promise<number> {
    const rows = await this.lease();
    if (rows.length === 0) return 0;
    // The lease commit is on disk, and with it every report committed before it: nothing is sent about a
    // report that a power loss could still take back.
    await whenDurable(this.o.db);
    const { sent, failed } = await this.deliverAll(rows);
    await this.record(sent, failed);
    return sent.length;
  }

  /** Delivers `rows`, several at once (as many as the SMTP pool has connections, transports.ts). */
  private async deliverAll(
    rows: readonly LeasedMessage[],
  ): Promise<{ sent: LeasedMessage[]; failed: Failure[] }> {
    const sent: LeasedMessage[] = [];
    const failed: Failure[] = [];
    let next = 0;
    const width = Math.min(this.o.concurrency ?? SMTP_CONNECTIONS, rows.length);
    await Promise.all(
      Array.from({ length: width }, async () => {
        while (next < rows.length) {
          const row = rows[next++]!;
          try {
            await this.deliver(row);
            sent.push(row);
          } catch (err) {
            failed.push({ row, set: this.retryOrGiveUp(row, err) });
          }
        }
      }),
    );
    return { sent, failed };
  }

  /**
   * Records outcomes in one transaction (one commit, not one per message: at hundreds of filings a second
   * the per-message commits were competing with the filings for the write lock), each only while the row's
   * lease is still this worker's. A crash before this commit leaves the rows leased; they are delivered
   * again when the lease expires — at least once.
   */
  private async record(sent: readonly LeasedMessage[], failed: readonly Failure[]): Promise<void> {
    if (sent.length === 0 && failed.length === 0) return;
    const nowIso = this.o.clock.now().toISOString();
    const done: Updateable<OutboxTable> = {
      status: 'sent',
      sent_at: nowIso,
      lease_owner: null,
      lease_until: null,
      last_error: null,
    };
    // Sent SMS rows keep their link only outside production (the token is single-use, but the row outlives it).
    const redacted = this.o.redactSentSms ? sent.filter((r) => r.kind === 'sms') : [];
    const plain = sent.filter((r) => !redacted.includes(r)).map((r) => r.id);
    await this.o.db.transaction().execute(async (trx) => {
      const mine = (ids: string[]) =>
        trx.updateTable('outbox').where('id', 'in', ids).where('lease_owner', '=', this.owner);
      // The sent rows in statements of at most a pass's size, then the exceptions one by one.
      const size = this.o.batchSize ?? DEFAULT_BATCH;
      for (let i = 0; i < plain.length; i += size)
        await mine(plain.slice(i, i + size))
          .set(done)
          .execute();
      for (const row of redacted) {
        const [recorded] = await mine([row.id]).set(done).execute();
        // Only while the lease is still this worker's: another one that took the row over sends it as it is.
        if (Number(recorded?.numUpdatedRows ?? 0) === 0) continue;
        const payload = row.payload.replace(/\/my\/invite\/[A-Za-z0-9_-]+/g, '/my/invite/[sent]');
        await trx.updateTable('outbox_payloads').set({ payload }).where('id', '=', row.id).execute();
      }
      for (const { row, set } of failed) await mine([row.id]).set(set).execute();
    });
  }

  leaseForNewRows(): Lease | undefined {
    if (this.stopped || this.inHand >= (this.o.maxInHand ?? 4 * (this.o.batchSize ?? DEFAULT_BATCH)))
      return undefined;
    const until = this.o.clock.now().getTime() + (this.o.leaseMs ?? 60_000);
    return { owner: this.owner, until: new Date(until).toISOString() };
  }

  dispatch(rows: readonly LeasedMessage[]): void {
    const mine = rows.filter((r) => r.lease_owner === this.owner);
    if (mine.length === 0) return;
    this.handed.push(...mine);
    this.inHand += mine.length;
    this.pumping ??= this.pump().finally(() => {
      this.pumping = undefined;
    });
  }

  /**
   * Delivers what was handed over, in rounds: what arrives during a round goes in the next one. Each round
   * waits for the durability of every commit before it, so nothing is sent about a report that a power loss
   * could still take back; the outcomes of the rounds are recorded together, `gatherMs` after the first.
   */
  private async pump(): Promise<void> {
    while (this.handed.length > 0) {
      const rows = this.handed;
      this.handed = [];
      try {
        await whenDurable(this.o.db);
      } catch (err) {
        // Not known to be on disk: left leased; a pass delivers them once the lease has expired.
        this.inHand -= rows.length;
        this.o.log?.(`[outbox] ${rows.length} messages wait for their lease to expire: ${String(err)}`);
        continue;
      }
      const { sent, failed } = await this.deliverAll(rows);
      this.inHand -= rows.length;
      this.outcomes.sent.push(...sent);
      this.outcomes.failed.push(...failed);
      this.recordTimer ??= setTimeout(() => void this.recordOutcomes(), this.o.gatherMs ?? 50);
    }
  }

  /** Records the outcomes of the handed-over rows delivered so far. */
  private recordOutcomes(): Promise<void> {
    clearTimeout(this.recordTimer);
    this.recordTimer = undefined;
    const { sent, failed } = this.outcomes;
    this.outcomes = { sent: [], failed: [] };
    const previous = this.recording ?? Promise.resolve();
    const current = previous.then(() =>
      this.record(sent, failed).catch((err: unknown) => {
        // The rows stay leased and are delivered again when the lease expires (at least once).
        this.o.log?.(`[outbox] recording ${sent.length + failed.length} outcomes failed: ${String(err)}`);
      }),
    );
    this.recording = current;
    return current;
  }

  /** Waits until every handed-over row is delivered and its outcome recorded (tests, stop). */
  async settle(): Promise<void> {
    while (this.pumping) await this.pumping;
    await this.recordOutcomes();
  }

  /** Polls every `intervalMs` until `stop()`. */
  start(intervalMs = 1000): void {
    this.stopped = false;
    const tick = async () => {
      if (this.stopped) return;
      try {
        const pass = this.runOnce();
        this.running = pass;
        const n = await pass;
        // Drain while there is work: at once after a full pass, after a short gathering pause otherwise.
        const full = n >= (this.o.batchSize ?? DEFAULT_BATCH);
        this.timer = setTimeout(tick, full ? 0 : n > 0 ? (this.o.gatherMs ?? 50) : intervalMs);
      } catch (err) {
        this.o.log?.(`[outbox] pass failed: ${err instanceof Error ? err.message : String(err)}`);
        this.timer = setTimeout(tick, intervalMs);
      }
    };
    this.timer = setTimeout(tick, 0);
  }

  /** Stops the passes, then delivers and records what was handed over. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => {});
    await this.settle();
  }

  /** Runs passes until nothing is due (tests). */
  async drain(maxPasses = 50): Promise<number> {
    await this.settle();
    let total = 0;
    for (let i = 0; i < maxPasses; i++) {
      const n = await this.runOnce();
      total += n;
      if (n === 0) break;
    }
    return total;
  }
}
