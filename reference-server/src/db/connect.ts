import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database, DbHandle } from './types.js';
import { Checkpointer } from './checkpointer.js';
import { preparedWritesPool } from './pg-prepared.js';
import { registerWalSync, WalSync } from './wal-sync.js';

export interface OpenOptions {
  /** `postgres://…` for PostgreSQL; otherwise `sqliteFile` is used. */
  databaseUrl?: string;
  /** Path of the SQLite file, or `:memory:`. */
  sqliteFile?: string;
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
  /**
   * SQLite durability in WAL mode. FULL (default): a write is on disk before it is acknowledged, so an
   * acknowledged report survives power loss too (the WAL is synced off the main thread before the answer: see
   * ./wal-sync.ts). NORMAL: the WAL is synced at checkpoints only — still safe against a crash or `kill -9` of
   * the server (the OS has the WAL), but the last acknowledged commits can be lost if the machine loses power.
   */
  sqliteSynchronous?: 'FULL' | 'NORMAL';
  /** How the WAL file is synced before an acknowledgement (tests pass a gated one; default fdatasync). */
  syncWal?: (walPath: string) => Promise<void>;
}

/** Statements that end a transaction with a commit (RELEASE does when its savepoint was the transaction). */
const COMMITS = /^\s*(commit|end|release)\b/i;

/**
 * Opens SQLite (better-sqlite3, WAL; by default an acknowledged commit survives power loss and `kill -9`) or
 * PostgreSQL (pg pool). The only dialect switch outside migrations and the outbox lease.
 */
export function openDatabase(options: OpenOptions): DbHandle {
  if (options.databaseUrl) {
    // Return bigint/numeric as JS numbers for counts (we never store values beyond 2^53).
    pg.types.setTypeParser(20, (v) => Number(v));
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    pool.on('error', (err) => console.error('[db] idle client error:', err.message));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparedWritesPool(pool) }) });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  const file = options.sqliteFile ?? ':memory:';
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  // SQLite's own sync stays at checkpoints (NORMAL); with FULL durability the WAL is synced before each
  // acknowledgement by WalSync instead, off the event loop.
  sqlite.pragma('synchronous = NORMAL');
  const walSync =
    file !== ':memory:' && options.sqliteSynchronous !== 'NORMAL'
      ? new WalSync(`${file}-wal`, options.syncWal && (() => options.syncWal!(`${file}-wal`)))
      : undefined;
  sqlite.pragma('foreign_keys = ON');
  // Savepoint journals in memory: every filing of a group-commit batch runs in its own SAVEPOINT, and SQLite
  // keeps the original of each page a savepoint changes in a sub-journal — a temporary file by default, which
  // the bench measured writing more bytes than the WAL itself (2.2 GB in a 10 s run vs 0.8 GB for the WAL).
  // The sub-journal of one filing is a few dozen pages.
  sqlite.pragma('temp_store = MEMORY');
  sqlite.pragma('busy_timeout = 5000');
  // Kysely prepares every query anew; better-sqlite3 statements are reusable, so keep them (bounded cache).
  const statements = new Map<string, SqliteDatabase.Statement>();
  const cached = {
    close: () => sqlite.close(),
    // Kysely prepares right before it runs, so this is where a statement that reaches the WAL is seen.
    prepare(text: string) {
      // Write transactions take the write lock at BEGIN. A deferred transaction (Kysely's `begin`) that read
      // and then wrote after another connection's commit — a second server on the same file — failed with
      // SQLITE_BUSY_SNAPSHOT, which waiting cannot cure; an immediate one waits its turn (busy_timeout).
      const sql = text === 'begin' ? 'begin immediate' : text;
      let stmt = statements.get(sql);
      if (!stmt) {
        if (statements.size >= 1000) statements.clear();
        stmt = sqlite.prepare(sql);
        statements.set(sql, stmt);
      }
      if (walSync && (COMMITS.test(sql) || (!stmt.readonly && !sqlite.inTransaction))) walSync.noteCommit();
      return stmt;
    },
  };
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cached }) });
  if (walSync) registerWalSync(db, walSync);
  const checkpointer =
    file === ':memory:'
      ? undefined
      : new Checkpointer(sqlite, {
          onError: (message) => console.error('[db] checkpoint thread:', message),
        });
  return {
    db,
    dialect: 'sqlite',
    close: async () => {
      await checkpointer?.stop();
      await db.destroy();
      await walSync?.close();
    },
  };
}
