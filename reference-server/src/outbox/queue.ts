/**
 * Writing messages to the outbox: each one is a delivery-state row (`outbox`) and its message
 * (`outbox_payloads`) under one id, written in the caller's transaction — and held for the end of a
 * group-commit batch when that transaction defers its inserts (db/deferred-inserts.ts).
 */
import type { Transaction } from 'kysely';
import { insertLater } from '../db/deferred-inserts.js';
import type { Database, Db, OutboxTable } from '../db/types.js';
import { newRowId } from '../lib/ids.js';

/** A message to write: its channel and its payload (`MailPayload` or `SmsPayload`, messages.ts). */
export interface OutboxMessage {
  kind: OutboxTable['kind'];
  payload: unknown;
}

/** An outbox row with its message (table outbox_payloads), as a worker delivers it. */
export type LeasedMessage = OutboxTable & { payload: string };

/** A worker's lease on rows: who holds them and until when (ISO 8601). */
export interface Lease {
  owner: string;
  until: string;
}

export interface WriteOutboxOptions {
  /** When the messages are queued (ISO 8601). */
  at: string;
  /** The report they are about, if any. */
  reportId?: string | null;
  /**
   * `pending` (default): for the worker to deliver. `sent`: only recorded, as delivered at `at` (the
   * development sign-in codes, ./dev-recorder.ts).
   */
  status?: 'pending' | 'sent';
  /**
   * Written already leased to a worker, which delivers them once the transaction is committed
   * (worker.ts `dispatch`): no worker's pass leases them unless that lease expires first.
   */
  lease?: Lease;
}

/** Writes `messages` to the outbox in `trx`; returns the rows as written. */
export async function writeOutbox(
  trx: Db | Transaction<Database>,
  messages: readonly OutboxMessage[],
  { at, reportId = null, status = 'pending', lease }: WriteOutboxOptions,
): Promise<LeasedMessage[]> {
  if (messages.length === 0) return [];
  const rows: LeasedMessage[] = messages.map(({ kind, payload }) => ({
    id: newRowId(),
    kind,
    report_id: reportId,
    status,
    // A lease counts as an attempt (worker.ts `lease`).
    attempts: lease ? 1 : 0,
    next_attempt_at: at,
    lease_owner: lease?.owner ?? null,
    lease_until: lease?.until ?? null,
    sent_at: status === 'sent' ? at : null,
    last_error: null,
    created_at: at,
    payload: JSON.stringify(payload),
  }));
  await insertLater(
    trx,
    'outbox',
    rows.map(({ payload: _payload, ...state }) => state),
  );
  await insertLater(
    trx,
    'outbox_payloads',
    rows.map(({ id, payload }) => ({ id, payload })),
  );
  return rows;
}
