/**
 * Inserts held until the end of a group-commit batch and then written with one statement per table for the
 * whole batch (services/group-commit.ts), like the batch's audit entries (audit/chain.ts `deferAudit`).
 *
 * Only for rows that nothing reads back inside the batch — the outbox's mails and SMS, the SMS invitations, the
 * first report of a new patient — and that cannot conflict (their keys are new random ids). A filing writes four
 * outbox rows, an invitation and its report: three statements per filing became three per batch, three round
 * trips fewer per filing on PostgreSQL. A filing
 * rolled back to its savepoint drops what it held; if the batch's statement failed all the same, the batch
 * fails and every filing is run again alone, as for any batch failure.
 */
import type { Insertable, Transaction } from 'kysely';
import type { Database, Db } from './types.js';
import { insertRows } from './insert-rows.js';

type Table = keyof Database & string;
interface HeldRows {
  table: Table;
  rows: readonly Insertable<Database[Table]>[];
}

const held = new WeakMap<object, HeldRows[]>();

/** Holds the inserts made in `trx` through {@link insertLater} until {@link flushInserts}. */
export function deferInserts(trx: Transaction<Database>): void {
  held.set(trx, []);
}

/** Inserts now, or at the end of the batch when `trx` defers its inserts. */
export async function insertLater<T extends Table>(
  trx: Db | Transaction<Database>,
  table: T,
  rows: readonly Insertable<Database[T]>[],
): Promise<void> {
  const h = held.get(trx);
  if (h) h.push({ table, rows });
  else await insertRows(trx, table, rows);
}

/** How many inserts `trx` holds (a mark for {@link dropInsertsSince}). */
export function heldInserts(trx: Transaction<Database>): number {
  return held.get(trx)?.length ?? 0;
}

/** Drops what was held after `mark` (a filing rolled back to its savepoint). */
export function dropInsertsSince(trx: Transaction<Database>, mark: number): void {
  const h = held.get(trx);
  if (h) h.length = mark;
}

/** Writes what `trx` holds, one statement per table in the order the tables were first written. */
export async function flushInserts(trx: Transaction<Database>): Promise<void> {
  const h = held.get(trx);
  if (!h) return;
  held.delete(trx);
  const byTable = new Map<Table, Insertable<Database[Table]>[]>();
  for (const { table, rows } of h) {
    const all = byTable.get(table);
    if (all) all.push(...rows);
    else byTable.set(table, [...rows]);
  }
  for (const [table, rows] of byTable) await insertRows(trx, table, rows);
}
