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
}

/** Writes `messages` to the outbox in `trx`. */
export async function writeOutbox(
  trx: Db | Transaction<Database>,
  messages: readonly OutboxMessage[],
  { at, reportId = null, status = 'pending' }: WriteOutboxOptions,
): Promise<void> {
  if (messages.length === 0) return;
  const ids = messages.map(() => newRowId());
  await insertLater(
    trx,
    'outbox',
    messages.map(({ kind }, i) => ({
      id: ids[i]!,
      kind,
      report_id: reportId,
      status,
      attempts: 0,
      next_attempt_at: at,
      lease_owner: null,
      lease_until: null,
      sent_at: status === 'sent' ? at : null,
      last_error: null,
      created_at: at,
    })),
  );
  await insertLater(
    trx,
    'outbox_payloads',
    messages.map(({ payload }, i) => ({ id: ids[i]!, payload: JSON.stringify(payload) })),
  );
}
