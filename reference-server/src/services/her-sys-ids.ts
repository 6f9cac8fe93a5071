/**
 * Issuing HER-SYS IDs (8 digits, unique).
 *
 * IDs are issued in ascending order. Every index that ends with the ID — the primary key, the list's
 * scope-and-date indexes, the covering search indexes, reports by patient, the audit log by entity — then
 * receives a batch's new patients side by side at its end, so a group-commit batch of 報告 dirties one page of
 * each instead of one page per filing (bench: 16.1 → 7.9 WAL pages, 65 → 32 KB, per filing on SQLite). An ID is
 * an identifier, not a secret: every read is checked against the reader's facility.
 *
 * - SQLite: the largest ID + 1, read inside the write transaction; the write lock serialises every writer,
 *   two server processes on one file included, so no two transactions can read the same largest ID.
 * - PostgreSQL: the sequence `her_sys_id_seq` (migration `710_ids_0001_her_sys_id_sequence`), which concurrent
 *   batches and server instances draw from without waiting for each other. It advances by
 *   {@link HER_SYS_ID_BLOCK}; each database handle issues a block's IDs before it draws again (one round trip per
 *   block, not per patient). IDs a handle held when it stopped are never issued: HER-SYS IDs may have gaps.
 * - Past 99,999,999 (a database whose IDs were issued at random by earlier versions may start near it), IDs are
 *   drawn at random and looked up until a free one is found.
 */
import { randomInt } from 'node:crypto';
import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { Tx } from './common.js';

/** The first ID of an empty database. */
export const FIRST_HER_SYS_ID = 10_000_001;
const LAST_HER_SYS_ID = 99_999_999;
/** How far the PostgreSQL sequence advances per draw (its `INCREMENT BY`). */
export const HER_SYS_ID_BLOCK = 50;

/**
 * PostgreSQL: creates `her_sys_id_seq`, starting after every 8-digit ID already issued (migration
 * `710_ids_0001_her_sys_id_sequence`).
 */
export async function createHerSysIdSequence(db: Kysely<unknown>): Promise<void> {
  await sql`create sequence if not exists her_sys_id_seq increment by ${sql.lit(HER_SYS_ID_BLOCK)} minvalue 1`.execute(
    db,
  );
  const after = sql`coalesce((select max(her_sys_id::bigint) from patients where her_sys_id ~ '^[0-9]{8}$'), 0) + 1`;
  await sql`select setval('her_sys_id_seq', greatest(${sql.lit(FIRST_HER_SYS_ID)}, ${after}), false)`.execute(
    db,
  );
}

/**
 * Unissued IDs of the current block, per database handle (PostgreSQL). Keyed by the handle's adapter, which
 * its transactions share.
 */
const blocks = new WeakMap<object, { next: number; end: number }>();

/** Issues a HER-SYS ID for a patient inserted in `trx`. */
export async function issueHerSysId(trx: Tx): Promise<string> {
  const adapter = trx.getExecutor().adapter;
  const next =
    adapter instanceof PostgresAdapter ? await fromSequence(trx, adapter) : await afterLargest(trx);
  return next <= LAST_HER_SYS_ID ? String(next) : await randomFree(trx);
}

/** SQLite: the next ID of each open write transaction (its new patients are held until its end). */
const nextInTransaction = new WeakMap<object, number>();

async function afterLargest(trx: Tx): Promise<number> {
  // A group-commit batch writes its new patients at its end (services/patients.ts), so the table does not
  // show the IDs it issued: the largest is read once per transaction, whose write lock keeps every other
  // writer out until it commits, and counted on from there.
  const known = trx.isTransaction ? nextInTransaction.get(trx) : undefined;
  if (known !== undefined) {
    nextInTransaction.set(trx, known + 1);
    return known;
  }
  // Text order is number order for 8-digit IDs; the primary key index answers with its last entry.
  const { rows } = await sql<{
    largest: string | null;
  }>`select max(her_sys_id) as largest from patients`.execute(trx);
  const largest = rows[0]?.largest;
  const next = largest ? Number(largest) + 1 : FIRST_HER_SYS_ID;
  if (trx.isTransaction) nextInTransaction.set(trx, next + 1);
  return next;
}

async function fromSequence(trx: Tx, handle: object): Promise<number> {
  let block = blocks.get(handle);
  if (!block || block.next >= block.end) {
    const { rows } = await sql<{ start: string | number }>`select nextval('her_sys_id_seq') as start`.execute(
      trx,
    );
    const start = Number(rows[0]!.start);
    block = { next: start, end: start + HER_SYS_ID_BLOCK };
    blocks.set(handle, block);
  }
  return block.next++;
}

async function randomFree(trx: Tx): Promise<string> {
  for (let i = 0; i < 20; i++) {
    const id = String(randomInt(10_000_000, 100_000_000));
    const taken = await trx
      .selectFrom('patients')
      .select('her_sys_id')
      .where('her_sys_id', '=', id)
      .executeTakeFirst();
    if (!taken) return id;
  }
  throw new Error('Could not issue a free HER-SYS ID after 20 tries');
}
