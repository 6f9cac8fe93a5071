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
 * (`source`: address, user agent, request id; taken from the request context when the caller gives none).
 *
 * `verifyAuditChain` walks the chain and reports the first broken link: an altered row (its hash does not
 * match), a deleted one (a missing sequence number, or a head pointing past the last row) or one inserted
 * around the writer (no sequence number).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { PostgresAdapter, sql, type Kysely, type Migration, type Transaction } from 'kysely';
import type { Database } from '../db/types.js';
import { newRowId } from '../lib/ids.js';

export const GENESIS_HASH = '0'.repeat(64);

/** Where the current request comes from (set by the app's middleware). */
export interface AuditSource {
  ip?: string;
  userAgent?: string;
  requestId?: string;
}
export const auditRequestContext = new AsyncLocalStorage<AuditSource>();

export interface AuditEntry {
  at: string;
  userId: string;
  facilityCode: string;
  action: string;
  entity: string;
  entityId: string;
  version: number | null;
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
async function lockHead(trx: AnyDb): Promise<{ seq: number; hash: string }> {
  if (isPostgres(trx)) {
    return trx
      .selectFrom('audit_chain_head')
      .select(['seq', 'hash'])
      .where('id', '=', 'main')
      .forUpdate()
      .executeTakeFirstOrThrow();
  }
  // SQLite: a write takes the database's write lock until commit (a read first could be overtaken).
  await trx
    .updateTable('audit_chain_head')
    .set({ seq: sql`seq` })
    .where('id', '=', 'main')
    .execute();
  return trx
    .selectFrom('audit_chain_head')
    .select(['seq', 'hash'])
    .where('id', '=', 'main')
    .executeTakeFirstOrThrow();
}

/**
 * The head as this transaction left it. The lock taken by the first append holds until the transaction ends, so
 * later appends in it (a group-commit batch files dozens of reports in one) need neither the lock nor the read.
 */
const headInTransaction = new WeakMap<object, { seq: number; hash: string }>();

/**
 * Forgets what a transaction knows of the head: call it after a ROLLBACK TO SAVEPOINT, which may have undone
 * appends (the group committer does, when an item fails). The next append reads the head again.
 */
export function forgetChainHead(trx: object): void {
  headInTransaction.delete(trx);
}

/** Appends entries to the chain inside `db`'s transaction (or a new one when `db` is not a transaction). */
export async function appendAudit(db: AnyDb, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  if (!db.isTransaction) {
    await (db as Kysely<Database>).transaction().execute((trx) => appendAudit(trx, entries));
    return;
  }
  const head = headInTransaction.get(db) ?? (await lockHead(db));
  const ctx = auditRequestContext.getStore();
  let seq = Number(head.seq);
  let prev = head.hash;
  const rows: StoredRow[] = entries.map((e) => {
    seq += 1;
    const source = e.source ?? ctx;
    const row: Omit<StoredRow, 'prev_hash' | 'hash'> = {
      id: newRowId(),
      seq,
      at: e.at,
      user_id: e.userId,
      facility_code: e.facilityCode,
      action: e.action,
      entity: e.entity,
      entity_id: e.entityId,
      version: e.version,
      old_data: e.oldData === undefined ? null : JSON.stringify(e.oldData),
      new_data: e.newData === undefined ? null : JSON.stringify(e.newData),
      outcome: e.outcome ?? 'success',
      source: source ? JSON.stringify(source) : null,
    };
    const hash = chainHash(prev, canonicalContent(row));
    const stored = { ...row, prev_hash: prev, hash };
    prev = hash;
    return stored;
  });
  await db.insertInto('audit_log').values(rows).execute();
  await db.updateTable('audit_chain_head').set({ seq, hash: prev }).where('id', '=', 'main').execute();
  headInTransaction.set(db, { seq, hash: prev });
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
