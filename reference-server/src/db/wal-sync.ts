/**
 * Durable acknowledgements on SQLite without stalling the event loop.
 *
 * better-sqlite3 runs every statement on the main thread. With `synchronous=FULL`, COMMIT fsyncs the WAL, so
 * each commit stopped every request for the length of an fsync (3–5 ms on this machine's disk: at 600 filings
 * a second, a fifth of the server's time was spent waiting for the disk with nothing else running). Instead the
 * connection runs with `synchronous=NORMAL` — COMMIT appends to the WAL without syncing it; checkpoints still
 * sync the WAL before copying it into the database, and the database before the WAL is reused — and whoever
 * acknowledges a write awaits {@link WalSync.durable} first: one `fdatasync` of the WAL file in libuv's thread
 * pool, shared by every commit made before it started (group fsync). An acknowledged write is on disk exactly as
 * with FULL; meanwhile the event loop parses, validates and writes the next requests.
 *
 * Which writes count: a commit, a RELEASE (which commits when the savepoint was the transaction), and any
 * statement that changes the database outside a transaction. A statement inside a transaction counts through
 * its commit: a sync that started before the commit cannot satisfy a caller that committed after it started.
 */
import { open } from 'node:fs/promises';
import type { Db } from './types.js';

export class WalSync {
  /** Commits seen so far (a counter: the WAL holds every one of them once it is synced). */
  private committed = 0;
  /** Commits known to be on disk. */
  private synced = 0;
  private inFlight: { target: number; done: Promise<void> } | undefined;
  private queued: Promise<void> | undefined;
  /** Syncs run (tests and the bench). */
  syncs = 0;

  /**
   * @param walPath the `-wal` file of the database
   * @param syncFile how to sync it (tests pass a slow or failing one)
   */
  constructor(
    walPath: string,
    private readonly syncFile: () => Promise<void> = () => fdatasyncIfPresent(walPath),
  ) {}

  /** Called by the connection after a statement that wrote to the WAL (see the module comment). */
  noteCommit(): void {
    this.committed++;
  }

  /** Resolves once every commit made before this call is on disk (at once when they already are). */
  durable(): Promise<void> {
    const wanted = this.committed;
    if (this.synced >= wanted) return Promise.resolve();
    const current = this.inFlight;
    if (!current) return this.start();
    if (current.target >= wanted) return current.done;
    // The running sync began before some of these commits: one more sync after it covers every caller waiting.
    this.queued ??= current.done
      .catch(() => {})
      .then(() => {
        this.queued = undefined;
        return this.start();
      });
    return this.queued;
  }

  private start(): Promise<void> {
    const target = this.committed;
    this.syncs++;
    const done = this.syncFile().then(() => {
      this.synced = Math.max(this.synced, target);
    });
    const entry = { target, done };
    this.inFlight = entry;
    void done
      .finally(() => {
        if (this.inFlight === entry) this.inFlight = undefined;
      })
      .catch(() => {});
    return done;
  }
}

/** fdatasync of a file by path; nothing to do when it does not exist (SQLite deletes the WAL after a clean close). */
async function fdatasyncIfPresent(path: string): Promise<void> {
  let file;
  try {
    file = await open(path, 'r+');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  try {
    await file.datasync();
  } finally {
    await file.close();
  }
}

const byDb = new WeakMap<Db, WalSync>();

/** Makes {@link whenDurable} of `db` wait for `sync` (SQLite files; PostgreSQL commits are durable already). */
export function registerWalSync(db: Db, sync: WalSync): void {
  byDb.set(db, sync);
}

/**
 * Resolves once every write committed through `db` so far is on disk. Await it before acknowledging a write
 * (the app does for every response, the outbox worker before sending what it leased). Immediate on PostgreSQL
 * and in-memory SQLite.
 */
export function whenDurable(db: Db): Promise<void> {
  return byDb.get(db)?.durable() ?? Promise.resolve();
}
