/**
 * Writes whose results nothing reads, run together. On PostgreSQL they become one statement — every write but
 * the last a data-modifying `WITH` query of the last — so a group-commit batch's held rows and audit entries
 * (services/group-commit.ts) cost one round trip instead of one per table. {@link writeInOneStatement} goes
 * further: one statement outside any transaction, guarded, for a batch that needs no transaction at all.
 *
 * A statement's writes see one snapshot and none sees another's rows, which is why only writes nothing reads
 * back are given here; foreign keys are checked at the end of the statement, so a row and the row it refers to
 * may be in one statement. SQLite runs them one by one: its statements are calls, not round trips.
 */
import { CompiledQuery, PostgresAdapter, type Transaction } from 'kysely';
import type { Database, Db } from './types.js';
import { MAX_PARAMETERS } from './insert-rows.js';

/** Runs `queries` (writes without results) in order; on PostgreSQL as few statements as the parameter limit allows. */
export async function writeTogether(
  db: Db | Transaction<Database>,
  queries: readonly CompiledQuery[],
): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) {
    for (const q of queries) await db.executeQuery(q);
    return;
  }
  let parts: string[] = [];
  let params: unknown[] = [];
  const flush = async () => {
    if (parts.length === 0) return;
    await db.executeQuery(CompiledQuery.raw(withQueries(parts), params));
    parts = [];
    params = [];
  };
  for (const q of queries) {
    if (parts.length > 0 && params.length + q.parameters.length > MAX_PARAMETERS) await flush();
    parts.push(shiftPlaceholders(q.sql, params.length));
    params.push(...q.parameters);
  }
  await flush();
}

/** `with w0 as (a), w1 as (b) c`: the writes a, b and c as one statement. */
function withQueries(parts: readonly string[]): string {
  if (parts.length === 1) return parts[0]!;
  const heads = parts.slice(0, -1).map((p, i) => `w${i} as (${p})`);
  return `with ${heads.join(', ')} ${parts[parts.length - 1]}`;
}

/**
 * Renumbers `$1`, `$2`, … by `by`. The statements given are generated (db/insert-rows.ts, Kysely) and hold
 * no `$` but in placeholders: identifiers are quoted names of our tables and columns, values are parameters.
 */
function shiftPlaceholders(sql: string, by: number): string {
  return by === 0 ? sql : sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + by}`);
}

/** The guard of {@link writeInOneStatement} changed no row: nothing was written. */
export class GuardFailed extends Error {
  constructor() {
    super('the guarded row has changed; nothing was written');
  }
}

/**
 * PostgreSQL: `queries` as one statement outside any transaction — atomic by itself, one round trip with its
 * commit. `guard` is an `UPDATE … RETURNING` that must change a row: it is the query the statement's result
 * reads, so it runs first (PostgreSQL runs the writes nobody reads at the statement's end), and the statement
 * fails when it changed none — `1 / count(*)` of its rows is a division by zero — with nothing written; that
 * failure is thrown as {@link GuardFailed}. Resolves to false, with nothing run, when `queries` bind more
 * parameters than one statement may.
 */
export async function writeInOneStatement(
  db: Db,
  queries: readonly CompiledQuery[],
  guard: CompiledQuery,
): Promise<boolean> {
  const all = [guard, ...queries];
  if (all.reduce((n, q) => n + q.parameters.length, 0) > MAX_PARAMETERS) return false;
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const q of all) {
    parts.push(shiftPlaceholders(q.sql, params.length));
    params.push(...q.parameters);
  }
  const text = `with ${parts.map((p, i) => `w${i} as (${p})`).join(', ')} select 1 / count(*) as guard from w0`;
  try {
    await db.executeQuery(CompiledQuery.raw(text, params));
  } catch (err) {
    if ((err as { code?: string }).code === DIVISION_BY_ZERO) throw new GuardFailed();
    throw err;
  }
  return true;
}

const DIVISION_BY_ZERO = '22012';
