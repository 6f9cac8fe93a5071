/**
 * Group commit: concurrent writes of one kind (報告, the busiest) share one transaction, so a batch pays one
 * commit — one WAL sync on SQLite, one WAL flush and one round trip of BEGIN/COMMIT on PostgreSQL — and one
 * acquisition of the lock every filing needs (the audit chain head): the batch's audit entries are held and
 * chained at its end (audit/chain.ts `deferAudit`), and so are its new patients, reports, outbox rows and SMS
 * invitations (db/deferred-inserts.ts): one insert per table, and on PostgreSQL all of them one statement
 * (db/write-together.ts).
 *
 * - A write is queued; the queue is drained in batches (per database handle, so per process: two instances each
 *   run their own batches and the database serialises them as it does single transactions), one batch at a time
 *   (`concurrentBatches`).
 * - Each item runs in its own SAVEPOINT: an item that fails (a 404, an idempotency conflict, a constraint) is
 *   rolled back alone (its held audit entries dropped with it) and answered with its own error; a unique
 *   violation that the item may retry (a HER-SYS ID collision) is retried inside its savepoint. An item that
 *   only reads and holds its writes (`heldOnly`: a new patient's 報告) needs none: dropping what it held undoes
 *   it, and its idempotency key is a claim settled when the batch writes what it holds (db/deferred-inserts.ts).
 * - Every caller is answered only after its batch has COMMITTED; the answer leaves the server only once that
 *   commit is on disk (the app waits for it before every response, db/wal-sync.ts). On SQLite the next batch
 *   starts when that sync is done, with every request that arrived meanwhile. Nothing is kept in memory beyond
 *   the waiting requests.
 * - When the batch itself fails (commit error, a PostgreSQL serialization failure or deadlock, SQLITE_BUSY),
 *   every item is run again alone in its own transaction, so one item never fails the others.
 * - PostgreSQL, a batch of held-only items (new patients' 報告, the bulk of the load): no transaction at all —
 *   the items read and hold, and everything they hold is one guarded statement, commit included
 *   (`runInOneStatement`): one round trip per batch where a transaction took seven. A batch it cannot write
 *   that way goes through the transaction as above.
 */
import { PostgresAdapter, sql, type Kysely, type Transaction } from 'kysely';
import type { Database, Db } from '../db/types.js';
import { ApiError } from '../lib/errors.js';
import { whenDurable } from '../db/wal-sync.js';
import {
  deferAudit,
  dropAuditEntriesOf,
  dropAuditEntriesSince,
  heldAuditEntries,
  readChainHead,
  takeHeldAudit,
  takeHeldAuditAfter,
  type ChainHead,
} from '../audit/chain.js';
import {
  ClaimTaken,
  deferInserts,
  dropInsertsSince,
  heldInserts,
  settleClaims,
  takeHeldInserts,
} from '../db/deferred-inserts.js';
import { writeInOneStatement, writeTogether } from '../db/write-together.js';

export interface GroupCommitOptions {
  /** Most items in one transaction (default 60: PostgreSQL keeps 64 subtransactions per backend in shared memory, more overflow it). */
  maxBatch?: number;
  /**
   * Batches written at once (default 1). SQLite's one connection writes one transaction at a time. On
   * PostgreSQL a new patient's filing makes no round trip of its own, so a batch is a dozen statements
   * whatever its size: one batch at a time makes them larger and the round trips per filing fewer (in
   * alternating runs 709–1,005/s with 4 at once, 868–1,156/s with 1). Instances on one PostgreSQL each write
   * their own.
   */
  concurrentBatches?: number;
}

interface Job<T> {
  work: (trx: Transaction<Database>) => Promise<T>;
  /** True when the item may be retried after this error (within its savepoint, or in a new transaction). */
  retryItem: (err: unknown) => boolean;
  /** True when the error spoils the whole transaction (serialization failure, deadlock, busy). */
  retryTx: (err: unknown) => boolean;
  /** The item only reads and holds its writes (`RunOptions.heldOnly`). */
  heldOnly: boolean;
  resolve: (v: T) => void;
  reject: (err: unknown) => void;
}

/** What an item's caller is answered. */
type Answer = { ok: true; value: unknown } | { ok: false; err: unknown };
/** An item's answer, and where its holdings begin when it stands. */
type Outcome = { ok: true; value: unknown; held: Mark } | { ok: false; err: unknown };

class BatchAbort extends Error {
  constructor(override readonly cause: unknown) {
    super('group commit batch aborted');
  }
}

/** What a transaction holds for its end: its audit entries (chained at once) and its deferred inserts. */
function holdWrites(trx: Transaction<Database> | Kysely<Database>): void {
  deferAudit(trx);
  deferInserts(trx);
}

/** How many audit entries and inserts a transaction held at some point (where an item's holdings begin). */
interface Mark {
  audit: number;
  inserts: number;
}

/** A mark of what is held so far, to drop what an item held after it. */
function heldWrites(trx: Transaction<Database> | Kysely<Database>): Mark {
  return { audit: heldAuditEntries(trx), inserts: heldInserts(trx) };
}

function dropWritesSince(trx: Transaction<Database> | Kysely<Database>, mark: Mark): void {
  dropAuditEntriesSince(trx, mark.audit);
  dropInsertsSince(trx, mark.inserts);
}

/**
 * Writes what is held: the claims first (one statement), then the rows and the audit entries, chained after the
 * head it locks — on PostgreSQL all in one statement (db/write-together.ts). `items` are the marks where each
 * item's holdings begin; the positions of the items whose claim was taken are returned, their writes dropped
 * (db/deferred-inserts.ts), and the chain head after the entries (none: no entries).
 */
async function flushWrites(
  trx: Transaction<Database>,
  items: readonly Mark[] = [],
): Promise<{ lost: number[]; head?: ChainHead }> {
  const marks = items.map((m) => m.inserts);
  const lost = await settleClaims(trx, marks);
  dropAuditEntriesOf(
    trx,
    items.map((m) => m.audit),
    lost,
  );
  const rows = takeHeldInserts(trx, marks, lost);
  const audit = await takeHeldAudit(trx);
  await writeTogether(trx, [...rows, ...audit.queries]);
  return { lost, head: audit.head };
}

const MAX_ATTEMPTS = 6;

export interface RunOptions {
  /**
   * The work only reads and holds its writes (db/deferred-inserts.ts, audit/chain.ts; its idempotency key as a
   * claim): it runs without a savepoint — a round trip fewer per item on PostgreSQL — since dropping what it
   * held undoes it. An unexpected error in it (a failed read may have spoilt a PostgreSQL transaction) runs the
   * batch's items again alone; an `ApiError` is its own answer.
   */
  heldOnly?: boolean;
}

export class GroupCommitter {
  private queue: Job<unknown>[] = [];
  private scheduled = false;
  private running = 0;
  private readonly maxBatch: number;
  private readonly concurrentBatches: number;
  /** Batches written and items in them (for tests and the bench). */
  readonly stats = { batches: 0, items: 0, largest: 0, fallbacks: 0, oneStatement: 0 };

  constructor(
    private readonly db: Db,
    options: GroupCommitOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 60;
    this.postgres = db.getExecutor().adapter instanceof PostgresAdapter;
    this.concurrentBatches = options.concurrentBatches ?? 1;
  }

  private readonly postgres: boolean;
  /**
   * PostgreSQL: the audit chain's head as this process's last batch left it, for the next batch written in one
   * statement (undefined: read it first). A stale one only costs that batch its transaction.
   */
  private knownHead: ChainHead | undefined;
  /** SQLite: resolves when the last batch's commit is on disk. */
  private lastBatchDurable: Promise<void> = Promise.resolve();

  /** Runs `work` in a transaction shared with other queued items; resolves after that transaction commits. */
  run<T>(
    work: (trx: Transaction<Database>) => Promise<T>,
    retryItem: (err: unknown) => boolean,
    retryTx: (err: unknown) => boolean,
    options: RunOptions = {},
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({
        work,
        retryItem,
        retryTx,
        heldOnly: options.heldOnly ?? false,
        resolve,
        reject,
      } as Job<unknown>);
      this.schedule();
    });
  }

  /**
   * Starts batches on the next turn of the event loop, so the requests that arrived with this one (or while the
   * last batch was written) reach the queue first and share a transaction.
   */
  private schedule() {
    if (this.scheduled || this.running >= this.concurrentBatches || this.queue.length === 0) return;
    this.scheduled = true;
    const go = () => {
      this.scheduled = false;
      while (this.running < this.concurrentBatches && this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        this.running++;
        void this.runBatch(batch).finally(() => {
          // This batch's commit, and only what was committed before it: a commit made after it (the outbox
          // recording its deliveries) would otherwise cost the next batch a sync of its own first.
          if (!this.postgres) this.lastBatchDurable = whenDurable(this.db).catch(() => {});
          this.running--;
          this.schedule();
        });
      }
    };
    // SQLite: while the last batch's WAL sync runs (db/wal-sync.ts), the next batch waits and grows. Its requests
    // could not be answered before a sync that starts after their commit anyway, and a larger batch writes each
    // shared page (index leaves, the audit head) once for more filings: 89 → 72 KB of WAL per filing in the bench.
    if (this.postgres) setImmediate(go);
    else void this.lastBatchDurable.then(() => setImmediate(go));
  }

  private async runBatch(batch: Job<unknown>[]) {
    // A held-only filing alone too: one round trip where its own transaction took seven.
    if (this.postgres && batch.every((j) => j.heldOnly) && (await this.runInOneStatement(batch))) return;
    if (batch.length === 1) {
      await this.runAlone(batch[0]!);
      return;
    }
    const outcomes: Outcome[] = [];
    let head: ChainHead | undefined;
    try {
      await this.db.transaction().execute(async (trx) => {
        holdWrites(trx);
        let open = false;
        for (const job of batch) {
          outcomes.push(await this.runItem(trx, job, open));
          // A held-only item opens no savepoint.
          open ||= !job.heldOnly;
        }
        // Only the items that stand hold anything (a failed one dropped its holdings).
        const standing = outcomes.flatMap((o, i) => (o.ok ? [{ i, held: o.held }] : []));
        const flushed = await flushWrites(
          trx,
          standing.map((s) => s.held),
        );
        for (const k of flushed.lost) outcomes[standing[k]!.i] = { ok: false, err: new ClaimTaken() };
        head = flushed.head;
      });
      this.rememberHead(head);
    } catch {
      // The batch did not commit: nobody has been answered; each item gets its own transaction.
      this.stats.fallbacks++;
      for (const job of batch) await this.runAlone(job);
      return;
    }
    this.answer(batch, outcomes);
  }

  /**
   * PostgreSQL, a batch of held-only items (new patients' 報告): no transaction at all. The items read through a
   * handle of their own and hold every write; then the claims (plain inserts: a taken key fails the
   * statement), the rows and the audit entries — chained after the head this process last wrote, guarded so
   * that the statement fails if anyone else moved it — are one statement: one round trip, commit included,
   * where a transaction took seven. Resolves to false when the batch must be written in a transaction instead
   * (nothing of it was written): a key was taken, the head had moved, an item failed unexpectedly, or any other
   * failure of the statement; the transaction path then runs the items again and sorts each case out.
   */
  private async runInOneStatement(batch: Job<unknown>[]): Promise<boolean> {
    const scope = this.db.withoutPlugins();
    holdWrites(scope);
    const outcomes: Outcome[] = [];
    try {
      const head = this.knownHead ?? (await readChainHead(this.db));
      for (const job of batch) {
        const held = heldWrites(scope);
        try {
          outcomes.push({ ok: true, value: await job.work(scope as unknown as Transaction<Database>), held });
        } catch (err) {
          dropWritesSince(scope, held);
          if (!(err instanceof ApiError)) return false;
          outcomes.push({ ok: false, err });
        }
      }
      const rows = takeHeldInserts(scope, [], [], { claims: 'insert' });
      const audit = takeHeldAuditAfter(scope, head);
      if (!(await writeInOneStatement(this.db, [...rows, ...audit.queries], audit.guard))) return false;
      this.knownHead = audit.head;
    } catch {
      this.knownHead = undefined;
      return false;
    }
    this.stats.oneStatement++;
    this.answer(batch, outcomes);
    return true;
  }

  /** Answers the items of a batch that committed, each with its own outcome, and counts the batch. */
  private answer(batch: readonly Job<unknown>[], outcomes: readonly Answer[]) {
    this.stats.batches++;
    this.stats.items += batch.length;
    this.stats.largest = Math.max(this.stats.largest, batch.length);
    batch.forEach((job, i) => {
      const o = outcomes[i]!;
      if (o.ok) job.resolve(o.value);
      else job.reject(o.err);
    });
  }

  /** After a transaction that committed audit entries (it held the head's lock): where the chain now ends. */
  private rememberHead(head: ChainHead | undefined) {
    if (head) this.knownHead = head;
  }

  /**
   * One item in its savepoint. On PostgreSQL the previous item's savepoint is released in the same round trip
   * (a simple query may hold two statements) and the last one by COMMIT; SQLite statements are local calls.
   */
  private async runItem(
    trx: Transaction<Database>,
    job: Job<unknown>,
    previousOpen: boolean,
  ): Promise<Outcome> {
    let open = previousOpen;
    if (job.heldOnly) {
      const held = heldWrites(trx);
      try {
        return { ok: true, value: await job.work(trx), held };
      } catch (err) {
        dropWritesSince(trx, held);
        if (!(err instanceof ApiError)) throw new BatchAbort(err);
        return { ok: false, err };
      }
    }
    for (let attempt = 1; ; attempt++) {
      const held = heldWrites(trx);
      if (this.postgres) {
        await sql
          .raw(open ? 'release savepoint group_item; savepoint group_item' : 'savepoint group_item')
          .execute(trx);
        open = true;
      } else await sql`savepoint group_item`.execute(trx);
      try {
        const value = await job.work(trx);
        if (!this.postgres) await sql`release savepoint group_item`.execute(trx);
        return { ok: true, value, held };
      } catch (err) {
        // The savepoint stays after ROLLBACK TO (released with the next item's, or by COMMIT).
        await sql`rollback to savepoint group_item`.execute(trx);
        dropWritesSince(trx, held);
        if (!this.postgres) await sql`release savepoint group_item`.execute(trx);
        if (job.retryTx(err)) throw new BatchAbort(err);
        if (attempt < MAX_ATTEMPTS && job.retryItem(err)) continue;
        return { ok: false, err };
      }
    }
  }

  private async runAlone(job: Job<unknown>) {
    for (let attempt = 1; ; attempt++) {
      try {
        let head: ChainHead | undefined;
        const value = await this.db.transaction().execute(async (trx) => {
          holdWrites(trx);
          const v = await job.work(trx);
          head = (await flushWrites(trx)).head;
          return v;
        });
        this.rememberHead(head);
        this.answer([job], [{ ok: true, value }]);
        return;
      } catch (err) {
        if (attempt < MAX_ATTEMPTS && (job.retryTx(err) || job.retryItem(err))) continue;
        job.reject(err);
        return;
      }
    }
  }
}

const committers = new WeakMap<Db, GroupCommitter>();

/** The group committer of a database handle (one per handle, created on first use). */
export function groupCommitter(db: Db): GroupCommitter {
  let c = committers.get(db);
  if (!c) {
    c = new GroupCommitter(db);
    committers.set(db, c);
  }
  return c;
}
