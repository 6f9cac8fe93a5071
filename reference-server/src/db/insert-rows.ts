/**
 * Whole-row INSERTs for the hot path of 報告. Kysely builds an operation tree and compiles it to SQL on every
 * call; for the filing's inserts (report, outbox, invitation, idempotency answer, audit entries) that cost more
 * than SQLite's own work on them. The SQL of a whole-row insert depends only on the table, the columns, the
 * number of rows and the dialect, so it is made once and reused, and the query still runs through Kysely's
 * executor (the transaction's connection, its savepoints and plugins are the same).
 */
import { CompiledQuery, PostgresAdapter, type Insertable, type Transaction } from 'kysely';
import type { Database, Db } from './types.js';

export interface InsertOptions {
  /** `ON CONFLICT (<columns>) DO NOTHING`. */
  onConflictDoNothing?: readonly string[];
  /** `RETURNING <columns>`: the rows actually inserted answer with them (none on a conflict). */
  returning?: string | readonly string[];
}

const sqlCache = new Map<string, string>();

/** Parameters bound to one statement at most (under SQLite's 32,766; PostgreSQL's limit is 65,535). */
export const MAX_PARAMETERS = 30_000;

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

function insertSql(
  table: string,
  columns: readonly string[],
  rowCount: number,
  postgres: boolean,
  options: InsertOptions,
): string {
  const key = `${postgres ? 'pg' : 'sqlite'}|${table}|${columns.join(',')}|${rowCount}|${options.onConflictDoNothing?.join(',') ?? ''}|${[options.returning ?? []].flat().join(',')}`;
  let text = sqlCache.get(key);
  if (text === undefined) {
    let n = 0;
    const tuple = () => `(${columns.map(() => (postgres ? `$${++n}` : '?')).join(', ')})`;
    text = `insert into ${quote(table)} (${columns.map(quote).join(', ')}) values ${Array.from({ length: rowCount }, tuple).join(', ')}`;
    if (options.onConflictDoNothing)
      text += ` on conflict (${options.onConflictDoNothing.map(quote).join(', ')}) do nothing`;
    if (options.returning) text += ` returning ${[options.returning].flat().map(quote).join(', ')}`;
    if (sqlCache.size < 500) sqlCache.set(key, text);
  }
  return text;
}

/**
 * The statements that insert `rows` (all with the columns of the first row, in its key order): one, or more
 * when the rows bind more parameters than a statement may. For {@link insertRows}, or to run with other writes
 * (db/write-together.ts).
 */
export function insertQueries<T extends keyof Database & string>(
  db: Db | Transaction<Database>,
  table: T,
  rows: readonly Insertable<Database[T]>[],
  options: InsertOptions = {},
): CompiledQuery[] {
  if (rows.length === 0) return [];
  const columns = Object.keys(rows[0]!);
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const params: unknown[] = [];
  for (const row of rows) {
    const r = row as Record<string, unknown>;
    if (Object.keys(r).length !== columns.length || !columns.every((c) => c in r))
      throw new Error(`insertRows(${table}): every row must have the columns ${columns.join(', ')}`);
    for (const c of columns) {
      // Kysely leaves an undefined column out, so it takes its default; no column here has one but NULL.
      params.push(r[c] === undefined ? null : r[c]);
    }
  }
  // Both drivers bind at most 32,766 parameters to a statement (SQLite's limit; PostgreSQL's is 65,535).
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  const queries: CompiledQuery[] = [];
  for (let from = 0; from < rows.length; from += perStatement) {
    const count = Math.min(perStatement, rows.length - from);
    queries.push(
      CompiledQuery.raw(
        insertSql(table, columns, count, postgres, options),
        params.slice(from * columns.length, (from + count) * columns.length),
      ),
    );
  }
  return queries;
}

/**
 * Inserts rows that all have the same columns (those of the first row, in its key order). Resolves to the
 * rows returned (empty without `returning`).
 */
export async function insertRows<T extends keyof Database & string>(
  db: Db | Transaction<Database>,
  table: T,
  rows: readonly Insertable<Database[T]>[],
  options: InsertOptions = {},
): Promise<Record<string, unknown>[]> {
  const returned: Record<string, unknown>[] = [];
  for (const query of insertQueries(db, table, rows, options)) {
    returned.push(...(await db.executeQuery<Record<string, unknown>>(query)).rows);
  }
  return returned;
}
