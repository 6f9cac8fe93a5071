/**
 * The delivery thread's body (started by ./delivery-thread.ts): builds the channels from its configuration and
 * sends what the server posts, answering each request with its outcome.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { DeliveryConfig, DeliveryReply, DeliveryRequest } from './delivery-thread.js';
import { httpSmsProvider, smtpMailer } from './transports.js';

const config = workerData as DeliveryConfig;
const port = parentPort!;
const mailer = config.smtpUrl ? smtpMailer(config.smtpUrl) : undefined;
const sms = config.smsProviderUrl
  ? httpSmsProvider(config.smsProviderUrl, config.smsProviderToken ?? '')
  : undefined;
const unset = (channel: string) => Promise.reject(new Error(`no ${channel} channel is configured`));

port.on('message', (request: DeliveryRequest) => {
  if (request.channel === 'close') {
    mailer?.close?.();
    port.postMessage({ n: request.n, ok: true } satisfies DeliveryReply);
    port.close();
    return;
  }
  const sent =
    request.channel === 'mail'
      ? (mailer?.send(request.message) ?? unset('mail'))
      : request.channel === 'call'
        ? (sms?.call?.(request.message) ?? unset('voice'))
        : (sms?.send(request.message) ?? unset('SMS'));
  sent.then(
    () => port.postMessage({ n: request.n, ok: true } satisfies DeliveryReply),
    (err: unknown) =>
      port.postMessage({
        n: request.n,
        ok: false,
        error: err instanceof Error ? err.message : String(err),
      } satisfies DeliveryReply),
  );
});
