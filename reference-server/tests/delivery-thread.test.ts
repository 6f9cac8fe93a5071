/**
 * The delivery thread (outbox/delivery-thread.ts): mail over SMTP and SMS over the HTTP provider are sent from
 * the thread, a failure comes back as the send's rejection, and a closed thread starts again on demand.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';
import { startDeliveryThread } from '../src/outbox/delivery-thread.js';
import { messageIdOf } from '../src/outbox/transports.js';
import { startSmtp } from './smtp.js';

let smtp: Awaited<ReturnType<typeof startSmtp>>;
before(async () => {
  smtp = await startSmtp();
});
after(() => smtp.close());

const mail = (id: string) => ({
  id,
  from: 'no-reply@hersys.example',
  to: 'minato@hc.example',
  toName: 'みなと保健所',
  subject: '発生届の報告がありました',
  text: '東京中央クリニックから発生届が報告されました。',
});

test('a mail sent through the thread reaches the SMTP server with its outbox id', async () => {
  const d = startDeliveryThread({ smtpUrl: `smtp://127.0.0.1:${smtp.port}` }, () => {});
  try {
    assert.equal(d.mailer!.name, 'smtp');
    await Promise.all([d.mailer!.send(mail('m-1')), d.mailer!.send(mail('m-2'))]);
    const got = smtp.mails.filter((m) => m.headers['x-outbox-id']?.startsWith('m-'));
    assert.equal(got.length, 2);
    assert.deepEqual(got.map((m) => m.headers['message-id']).sort(), [
      messageIdOf('m-1'),
      messageIdOf('m-2'),
    ]);
    assert.equal(got[0]!.subject, '発生届の報告がありました');
  } finally {
    await d.close();
  }
});

test('a failed delivery rejects the send; after close the next send starts the thread again', async () => {
  const down = startDeliveryThread({ smtpUrl: 'smtp://127.0.0.1:1' }, () => {});
  await assert.rejects(down.mailer!.send(mail('m-3')), /ECONNREFUSED|connect/i);
  await down.close();
  const d = startDeliveryThread({ smtpUrl: `smtp://127.0.0.1:${smtp.port}` }, () => {});
  await d.mailer!.send(mail('m-4'));
  await d.close();
  await d.mailer!.send(mail('m-5'));
  await d.close();
  const ids = smtp.mails.map((m) => m.headers['x-outbox-id']);
  assert.ok(ids.includes('m-4') && ids.includes('m-5'));
});

test('SMS and voice calls go to the HTTP provider from the thread', async () => {
  const received: { auth?: string; body: unknown }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c));
    req.on('end', () => {
      received.push({ auth: req.headers.authorization, body: JSON.parse(body) });
      res.writeHead(req.headers['idempotency-key'] === 'refuse' ? 503 : 200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const d = startDeliveryThread(
    { smsProviderUrl: `http://127.0.0.1:${port}/sms`, smsProviderToken: 't0ken' },
    () => {},
  );
  try {
    assert.equal(d.sms!.name, 'http');
    await d.sms!.send({ id: 's-1', to: '09012345678', text: 'My HER-SYS' });
    await d.sms!.call!({ id: 's-2', to: '09012345678', text: 'コード 123456' });
    await assert.rejects(d.sms!.send({ id: 'refuse', to: '09012345678', text: 'x' }), /503/);
    assert.deepEqual(
      received.map((r) => [r.auth, (r.body as { channel: string }).channel]),
      [
        ['Bearer t0ken', 'sms'],
        ['Bearer t0ken', 'voice'],
        ['Bearer t0ken', 'sms'],
      ],
    );
  } finally {
    await d.close();
    server.close();
  }
});
