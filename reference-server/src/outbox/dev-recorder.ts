/**
 * Development only: an SMS channel that sends nothing and records each message as a delivered outbox row, so
 * the sign-in codes show on `/dev/outbox` and the demo can be signed into without a phone. Codes are then in the
 * database in clear: never in production (mount-auth.ts uses it only when no messenger is given, and main.ts
 * gives the SMS provider's in production).
 */
import type { Db } from '../db/types.js';
import type { Clock } from '../lib/time.js';
import type { SmsPayload } from './messages.js';
import { writeOutbox } from './queue.js';
import type { OutgoingSms, SmsProvider } from './transports.js';

export function outboxRecorder(db: Db, clock: Pick<Clock, 'now'>): SmsProvider {
  const record = (sms: OutgoingSms, text: string) =>
    db.transaction().execute(async (trx) => {
      const payload: SmsPayload = { to: sms.to, text, inviteId: '' };
      await writeOutbox(trx, [{ kind: 'sms', payload }], {
        at: clock.now().toISOString(),
        status: 'sent',
      });
    });
  return {
    name: 'outbox',
    send: (sms) => record(sms, sms.text),
    call: (sms) => record(sms, `【音声通話】${sms.text}`),
  };
}
