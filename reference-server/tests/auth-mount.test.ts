/**
 * The module mounted the way docs/security.md tells the lead to: on the server's own schema and demo data
 * (its migrations and the auth migrations side by side), codes shown in the server's outbox (development),
 * the user context `currentUser` with the facility name, and the host's API closed without a session.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Hono } from 'hono';
import { openDatabase } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrations.js';
import { seedDemoData } from '../src/db/seed.js';
import type { DbHandle } from '../src/db/types.js';
import {
  createAuthApp,
  ensureAuthAccounts,
  kyselyFacilityDirectory,
  migrateAuthToLatest,
  smsProviderMessenger,
  type AuthApp,
} from '../src/auth/index.js';
import { outboxRecorder } from '../src/outbox/dev-recorder.js';
import { Browser, NEW_PASSWORD, ORIGIN, TestClock, json } from './auth-harness.js';

let handle: DbHandle;
let auth: AuthApp;
let host: Hono;
let initial: Map<string, string>;
const clock = new TestClock();

before(async () => {
  handle = openDatabase({ sqliteFile: ':memory:' });
  await migrateToLatest(handle.db, handle.dialect);
  await migrateAuthToLatest(handle.db);
  await seedDemoData(handle.db, clock.now().toISOString());
  const messenger = smsProviderMessenger(outboxRecorder(handle.db, clock));
  auth = createAuthApp({
    db: handle.db,
    sms: messenger,
    voice: messenger,
    clock,
    facilities: kyselyFacilityDirectory(handle.db),
    config: {
      secret: 'mount-test-secret-mount-test-secret-0123456789',
      origins: [ORIGIN],
      rpId: 'localhost',
      password: { scrypt: { N: 2 ** 14, r: 8, p: 1 } },
      clientIp: (c) => c.req.header('x-test-ip') ?? 'unknown',
      onAccountIssued: async (a) => {
        await handle.db
          .insertInto('users')
          .values({
            id: a.userId,
            login_id: a.loginId,
            display_name: a.displayName,
            facility_kind: a.facilityKind as 'outpatient',
            facility_code: a.facilityCode,
            role: a.role,
            created_at: a.createdAt,
          })
          .onConflict((oc) => oc.column('id').doNothing())
          .execute();
      },
    },
  });
  const users = await handle.db.selectFrom('users').selectAll().execute();
  initial = new Map(
    (await ensureAuthAccounts(auth, handle.db, users)).map((a) => [a.loginId, a.initialPassword]),
  );

  host = new Hono();
  host.use('/api/*', auth.protectApi({ publicPaths: ['/api/health'] }));
  host.route('/', auth);
  host.get('/api/health', (c) => c.json({ ok: true }));
  host.get('/api/me', (c) => c.json({ user: c.get('currentUser' as never) }));
  host.post('/api/things', (c) =>
    c.json({ by: (c.get('currentUser' as never) as { loginId: string }).loginId }, 201),
  );
  host.get('/api/export', auth.requireRecentAuth(), (c) => c.json({ rows: [] }));
});

after(() => handle.close());

const lastOutboxCode = async () => {
  const row = await handle.db
    .selectFrom('outbox')
    .innerJoin('outbox_payloads', 'outbox_payloads.id', 'outbox.id')
    .selectAll('outbox')
    .select('outbox_payloads.payload')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  return /\d{6}/.exec((JSON.parse(row.payload).text as string).replace(/、/g, ''))![0];
};

test('demo users get accounts; the API is closed without a session; public paths stay open', async () => {
  assert.deepEqual([...initial.keys()].sort(), [
    'chiyoda-hc',
    'clinic',
    'hospital',
    'minato-hc',
    'tokyo-pref',
  ]);
  assert.deepEqual(
    await ensureAuthAccounts(auth, handle.db, await handle.db.selectFrom('users').selectAll().execute()),
    [],
  );
  const b = new Browser(host);
  assert.equal((await b.req('GET', '/api/me')).status, 401);
  assert.equal((await b.req('GET', '/api/health')).status, 200);
  const res = await b.req('POST', '/api/things', {});
  assert.equal(res.status, 401);
});

test('sign in with the code from /dev/outbox; currentUser is set; state changes need the CSRF token', async () => {
  const b = new Browser(host);
  const { attemptId } = await json(await b.req('POST', '/api/auth/login-id', { loginId: 'clinic' }));
  await b.req('POST', '/api/auth/password', { attemptId, password: initial.get('clinic') });
  await b.req('POST', '/api/auth/phone', { attemptId, phone: '090-1234-5678', method: 'voice' });
  const row = await handle.db
    .selectFrom('outbox')
    .innerJoin('outbox_payloads', 'outbox_payloads.id', 'outbox.id')
    .selectAll('outbox')
    .select('outbox_payloads.payload')
    .executeTakeFirstOrThrow();
  assert.equal(row.kind, 'sms');
  assert.equal(row.status, 'sent', 'shown on /dev/outbox, never delivered again by the worker');
  assert.match(JSON.parse(row.payload).text, /^【音声通話】HER-SYS の確認コード/);
  assert.equal(JSON.parse(row.payload).to, '09012345678');
  await b.req('POST', '/api/auth/verify', { attemptId, code: await lastOutboxCode() });
  const done = await b.req('POST', '/api/auth/change-initial-password', {
    attemptId,
    currentPassword: initial.get('clinic'),
    newPassword: NEW_PASSWORD,
  });
  assert.equal(done.status, 200);
  const me = await json(await b.req('GET', '/api/me'));
  assert.equal(me.user.userId, 'u-clinic');
  assert.equal(me.user.facilityName, '東京中央クリニック');
  assert.equal(me.user.facilityKind, 'outpatient');
  assert.equal((await b.req('POST', '/api/things', {})).status, 201);
  const forged = await b.raw('POST', '/api/things', {
    text: '{}',
    headers: { 'content-type': 'application/json' },
  });
  assert.equal(forged.status, 403);
  // Bulk export needs a recent sign-in (10 minutes by default).
  assert.equal((await b.req('GET', '/api/export')).status, 200);
  clock.advance(11 * 60_000);
  await b.req('GET', '/api/me');
  clock.advance(60_000);
  const stale = await b.req('GET', '/api/export');
  assert.equal(stale.status, 401);
  assert.equal((await json(stale)).error.code, 'reauth_required');
});

test('an issued account gets its users row (onAccountIssued) in the facility tables of the server', async () => {
  const b = new Browser(host, '203.0.113.20');
  const { attemptId } = await json(await b.req('POST', '/api/auth/login-id', { loginId: 'minato-hc' }));
  await b.req('POST', '/api/auth/password', { attemptId, password: initial.get('minato-hc') });
  await b.req('POST', '/api/auth/phone', { attemptId, phone: '03-3333-4444', method: 'voice' });
  await b.req('POST', '/api/auth/verify', { attemptId, code: await lastOutboxCode() });
  await b.req('POST', '/api/auth/change-initial-password', {
    attemptId,
    currentPassword: initial.get('minato-hc'),
    newPassword: NEW_PASSWORD,
  });
  const res = await b.req('POST', '/api/auth/accounts', {
    loginId: 'clinic-kono',
    displayName: '東京中央クリニック 河野',
    facilityKind: 'outpatient',
    facilityCode: '1312345678',
  });
  assert.equal(res.status, 201);
  const { account } = await json(res);
  assert.equal(account.facilityName, '東京中央クリニック');
  const user = await handle.db
    .selectFrom('users')
    .selectAll()
    .where('login_id', '=', 'clinic-kono')
    .executeTakeFirst();
  assert.equal(user?.facility_code, '1312345678');
  // 千代田's hospital is not in みなと's area (from the server's institutions table).
  const other = await b.req('POST', '/api/auth/accounts', {
    loginId: 'hospital-x',
    displayName: 'x',
    facilityKind: 'inpatient',
    facilityCode: '1398765432',
  });
  assert.equal(other.status, 403);
});
