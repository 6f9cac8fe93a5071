/**
 * The server as main.ts builds it (createApp + mountAuth: sign-in, sessions, CSRF, the audit chain), with the
 * demo data and real sessions: every demo account signs in through the auth routes (ID → password → phone →
 * the SMS code read from the outbox table, as /dev/outbox shows it → the initial password changed). No session
 * check is bypassed.
 */
import { createApp } from '../src/app.js';
import { ensureAuthAccounts } from '../src/auth/index.js';
import { defaultConfig } from '../src/config.js';
import { migrateToLatest } from '../src/db/migrations.js';
import { seedDemoData } from '../src/db/seed.js';
import type { DbHandle } from '../src/db/types.js';
import { mountAuth } from '../src/mount-auth.js';
import { Browser, NEW_PASSWORD, ORIGIN, json } from './auth-harness.js';
import { TestClock, openBackend } from './helpers.js';

export const ROLES = ['clinic', 'hospital', 'minato-hc', 'chiyoda-hc', 'tokyo-pref'] as const;
export type Role = (typeof ROLES)[number];

export interface SessionHarness {
  app: ReturnType<typeof createApp>;
  handle: DbHandle;
  clock: TestClock;
  initial: Map<string, string>;
  /** A new browser (own cookies and address). */
  browser(ip?: string): Browser;
  /** The newest code sent to this number (digits), from the outbox table /dev/outbox shows. */
  lastCode(phoneDigits: string): Promise<string>;
  /** The manual's first sign-in over the API; returns the signed-in browser. */
  firstSignIn(loginId: string, phone: string, b?: Browser): Promise<Browser>;
  close(): Promise<void>;
}

export async function sessionHarness(
  backend: 'sqlite' | 'postgres',
  shared?: { handle: DbHandle },
): Promise<SessionHarness> {
  const clock = new TestClock();
  let handle: DbHandle;
  let drop = async () => {};
  if (shared) handle = shared.handle;
  else {
    const b = await openBackend(backend);
    handle = b.handle;
    drop = b.drop;
    await migrateToLatest(handle.db, handle.dialect);
    await seedDemoData(handle.db, clock.now().toISOString());
  }
  const auth = await mountAuth({
    handle,
    clock,
    secret: 'roles-test-secret-roles-test-secret-0123456789',
    publicUrl: ORIGIN,
    config: {
      password: { scrypt: { N: 2 ** 14, r: 8, p: 1 } },
      clientIp: (c) => c.req.header('x-test-ip') ?? 'unknown',
    },
  });
  const initial = new Map(
    (
      await ensureAuthAccounts(auth, handle.db, await handle.db.selectFrom('users').selectAll().execute())
    ).map((a) => [a.loginId, a.initialPassword]),
  );
  const app = createApp({
    db: handle,
    clock,
    config: defaultConfig({ publicUrl: ORIGIN }),
    auth,
  });
  let n = 0;
  const h: SessionHarness = {
    app,
    handle,
    clock,
    initial,
    browser: (ip) => new Browser(app, ip ?? `203.0.113.${10 + (n++ % 200)}`),
    async lastCode(phoneDigits) {
      const rows = await handle.db
        .selectFrom('outbox')
        .innerJoin('outbox_payloads', 'outbox_payloads.id', 'outbox.id')
        .select(['outbox_payloads.payload', 'outbox.created_at'])
        .where('kind', '=', 'sms')
        .orderBy('outbox.created_at', 'desc')
        .execute();
      for (const r of rows) {
        const p = JSON.parse(r.payload) as { to: string; text: string };
        const m = /確認コード: (\d{6})/.exec(p.text);
        if (p.to === phoneDigits && m) return m[1]!;
      }
      throw new Error(`no code sent to ${phoneDigits}`);
    },
    async firstSignIn(loginId, phone, b = h.browser()) {
      const password = initial.get(loginId);
      if (!password) throw new Error(`no initial password for ${loginId}`);
      const a = await json(await b.req('POST', '/api/auth/login-id', { loginId }));
      const p = await json(await b.req('POST', '/api/auth/password', { attemptId: a.attemptId, password }));
      if (p.next !== 'enrollPhone') throw new Error(`expected enrollPhone, got ${JSON.stringify(p)}`);
      const sent = await b.req('POST', '/api/auth/phone', { attemptId: a.attemptId, phone, method: 'sms' });
      if (sent.status !== 200) throw new Error(`phone: ${sent.status} ${await sent.text()}`);
      const code = await h.lastCode(phone.replace(/\D/g, ''));
      const v = await json(await b.req('POST', '/api/auth/verify', { attemptId: a.attemptId, code }));
      if (v.next !== 'changePassword') throw new Error(`expected changePassword, got ${JSON.stringify(v)}`);
      const done = await b.req('POST', '/api/auth/change-initial-password', {
        attemptId: a.attemptId,
        currentPassword: password,
        newPassword: NEW_PASSWORD,
      });
      if (done.status !== 200) throw new Error(`change: ${done.status} ${await done.text()}`);
      return b;
    },
    async close() {
      if (!shared) {
        await handle.close();
        await drop();
      }
    },
  };
  return h;
}
