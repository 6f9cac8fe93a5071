/**
 * The real delivery channels on a thread of their own. Composing and sending a mail costs the sender's CPU —
 * nodemailer takes 0.3–0.4 ms to compose one and more for the SMTP session, three mails per 報告 — and on the
 * server's main thread that was more than the filing itself. Here SMTP and the HTTP SMS provider
 * (transports.ts) run in a worker thread; for each one configured the server gets a `Mailer` or an
 * `SmsProvider` of the same name whose `send`/`call` post the message to the thread and resolve with its
 * outcome, so the outbox worker, its leases and its records do not change. The development channels stay on
 * the main thread (main.ts): they only log, and a round trip to a thread costs more than that (~0.3 ms of CPU
 * per 報告 in the bench). A thread that dies fails what it was sending (the outbox retries it, as any failed
 * delivery) and is started again on the next message.
 */
import type { Worker } from 'node:worker_threads';
import { startModuleThread } from '../lib/module-thread.js';
import type { Mailer, OutgoingMail, OutgoingSms, SmsProvider } from './transports.js';

/** Which channels the thread builds (the environment's, see main.ts); an unset one is not built. */
export interface DeliveryConfig {
  /** SMTP URL. */
  smtpUrl?: string;
  /** HTTP SMS provider. */
  smsProviderUrl?: string;
  smsProviderToken?: string;
}

/** A message for the thread. */
export type DeliveryRequest =
  | { n: number; channel: 'mail'; message: OutgoingMail }
  | { n: number; channel: 'sms' | 'call'; message: OutgoingSms }
  | { n: number; channel: 'close' };

/** The thread's answer to a request. */
export type DeliveryReply = { n: number; ok: true } | { n: number; ok: false; error: string };

export interface DeliveryThread {
  /** Set when `smtpUrl` is. */
  mailer?: Mailer;
  /** Set when `smsProviderUrl` is. */
  sms?: SmsProvider;
  /** Closes the channels (the SMTP pool) and ends the thread. */
  close(): Promise<void>;
}

/** Starts the thread (its module is ./delivery-worker.ts) on the first message. */
export function startDeliveryThread(config: DeliveryConfig, log: (line: string) => void): DeliveryThread {
  let worker: Worker | undefined;
  let next = 0;
  const pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();

  const thread = () => {
    if (worker) return worker;
    const w = startModuleThread(new URL('./delivery-worker.ts', import.meta.url), config);
    w.unref();
    w.on('message', (r: DeliveryReply) => {
      const p = pending.get(r.n);
      pending.delete(r.n);
      // Idle, the thread must not keep a finished process alive; busy, it must (see post).
      if (pending.size === 0) w.unref();
      if (r.ok) p?.resolve();
      else p?.reject(new Error(r.error));
    });
    w.on('error', (err) => log(`[outbox] delivery thread failed: ${err.message}`));
    w.on('exit', () => {
      if (worker === w) worker = undefined;
      for (const p of pending.values()) p.reject(new Error('the delivery thread stopped'));
      pending.clear();
    });
    worker = w;
    return w;
  };

  const post = (request: DeliveryRequest) =>
    new Promise<void>((resolve, reject) => {
      pending.set(request.n, { resolve, reject });
      const w = thread();
      w.ref();
      w.postMessage(request);
    });

  return {
    mailer: config.smtpUrl
      ? { name: 'smtp', send: (message) => post({ n: next++, channel: 'mail', message }) }
      : undefined,
    sms: config.smsProviderUrl
      ? {
          name: 'http',
          send: (message) => post({ n: next++, channel: 'sms', message }),
          call: (message) => post({ n: next++, channel: 'call', message }),
        }
      : undefined,
    async close() {
      const w = worker;
      if (!w) return;
      const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
      await post({ n: next++, channel: 'close' }).catch(() => {});
      // Held until it has exited (the answer to close left it unreferenced).
      w.ref();
      await exited;
    },
  };
}
