/**
 * WAL checkpoints on a thread of their own.
 *
 * SQLite checkpoints automatically in the connection that commits once the WAL passes 1,000 pages: that commit
 * then copies the WAL into the database file and syncs both, on the main thread — with 8–12 WAL pages written
 * per 報告, a stall of several milliseconds every ~100 filings, a tenth of the server's time and its worst
 * latencies. Here the main connection never checkpoints (`wal_autocheckpoint=0`); a worker thread with its own
 * connection runs `PRAGMA wal_checkpoint(PASSIVE)` — which never blocks the writer — every `intervalMs`, and the
 * next write after a complete checkpoint starts the WAL from the beginning again, as before. Under sustained
 * writes a checkpoint rarely catches the last frame, so the WAL would only grow: past `maxBytes` the main
 * connection checkpoints the few frames left itself (between two transactions) and the WAL restarts.
 * Durability is unchanged: the checkpoint syncs the WAL before copying it and the database before the WAL can
 * be reused (synchronous=NORMAL on that connection). If the thread ever stops, the main connection goes back
 * to checkpointing itself.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SqliteDatabase from 'better-sqlite3';

/** The thread's body, plain JavaScript so it runs with or without the TypeScript loader. */
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
db.pragma('synchronous = NORMAL');
const pageSize = db.pragma('page_size', { simple: true });
const tick = () => {
  try {
    // { busy, log, checkpointed }: log is the WAL's length in frames (pages) since it last restarted.
    const r = db.pragma('wal_checkpoint(PASSIVE)')[0];
    if (r.log * pageSize >= workerData.maxBytes) parentPort.postMessage({ finish: true });
  } catch (e) {
    parentPort.postMessage({ error: String(e && e.message) });
  }
};
const timer = setInterval(tick, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m === 'stop') { clearInterval(timer); tick(); db.close(); process.exit(0); }
});
`;

export interface CheckpointerOptions {
  /**
   * How often the thread looks at the WAL (default 50 ms). Often, so that a checkpoint lands in the pause
   * between two group-commit batches and copies the last frame (the next write then restarts the WAL), and so
   * that when the main connection must finish one, few frames are left to it.
   */
  intervalMs?: number;
  /**
   * A WAL this large is finished by the main connection (default 256 MiB). That checkpoint syncs the database
   * file on the main thread: 5–35 ms with every request waiting, about once a second at 1,000 filings a second
   * with 64 MiB and a 200 ms interval.
   */
  maxBytes?: number;
  /** Called if the thread fails (the main connection then checkpoints itself again). */
  onError?: (message: string) => void;
}

/** A running checkpoint thread for one database file. */
export class Checkpointer {
  private readonly worker: Worker;
  private stopped = false;

  /** @param main the server's connection to the file (its automatic checkpoint is turned off meanwhile) */
  constructor(
    private readonly main: SqliteDatabase.Database,
    options: CheckpointerOptions = {},
  ) {
    const maxBytes = options.maxBytes ?? 256 * 1024 * 1024;
    this.worker = new Worker(THREAD, {
      eval: true,
      workerData: {
        file: main.name,
        driver: createRequire(import.meta.url).resolve('better-sqlite3'),
        intervalMs: options.intervalMs ?? 50,
        maxBytes,
      },
    });
    main.pragma('wal_autocheckpoint = 0');
    // A restarted WAL is cut back to this size rather than keeping its largest length on disk.
    main.pragma(`journal_size_limit = ${maxBytes}`);
    // The thread must not keep a finished process alive (tests, scripts that forget to close).
    this.worker.unref();
    this.worker.on('message', (m: { error?: string; finish?: boolean }) => {
      if (m.error) options.onError?.(m.error);
      // Inside a transaction the checkpoint could not finish; the thread asks again at its next look.
      if (m.finish && !main.inTransaction && main.open) main.pragma('wal_checkpoint(PASSIVE)');
    });
    this.worker.on('error', (err) => options.onError?.(err.message));
    this.worker.on('exit', () => {
      if (!this.stopped && main.open) main.pragma('wal_autocheckpoint = 1000');
    });
  }

  /** Stops the thread after one last checkpoint; resolves when it has closed its connection. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    // Referenced again, or an event loop with nothing else to do would end before the thread has closed.
    this.worker.ref();
    this.worker.postMessage('stop');
    await exited;
    if (this.main.open) this.main.pragma('wal_autocheckpoint = 1000');
  }
}
