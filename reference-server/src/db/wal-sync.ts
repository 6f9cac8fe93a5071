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
import { open, type FileHandle } from 'node:fs/promises';
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
  private readonly syncFile: () => Promise<void>;
  private readonly wal: WalFile | undefined;

  constructor(walPath: string, syncFile?: () => Promise<void>) {
    this.wal = syncFile ? undefined : new WalFile(walPath);
    this.syncFile = syncFile ?? (() => this.wal!.datasync());
  }

  /** Closes the WAL file it keeps open (call after the database's connections are closed). */
  async close(): Promise<void> {
    await this.wal?.close();
  }

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

/**
 * The WAL file, opened once and kept open for its syncs. Opening and closing it around each sync took two
 * more trips through libuv's thread pool, each back through an event loop busy with the next requests: the
 * wait for a sync was 2.7 ms at the median and 7.4 ms at p90 under the bench's load, against 1.8 and 4.7 ms
 * with the file kept open. SQLite deletes the WAL only when its last connection closes, and a checkpoint that
 * cuts it back truncates the same file, so the descriptor stays the WAL's while the connection is open.
 */
class WalFile {
  private file: Promise<FileHandle | undefined> | undefined;

  constructor(private readonly path: string) {}

  async datasync(): Promise<void> {
    this.file ??= open(this.path, 'r+').catch((err: NodeJS.ErrnoException) => {
      this.file = undefined;
      // No WAL yet: nothing has been written, so nothing to sync.
      if (err.code === 'ENOENT') return undefined;
      throw err;
    });
    const file = await this.file;
    await file?.datasync();
  }

  async close(): Promise<void> {
    const file = await this.file?.catch(() => undefined);
    this.file = undefined;
    await file?.close();
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
