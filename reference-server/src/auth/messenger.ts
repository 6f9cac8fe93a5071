/** An SMS / voice provider that records instead of sending (tests, and development without a gateway). */
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
