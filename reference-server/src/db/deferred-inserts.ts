/**
 * Inserts held until the end of a group-commit batch and then written with one insert per table for the whole
 * batch (services/group-commit.ts), with the batch's audit entries (audit/chain.ts `deferAudit`); on PostgreSQL
 * all of them are one statement (db/write-together.ts).
 *
 * Only for rows that nothing reads back inside the batch — a new patient and its first report, the outbox's
 * mails and SMS, the SMS invitations — and whose keys are new (issued HER-SYS IDs, time-ordered row ids). A
 * filing's statements became the batch's. A filing rolled back (to its savepoint, or by dropping what it held)
 * drops what it held; if the batch's writes fail all the same, the batch fails and every filing is run again
 * alone, as for any batch failure.
 *
 * A *claim* ({@link claimLater}) is a held row whose unique key decides whether its filing stands — the
 * idempotency key stored with its answer. The batch's claims are written first, in one statement; a filing
 * whose key was taken (by an earlier request, another instance, or an item before it in this batch) loses
 * everything it held and fails with {@link ClaimTaken}, as if its savepoint had been rolled back. Only a filing
 * that wrote nothing at once may claim this way (its writes must all be held to be dropped).
 */
import type { CompiledQuery, Insertable, Transaction } from 'kysely';
import type { Database, Db } from './types.js';
import { insertQueries, insertRows } from './insert-rows.js';

type Table = keyof Database & string;
interface HeldRows {
  table: Table;
  rows: readonly Insertable<Database[Table]>[];
  /** A claim: the columns of the unique key that decides it. */
  claim?: readonly string[];
}

/** The claimed key was taken: the request's writes are dropped (its first answer is the one that stands). */
export class ClaimTaken extends Error {
  constructor() {
    super('the claimed key is already taken');
  }
}

const held = new WeakMap<object, HeldRows[]>();

/**
 * Holds the inserts made in `trx` — a transaction, or a batch written in one statement — through
 * {@link insertLater} until the batch takes them ({@link takeHeldInserts}).
 */
export function deferInserts(trx: Transaction<Database> | Db): void {
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

/**
 * Claims a row: inserts it at the end of the batch when `trx` defers its inserts (see the module comment), at
 * once otherwise; either way a taken key (`unique`) fails the claimant with {@link ClaimTaken}.
 */
export async function claimLater<T extends Table>(
  trx: Db | Transaction<Database>,
  table: T,
  row: Insertable<Database[T]>,
  unique: readonly string[],
): Promise<void> {
  const h = held.get(trx);
  if (h) h.push({ table, rows: [row], claim: unique });
  else await claimNow(trx, table, row, unique);
}

/** Claims a row at once, also in a transaction that defers its inserts (its claimant wrote at once too). */
export async function claimNow<T extends Table>(
  trx: Db | Transaction<Database>,
  table: T,
  row: Insertable<Database[T]>,
  unique: readonly string[],
): Promise<void> {
  const stored = await insertRows(trx, table, [row], { onConflictDoNothing: unique, returning: unique });
  if (stored.length === 0) throw new ClaimTaken();
}

/** How many inserts `trx` holds (a mark for {@link dropInsertsSince}). */
export function heldInserts(trx: object): number {
  return held.get(trx)?.length ?? 0;
}

/** Drops what was held after `mark` (a filing rolled back to its savepoint). */
export function dropInsertsSince(trx: object, mark: number): void {
  const h = held.get(trx);
  if (h) h.length = mark;
}

/**
 * Writes the claims `trx` holds, in one statement. `items` are the marks where each item's held inserts begin,
 * in order (an item holds up to the next one's mark); resolves to the positions in `items` of the items whose
 * claim was taken. Throws {@link ClaimTaken} when a claim held before the first mark (a transaction of one
 * request) was taken.
 */
export async function settleClaims(
  trx: Transaction<Database>,
  items: readonly number[] = [],
): Promise<number[]> {
  const h = held.get(trx);
  if (!h) return [];
  const lost = await writeClaims(trx, h, items);
  if (lost.has(-1)) throw new ClaimTaken();
  return [...lost].sort((a, b) => a - b);
}

/**
 * The other inserts `trx` holds, one statement per table in the order the tables were first written, without
 * those of the items at positions `lost` of `items` (see {@link settleClaims}); `trx` stops holding. To run
 * with db/write-together.ts. With `claims: 'insert'` the claims were not settled: they come first, as plain
 * inserts, so that a taken key fails the statement (a batch written in one statement, services/group-commit.ts).
 */
export function takeHeldInserts(
  trx: Transaction<Database> | Db,
  items: readonly number[] = [],
  lost: readonly number[] = [],
  options: { claims?: 'settled' | 'insert' } = {},
): CompiledQuery[] {
  const h = held.get(trx);
  if (!h) return [];
  held.delete(trx);
  const dropped = new Set(lost);
  const byTable = new Map<Table, Insertable<Database[Table]>[]>();
  const claims = options.claims === 'insert' ? sortedClaims(h) : [];
  h.forEach(({ table, rows, claim }, i) => {
    if (claim || (dropped.size > 0 && dropped.has(ownerOf(items, i)))) return;
    const all = byTable.get(table);
    if (all) all.push(...rows);
    else byTable.set(table, [...rows]);
  });
  return [...claims, ...byTable].flatMap(([table, rows]) => insertQueries(trx, table, rows));
}

/** The claims of `h` as plain rows per table, in key order (see {@link writeClaims}). */
function sortedClaims(h: readonly HeldRows[]): [Table, Insertable<Database[Table]>[]][] {
  const byTable = new Map<Table, { key: string; row: Insertable<Database[Table]> }[]>();
  for (const { table, rows, claim } of h) {
    if (!claim) continue;
    const row = rows[0]!;
    const all = byTable.get(table);
    const entry = { key: claimKey(row, claim), row };
    if (all) all.push(entry);
    else byTable.set(table, [entry]);
  }
  return [...byTable].map(([table, all]) => [table, all.sort(byKey).map((c) => c.row)]);
}

/** A claimed row's key: the values of its unique columns. */
function claimKey(row: object, unique: readonly string[]): string {
  return JSON.stringify(unique.map((c) => (row as Record<string, unknown>)[c]));
}

/** Key order, the one order every batch claims in (see {@link writeClaims}). */
function byKey(a: { key: string }, b: { key: string }): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** The position in `items` (marks where each item's held entries begin) of the item that held entry `i` (-1: none). */
export function ownerOf(items: readonly number[], i: number): number {
  let k = items.length - 1;
  while (k >= 0 && items[k]! > i) k--;
  return k;
}

/**
 * Writes the claims of `h` and returns the items that lost theirs (-1: one held before the first item). Claims go in key order (two PostgreSQL
 * batches claiming the same keys wait for each other in the same order, never in a circle); of two claims of
 * one key in this batch the first stands.
 */
async function writeClaims(
  trx: Transaction<Database>,
  h: readonly HeldRows[],
  items: readonly number[],
): Promise<Set<number>> {
  const lost = new Set<number>();
  const claims = new Map<
    string,
    {
      table: Table;
      unique: readonly string[];
      rows: { row: Record<string, unknown>; item: number; key: string }[];
    }
  >();
  const seen = new Set<string>();
  h.forEach(({ table, rows, claim }, i) => {
    if (!claim) return;
    const row = rows[0] as Record<string, unknown>;
    const key = claimKey(row, claim);
    const item = ownerOf(items, i);
    if (seen.has(`${table}|${key}`)) {
      lost.add(item);
      return;
    }
    seen.add(`${table}|${key}`);
    const group = `${table}|${claim.join(',')}`;
    let c = claims.get(group);
    if (!c) claims.set(group, (c = { table, unique: claim, rows: [] }));
    c.rows.push({ row, item, key });
  });
  for (const { table, unique, rows } of claims.values()) {
    rows.sort(byKey);
    const stored = await insertRows(
      trx,
      table,
      rows.map((r) => r.row as Insertable<Database[Table]>),
      { onConflictDoNothing: unique, returning: unique },
    );
    const won = new Set(stored.map((r) => claimKey(r, unique)));
    for (const r of rows) if (!won.has(r.key)) lost.add(r.item);
  }
  return lost;
}
