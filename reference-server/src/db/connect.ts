import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database, DbHandle } from './types.js';

export interface OpenOptions {
  /** `postgres://…` for PostgreSQL; otherwise `sqliteFile` is used. */
  databaseUrl?: string;
  /** Path of the SQLite file, or `:memory:`. */
  sqliteFile?: string;
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
  /**
   * SQLite `synchronous` in WAL mode: FULL (default) syncs the WAL at every commit, so an acknowledged report
   * survives power loss too; NORMAL syncs at checkpoints only — still safe against a crash or `kill -9` of the
   * server (the OS has the WAL), faster, but the last commits can be lost if the machine loses power.
   */
  sqliteSynchronous?: 'FULL' | 'NORMAL';
}

/**
 * Opens SQLite (better-sqlite3, WAL, synchronous=FULL by default so an acknowledged commit survives power
 * loss and `kill -9`) or PostgreSQL (pg pool). The only dialect switch outside migrations and the outbox lease.
 */
export function openDatabase(options: OpenOptions): DbHandle {
  if (options.databaseUrl) {
    // Return bigint/numeric as JS numbers for counts (we never store values beyond 2^53).
    pg.types.setTypeParser(20, (v) => Number(v));
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    pool.on('error', (err) => console.error('[db] idle client error:', err.message));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  const file = options.sqliteFile ?? ':memory:';
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${options.sqliteSynchronous === 'NORMAL' ? 'NORMAL' : 'FULL'}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Kysely prepares every query anew; better-sqlite3 statements are reusable, so keep them (bounded cache).
  const statements = new Map<string, SqliteDatabase.Statement>();
  const cached = {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let stmt = statements.get(sql);
      if (!stmt) {
        if (statements.size >= 1000) statements.clear();
        stmt = sqlite.prepare(sql);
        statements.set(sql, stmt);
      }
      return stmt;
    },
  };
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cached }) });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}
