/**
 * The audit log, hash-chained (issue 6; MHLW guideline 6.0 §17 asks for tamper protection).
 *
 * Every row gets a sequence number and `hash = SHA-256(prev_hash + "\n" + canonical content)`, where the
 * canonical content is a JSON array of every stored column. One chain head row (`audit_chain_head`) holds the
 * last sequence number and hash; a writer locks it first (PostgreSQL: `SELECT … FOR UPDATE`; SQLite: a write to
 * it, which takes the database's write lock), so the chain stays linear with any number of server instances.
 * Rows are written in the caller's transaction: a change and its audit entry commit together or not at all.
 *
 * Each row is shaped after a FHIR AuditEvent: who (`user_id`, `facility_code`), when (`at`), what (`action`,
 * `entity`, `entity_id`, `version`, field-level `old_data`/`new_data` for writes), outcome, and from where
 * (`source`: address, user agent, request id; the services pass the current user's, see `CurrentUser.source`).
 *
 * `verifyAuditChain` walks the chain and reports the first broken link: an altered row (its hash does not
 * match), a deleted one (a missing sequence number, or a head pointing past the last row) or one inserted
 * around the writer (no sequence number).
 */
import { createHash } from 'node:crypto';
import {
  PostgresAdapter,
  sql,
  type CompiledQuery,
  type Kysely,
  type Migration,
  type Transaction,
} from 'kysely';
import { insertQueries } from '../db/insert-rows.js';
import { writeTogether } from '../db/write-together.js';
import { ownerOf } from '../db/deferred-inserts.js';
import type { Database } from '../db/types.js';
import { newRowId } from '../lib/ids.js';
import { toJson } from '../lib/json-text.js';

export const GENESIS_HASH = '0'.repeat(64);

/** Where a request comes from (the app puts it on the current user; sign-in passes its own). */
export interface AuditSource {
  ip?: string;
  userAgent?: string;
  requestId?: string;
}

export interface AuditEntry {
  at: string;
  userId: string;
  facilityCode: string;
  action: string;
  entity: string;
  entityId: string;
  version: number | null;
  /** The value before and after (serialized here; a `JsonText` is taken as it is). */
  oldData?: unknown;
  newData?: unknown;
  outcome?: 'success' | 'failure';
  source?: AuditSource;
}

interface StoredRow {
  id: string;
  seq: number | null;
  at: string;
  user_id: string;
  facility_code: string;
  action: string;
  entity: string;
  entity_id: string;
  version: number | null;
  old_data: string | null;
  new_data: string | null;
  outcome: string | null;
  source: string | null;
  prev_hash: string | null;
  hash: string | null;
}

/** The canonical content of a row (every column but the hashes), in a fixed order. */
export function canonicalContent(r: Omit<StoredRow, 'prev_hash' | 'hash'>): string {
  return JSON.stringify([
    r.seq,
    r.id,
    r.at,
    r.user_id,
    r.facility_code,
    r.action,
    r.entity,
    r.entity_id,
    r.version === null ? null : Number(r.version),
    r.old_data,
    r.new_data,
    r.outcome,
    r.source,
  ]);
}

export function chainHash(prevHash: string, content: string): string {
  return createHash('sha256').update(`${prevHash}\n${content}`).digest('hex');
}

type AnyDb = Kysely<Database> | Transaction<Database>;

function isPostgres(db: AnyDb): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Locks the chain head for the rest of the transaction and returns it. */
async function lockHead(trx: AnyDb): Promise<ChainHead> {
  const postgres = isPostgres(trx);
  // SQLite: a write takes the database's write lock until commit (a read first could be overtaken).
  if (!postgres)
    await trx
      .updateTable('audit_chain_head')
      .set({ seq: sql`seq` })
      .where('id', '=', 'main')
      .execute();
  return readChainHead(trx, { forUpdate: postgres });
}

/** A row before it is chained: everything but its sequence number and hashes. */
type Unchained = Omit<StoredRow, 'seq' | 'prev_hash' | 'hash'>;

function unchained(e: AuditEntry): Unchained {
  return {
    id: newRowId(),
    at: e.at,
    user_id: e.userId,
    facility_code: e.facilityCode,
    action: e.action,
    entity: e.entity,
    entity_id: e.entityId,
    version: e.version,
    old_data: e.oldData === undefined ? null : toJson(e.oldData),
    new_data: e.newData === undefined ? null : toJson(e.newData),
    outcome: e.outcome ?? 'success',
    source: e.source ? JSON.stringify(e.source) : null,
  };
}

/** The chain's last sequence number and hash. */
export interface ChainHead {
  seq: number;
  hash: string;
}

/** `rows` chained after `head`, and the head after them. */
function chained(rows: readonly Unchained[], head: ChainHead): { stored: StoredRow[]; head: ChainHead } {
  let seq = Number(head.seq);
  let prev = head.hash;
  const stored: StoredRow[] = rows.map((r) => {
    seq += 1;
    const row = { ...r, seq };
    const hash = chainHash(prev, canonicalContent(row));
    const out = { ...row, prev_hash: prev, hash };
    prev = hash;
    return out;
  });
  return { stored, head: { seq, hash: prev } };
}

/**
 * Chains rows after the head, which it locks for the rest of the transaction: the statements that write them
 * and move the head (one insert, one update), to run with db/write-together.ts, and the head after them.
 */
async function chainQueries(
  trx: AnyDb,
  rows: Unchained[],
): Promise<{ queries: CompiledQuery[]; head: ChainHead }> {
  const { stored, head } = chained(rows, await lockHead(trx));
  return {
    queries: [
      ...insertQueries(trx, 'audit_log', stored),
      trx.updateTable('audit_chain_head').set(head).where('id', '=', 'main').compile(),
    ],
    head,
  };
}

/**
 * The chain head as it is: unlocked (a batch written in one statement guards it instead, see below), or locked
 * for the rest of the transaction with `forUpdate` (PostgreSQL).
 */
export async function readChainHead(db: AnyDb, { forUpdate = false } = {}): Promise<ChainHead> {
  const head = await db
    .selectFrom('audit_chain_head')
    .select(['seq', 'hash'])
    .where('id', '=', 'main')
    .$if(forUpdate, (q) => q.forUpdate())
    .executeTakeFirstOrThrow();
  return { seq: Number(head.seq), hash: head.hash };
}

/** Entries held by transactions (or batches) that defer their appends. */
const held = new WeakMap<object, Unchained[]>();

/**
 * Holds the entries appended in `trx` — a transaction, or a batch written in one statement — until they are
 * taken ({@link takeHeldAudit}, {@link takeHeldAuditAfter}): a group-commit batch of 報告 takes the chain head
 * once, at its end, and writes its entries in one statement. On PostgreSQL another writer then waits for the
 * head's lock only for that statement and the commit, not for the whole batch.
 */
export function deferAudit(trx: Transaction<Database> | Kysely<Database>): void {
  held.set(trx, []);
}

/** How many entries `trx` holds: a mark for {@link dropAuditEntriesSince}. */
export function heldAuditEntries(trx: object): number {
  return held.get(trx)?.length ?? 0;
}

/** Drops the entries held since `mark`: a ROLLBACK TO SAVEPOINT undid the writes they describe. */
export function dropAuditEntriesSince(trx: object, mark: number): void {
  const rows = held.get(trx);
  if (rows) rows.length = Math.min(rows.length, mark);
}

/**
 * Drops the entries held by the items at `positions` of `items` (the marks where each item's entries begin):
 * their claims were taken (db/deferred-inserts.ts), so the writes they describe are not made.
 */
export function dropAuditEntriesOf(
  trx: object,
  items: readonly number[],
  positions: readonly number[],
): void {
  const rows = held.get(trx);
  if (!rows || positions.length === 0) return;
  const dropped = new Set(positions);
  held.set(
    trx,
    rows.filter((_, i) => !dropped.has(ownerOf(items, i))),
  );
}

/**
 * Chains the entries `trx` holds (locking the head; call it last before COMMIT) and stops holding: the
 * statements that write them, to run with db/write-together.ts, and the head after them (none: no entries).
 */
export async function takeHeldAudit(
  trx: Transaction<Database>,
): Promise<{ queries: CompiledQuery[]; head?: ChainHead }> {
  const rows = held.get(trx);
  held.delete(trx);
  return rows && rows.length > 0 ? chainQueries(trx, rows) : { queries: [] };
}

/**
 * For a batch written as one statement outside a transaction (PostgreSQL, services/group-commit.ts): chains
 * the entries `scope` holds after `head` — the head as last written or read, not locked — and stops holding.
 * `guard` is the head's `UPDATE … RETURNING`, which changes the row only while it still is `head`: the
 * statement runs it first and fails unless it did (db/write-together.ts `writeInOneStatement`), so the chain
 * stays linear with any other writer. `head` is the head after the entries, once that statement succeeded.
 */
export function takeHeldAuditAfter(
  scope: Kysely<Database>,
  head: ChainHead,
): { queries: CompiledQuery[]; guard: CompiledQuery; head: ChainHead } {
  const rows = held.get(scope) ?? [];
  held.delete(scope);
  const after = chained(rows, head);
  return {
    queries: insertQueries(scope, 'audit_log', after.stored),
    guard: scope
      .updateTable('audit_chain_head')
      .set(after.head)
      .where('id', '=', 'main')
      .where('seq', '=', head.seq)
      .where('hash', '=', head.hash)
      .returning(sql<number>`1`.as('moved'))
      .compile(),
    head: after.head,
  };
}

/**
 * Appends entries to the chain inside `db`'s transaction (or a new one when `db` is not a transaction); held
 * until the end when `db` defers them (a group-commit batch: {@link takeHeldAudit}, {@link takeHeldAuditAfter}).
 * The content is taken now either way.
 */
export async function appendAudit(db: AnyDb, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const holding = held.get(db);
  if (holding) {
    holding.push(...entries.map(unchained));
    return;
  }
  if (!db.isTransaction) {
    await (db as Kysely<Database>).transaction().execute((trx) => appendAudit(trx, entries));
    return;
  }
  await writeTogether(db, (await chainQueries(db, entries.map(unchained))).queries);
}

export interface ChainVerdict {
  ok: boolean;
  /** Rows checked. */
  checked: number;
  head: { seq: number; hash: string };
  /** The first broken link. */
  broken?: {
    seq: number;
    id?: string;
    reason: 'altered' | 'deleted' | 'unchained';
    message: string;
  };
}

/** Walks the whole chain in sequence order; reports the first broken link. */
export async function verifyAuditChain(db: Kysely<Database>): Promise<ChainVerdict> {
  const headRow = await db
    .selectFrom('audit_chain_head')
    .select(['seq', 'hash'])
    .where('id', '=', 'main')
    .executeTakeFirst();
  const head = { seq: Number(headRow?.seq ?? 0), hash: headRow?.hash ?? GENESIS_HASH };
  const unchained = await db
    .selectFrom('audit_log')
    .select(['id'])
    .where('seq', 'is', null)
    .orderBy('at')
    .limit(1)
    .executeTakeFirst();
  let expected = 1;
  let prev = GENESIS_HASH;
  let checked = 0;
  const fail = (broken: NonNullable<ChainVerdict['broken']>): ChainVerdict => ({
    ok: false,
    checked,
    head,
    broken,
  });
  for (;;) {
    const batch = (await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expected)
      .orderBy('seq')
      .limit(1000)
      .execute()) as StoredRow[];
    if (batch.length === 0) break;
    for (const r of batch) {
      const seq = Number(r.seq);
      if (seq !== expected) {
        return fail({
          seq: expected,
          reason: 'deleted',
          message: `Entry ${expected} is missing (deleted): the chain jumps from ${expected - 1} to ${seq}.`,
        });
      }
      const hash = chainHash(prev, canonicalContent({ ...r, seq }));
      if (r.prev_hash !== prev || r.hash !== hash) {
        return fail({
          seq,
          id: r.id,
          reason: 'altered',
          message:
            r.prev_hash !== prev
              ? `Entry ${seq} does not link to entry ${seq - 1} (an entry before it was altered or replaced).`
              : `Entry ${seq} was altered after it was written (its content no longer matches its hash).`,
        });
      }
      prev = r.hash;
      expected += 1;
      checked += 1;
    }
  }
  if (expected - 1 !== head.seq) {
    return fail({
      seq: expected,
      reason: 'deleted',
      message: `The chain ends at ${expected - 1} but ${head.seq} entries were written: the last ones were deleted.`,
    });
  }
  if (prev !== head.hash) {
    return fail({
      seq: head.seq,
      reason: 'altered',
      message: `The last entry (${head.seq}) does not match the recorded chain head.`,
    });
  }
  if (unchained) {
    return fail({
      seq: 0,
      id: unchained.id,
      reason: 'unchained',
      message: `Entry ${unchained.id} was inserted around the audit writer (it has no place in the chain).`,
    });
  }
  return { ok: true, checked, head };
}

/**
 * The chain's columns and head row; the rows already written (before the chain existed) are chained in
 * their order of time. Named `500_audit_*` to sort after the core (`0001_…`) and record (`200_…`) migrations.
 */
export function auditMigrations(): Record<string, Migration> {
  return {
    '500_audit_0001_hash_chain': {
      async up(db: Kysely<unknown>) {
        for (const [col, type] of [
          ['seq', 'integer'],
          ['outcome', 'text'],
          ['source', 'text'],
          ['prev_hash', 'text'],
          ['hash', 'text'],
        ] as const) {
          await db.schema.alterTable('audit_log').addColumn(col, type).execute();
        }
        await db.schema.createIndex('audit_log_seq').on('audit_log').column('seq').unique().execute();
        await db.schema
          .createTable('audit_chain_head')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('seq', 'integer', (c) => c.notNull())
          .addColumn('hash', 'text', (c) => c.notNull())
          .execute();
        const d = db as unknown as Kysely<Database>;
        const old = (await d
          .selectFrom('audit_log')
          .selectAll()
          .orderBy('at')
          .orderBy('id')
          .execute()) as StoredRow[];
        let prev = GENESIS_HASH;
        let seq = 0;
        for (const r of old) {
          seq += 1;
          const row = { ...r, seq, outcome: 'success' };
          const hash = chainHash(prev, canonicalContent(row));
          await d
            .updateTable('audit_log')
            .set({ seq, outcome: 'success', prev_hash: prev, hash })
            .where('id', '=', r.id)
            .execute();
          prev = hash;
        }
        await d.insertInto('audit_chain_head').values({ id: 'main', seq, hash: prev }).execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropTable('audit_chain_head').ifExists().execute();
        await db.schema.dropIndex('audit_log_seq').ifExists().execute();
        for (const col of ['hash', 'prev_hash', 'source', 'outcome', 'seq'])
          await db.schema.alterTable('audit_log').dropColumn(col).execute();
      },
    },
  };
}
