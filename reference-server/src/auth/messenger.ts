/** An SMS / voice provider that records instead of sending (tests, and development without a gateway). */
import { randomUUID } from 'node:crypto';
import type { SmsSender, VoiceCaller } from './types.js';

export interface RecordedMessage {
  kind: 'sms' | 'voice';
  to: string;
  text: string;
  at: Date;
}

/**
 * Records every SMS and call in `messages` (newest last). `lastCode(to)` extracts the newest 6-digit code
 * sent to a number, which is what a development outbox page or a test needs.
 */
export function recordingMessenger(): SmsSender &
  VoiceCaller & { messages: RecordedMessage[]; lastCode(to?: string): string | undefined } {
  const messages: RecordedMessage[] = [];
  return {
    messages,
    async sendSms(to, text) {
      messages.push({ kind: 'sms', to, text, at: new Date() });
    },
    async call(to, speech) {
      messages.push({ kind: 'voice', to, text: speech, at: new Date() });
    },
    lastCode(to) {
      for (let i = messages.length - 1; i >= 0; i--) {
        const m = messages[i]!;
        if (to && m.to !== to) continue;
        const digits =
          m.kind === 'sms'
            ? /\b(\d{6})\b/.exec(m.text)?.[1]
            : /をお知らせします。([\d、]+)。/.exec(m.text)?.[1]?.replace(/、/g, '');
        if (digits) return digits;
      }
      return undefined;
    },
  };
}

/** The server's SMS channel (`reference-server/src/outbox/transports.ts`), structurally. */
export interface OutboxSmsProvider {
  readonly name: string;
  send(sms: { id: string; to: string; text: string }): Promise<void>;
  call?(sms: { id: string; to: string; text: string }): Promise<void>;
}

const domestic = (e164: string) => (e164.startsWith('+81') ? '0' + e164.slice(3) : e164);

/**
 * Production: sends codes straight through the server's SMS provider (never through the outbox table, so a
 * code is never stored in clear). Numbers are passed as domestic digits (`09012345678`), the provider's form.
 */
export function smsProviderMessenger(provider: OutboxSmsProvider): SmsSender & VoiceCaller {
  return {
    async sendSms(to, text) {
      await provider.send({ id: randomUUID(), to: domestic(to), text });
    },
    async call(to, speech) {
      if (!provider.call) throw new Error(`The SMS provider "${provider.name}" cannot place voice calls.`);
      await provider.call({ id: randomUUID(), to: domestic(to), text: speech });
    },
  };
}
