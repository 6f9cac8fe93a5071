/**
 * Delivery channels. Mail goes over SMTP (nodemailer); SMS through a provider interface with an HTTP provider
 * (POST JSON with a bearer token) and a development provider. Every message carries the outbox row's id as
 * its idempotent message id (SMTP `Message-ID`, HTTP `Idempotency-Key`), so a redelivery after a crash can be
 * recognized by the receiving side.
 */
import nodemailer from 'nodemailer';

export interface OutgoingMail {
  id: string;
  from: string;
  to: string;
  toName: string;
  subject: string;
  text: string;
}

export interface OutgoingSms {
  id: string;
  to: string;
  text: string;
}

export interface Mailer {
  readonly name: string;
  send(mail: OutgoingMail): Promise<void>;
  close?(): void;
}

export interface SmsProvider {
  readonly name: string;
  send(sms: OutgoingSms): Promise<void>;
  /** Automated voice call (自動架電) with the same text; providers that cannot call throw. */
  call?(sms: OutgoingSms): Promise<void>;
}

export function messageIdOf(id: string): string {
  return `<${id}@outbox.hersys-sdk.invalid>`;
}

/** SMTP via nodemailer, e.g. `smtp://127.0.0.1:2525` or `smtps://user:pass@mail.example:465`. */
export function smtpMailer(url: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    name: 'smtp',
    async send(m) {
      await transport.sendMail({
        from: m.from,
        to: { name: m.toName, address: m.to },
        subject: m.subject,
        text: m.text,
        messageId: messageIdOf(m.id),
        headers: { 'X-Outbox-Id': m.id },
      });
    },
    close: () => transport.close(),
  };
}

/** Development: nothing leaves the machine; the message stays visible at /dev/outbox and in the log. */
export function devMailer(log: (line: string) => void = () => {}): Mailer {
  return {
    name: 'dev',
    async send(m) {
      log(`[dev-mail] to ${m.to}: ${m.subject}`);
    },
  };
}

export function devSmsProvider(log: (line: string) => void = () => {}): SmsProvider {
  return {
    name: 'dev',
    async send(s) {
      log(`[dev-sms] to ${s.to}: ${s.text}`);
    },
    async call(s) {
      log(`[dev-call] to ${s.to}: ${s.text}`);
    },
  };
}

/** POSTs `{ id, to, text, channel }` as JSON to `url` with `Authorization: Bearer <token>`; 2xx is success. */
export function httpSmsProvider(url: string, token: string, timeoutMs = 10_000): SmsProvider {
  async function post(s: OutgoingSms, channel: 'sms' | 'voice') {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'idempotency-key': s.id,
      },
      body: JSON.stringify({ id: s.id, to: s.to, text: s.text, channel }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!res.ok) throw new Error(`SMS provider answered ${res.status}`);
  }
  return { name: 'http', send: (s) => post(s, 'sms'), call: (s) => post(s, 'voice') };
}
