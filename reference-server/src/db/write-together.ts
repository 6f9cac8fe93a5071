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
  let from = 0;
  let count = 0;
  for (let i = 0; i < queries.length; i++) {
    const n = queries[i]!.parameters.length;
    if (i > from && count + n > MAX_PARAMETERS) {
      await run(db, queries.slice(from, i), 'last');
      from = i;
      count = 0;
    }
    count += n;
  }
  if (from < queries.length) await run(db, queries.slice(from), 'last');
}

/**
 * Runs `queries` as one statement: each a `WITH` query, the last one the statement itself (`main: 'last'`), or
 * all of them `WITH` queries of `select 1 / count(*) from w0` (`main: 'guard'`, see {@link writeInOneStatement}).
 */
async function run(
  db: Db | Transaction<Database>,
  queries: readonly CompiledQuery[],
  main: 'last' | 'guard',
) {
  if (queries.length === 1 && main === 'last') {
    await db.executeQuery(queries[0]!);
    return;
  }
  const params: unknown[] = [];
  for (const q of queries) for (const p of q.parameters) params.push(p);
  await db.executeQuery(CompiledQuery.raw(statementText(queries, main), params));
}

/**
 * The text of `queries` as one statement. A batch of filings makes the same parts in the same order again and
 * again (one insert per table, the number of rows its size), so the text is made once per such sequence and
 * kept: renumbering the placeholders of every part — a few thousand per batch — took 6 % of the main thread.
 */
function statementText(queries: readonly CompiledQuery[], main: 'last' | 'guard'): string {
  let key = main;
  for (const q of queries) {
    let id = partIds.get(q.sql);
    if (id === undefined) {
      if (partIds.size >= MAX_KEPT) return composeText(queries, main);
      id = partIds.size;
      partIds.set(q.sql, id);
    }
    key += `,${id}`;
  }
  let text = texts.get(key);
  if (text === undefined) {
    text = composeText(queries, main);
    if (texts.size < MAX_KEPT) texts.set(key, text);
  }
  return text;
}

/** Part texts seen, numbered (the parts of the same statement text have the same numbers), and the texts made. */
const partIds = new Map<string, number>();
const texts = new Map<string, string>();
const MAX_KEPT = 500;

function composeText(queries: readonly CompiledQuery[], main: 'last' | 'guard'): string {
  let shift = 0;
  const parts = queries.map((q) => {
    const part = shiftPlaceholders(q.sql, shift);
    shift += q.parameters.length;
    return part;
  });
  if (main === 'guard')
    return `with ${parts.map((p, i) => `w${i} as (${p})`).join(', ')} select 1 / count(*) as guard from w0`;
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
  try {
    await run(db, all, 'guard');
  } catch (err) {
    if ((err as { code?: string }).code === DIVISION_BY_ZERO) throw new GuardFailed();
    throw err;
  }
  return true;
}

const DIVISION_BY_ZERO = '22012';
