/**
 * The sign-in as the manual shows it, and every refusal: over `app.request()` on SQLite (and PostgreSQL when
 * TEST_DATABASE_URL is set).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createAuthApp } from '../src/auth/app.js';
import { totpAt } from '../src/auth/crypto.js';
import {
  Browser,
  ORIGIN,
  authHarness,
  BACKENDS,
  firstSignIn,
  json,
  NEW_PASSWORD,
  signIn,
  type AuthHarness,
} from './auth-harness.js';

for (const backend of BACKENDS) {
  describe(`auth (${backend})`, () => {
    let h: AuthHarness;
    let pw: Awaited<ReturnType<AuthHarness['seed']>>;
    before(async () => {
      h = await authHarness(backend);
      pw = await h.seed();
    });
    after(() => h.close());

    test('first sign-in: ID → password → phone (SMS) → code → 完了 → new password → session', async () => {
      const b = h.browser();
      const a = await b.req('POST', '/api/auth/login-id', { loginId: 'ｃｌｉｎｉｃ' });
      assert.equal(a.status, 200);
      const { attemptId, next } = await json(a);
      assert.equal(next, 'password');
      assert.match(attemptId, /^[\w-]{43}$/);

      const p = await json(await b.req('POST', '/api/auth/password', { attemptId, password: pw.clinic }));
      assert.deepEqual(p, { next: 'enrollPhone', smsEnabled: true, voiceEnabled: true });

      // No session yet: the API is closed.
      assert.equal((await b.req('GET', '/api/auth/me')).status, 401);

      const sent = await b.req('POST', '/api/auth/phone', {
        attemptId,
        phone: '090-1234-5678',
        method: 'sms',
      });
      assert.equal(sent.status, 200);
      const s = await json(sent);
      assert.equal(s.next, 'verifyCode');
      assert.equal(s.sentTo, '+81 90-****-5678');
      const msg = h.sms.messages.at(-1)!;
      assert.equal(msg.kind, 'sms');
      assert.equal(msg.to, '+819012345678');
      const code = h.sms.lastCode()!;
      assert.match(code, /^\d{6}$/);
      // The code is stored hashed, never in clear.
      const rows = await h.db.selectFrom('auth_challenges').select('code_hash').execute();
      assert.ok(rows.every((r: { code_hash: string }) => !r.code_hash.includes(code)));

      const v = await json(await b.req('POST', '/api/auth/verify', { attemptId, code }));
      assert.deepEqual(v, { next: 'changePassword' });
      assert.equal((await b.req('GET', '/api/auth/me')).status, 401, 'no session before the password change');

      const weak = await b.req('POST', '/api/auth/change-initial-password', {
        attemptId,
        currentPassword: pw.clinic,
        newPassword: 'password1234',
      });
      assert.equal(weak.status, 400);
      assert.equal((await json(weak)).issues[0].code, 'password.common');

      const done = await b.req('POST', '/api/auth/change-initial-password', {
        attemptId,
        currentPassword: pw.clinic,
        newPassword: NEW_PASSWORD,
      });
      assert.equal(done.status, 200);
      const d = await json(done);
      assert.equal(d.next, 'done');
      assert.equal(d.offerSecurityKey, true);
      assert.deepEqual(
        { ...d.user, sessionId: undefined },
        {
          userId: 'u-clinic',
          loginId: 'clinic',
          displayName: '東京中央クリニック 河野 和男',
          facilityKind: 'outpatient',
          facilityCode: '1312345678',
          facilityName: '東京中央クリニック',
          role: 'doctor',
          sessionId: undefined,
        },
      );
      const cookie = done.headers.getSetCookie().find((c) => c.startsWith('hersys-session='))!;
      assert.match(cookie, /HttpOnly/);
      assert.match(cookie, /SameSite=Lax/);
      assert.match(cookie, /Path=\//);

      const me = await json(await b.req('GET', '/api/auth/me'));
      assert.equal(me.user.loginId, 'clinic');
      assert.equal(me.factors.phone, '+81 90-****-5678');
      assert.deepEqual(me.factors.methods, ['sms', 'voice']);

      // The attempt is finished: the same attempt (or its code) cannot be used again.
      const again = await b.req('POST', '/api/auth/verify', { attemptId, code });
      assert.equal(again.status, 401);
      assert.equal((await json(again)).error.code, 'attempt_expired');
    });

    test('later sign-in: ID, password and a second factor (voice call) every time; no password change', async () => {
      const b = h.browser();
      const { attemptId } = await json(await b.req('POST', '/api/auth/login-id', { loginId: 'clinic' }));
      const p = await json(await b.req('POST', '/api/auth/password', { attemptId, password: NEW_PASSWORD }));
      assert.deepEqual(p, { next: 'secondFactor', methods: ['sms', 'voice'], phoneHint: '+81 90-****-5678' });
      const sent = await json(await b.req('POST', '/api/auth/send-code', { attemptId, method: 'voice' }));
      assert.equal(sent.method, 'voice');
      assert.equal(h.sms.messages.at(-1)!.kind, 'voice');
      const v = await json(await b.req('POST', '/api/auth/verify', { attemptId, code: h.sms.lastCode() }));
      assert.equal(v.next, 'done');
      assert.equal((await b.req('GET', '/api/auth/me')).status, 200);
    });

    test('unknown ID and wrong password answer the same (status, body, timing class)', async () => {
      const tryPassword = async (loginId: string, password: string, ip: string) => {
        const b = h.browser(ip);
        const { attemptId } = await json(await b.req('POST', '/api/auth/login-id', { loginId }));
        const t0 = performance.now();
        const res = await b.req('POST', '/api/auth/password', { attemptId, password });
        return { status: res.status, body: await res.text(), ms: performance.now() - t0 };
      };
      const startA = await json(
        await h.browser().req('POST', '/api/auth/login-id', { loginId: 'no-such-user' }),
      );
      const startB = await json(await h.browser().req('POST', '/api/auth/login-id', { loginId: 'hospital' }));
      assert.deepEqual(Object.keys(startA).sort(), Object.keys(startB).sort());
      assert.equal(startA.next, startB.next);

      const unknown: number[] = [];
      const wrong: number[] = [];
      for (let i = 0; i < 4; i++) {
        const u = await tryPassword(`ghost${i}`, 'wrong-password-123', `198.51.100.${i}`);
        const w = await tryPassword('hospital', 'wrong-password-123', `198.51.100.${i + 10}`);
        assert.equal(u.status, 401);
        assert.equal(w.status, 401);
        assert.equal(u.body, w.body);
        unknown.push(u.ms);
        wrong.push(w.ms);
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      // Both run one scrypt: the unknown ID is not answered faster (same class, within a factor of 3).
      assert.ok(
        median(unknown) > median(wrong) / 3,
        `unknown ${median(unknown)} ms vs wrong ${median(wrong)} ms`,
      );
      assert.ok(
        median(unknown) < median(wrong) * 3,
        `unknown ${median(unknown)} ms vs wrong ${median(wrong)} ms`,
      );
      const body = JSON.parse((await tryPassword('ghost', 'x', '198.51.100.99')).body);
      assert.deepEqual(body, {
        error: { code: 'invalid_credentials', message: 'The login ID or password is incorrect.' },
      });
    });

    test('a step cannot be skipped by calling a later endpoint', async () => {
      const b = h.browser('198.51.100.50');
      const { attemptId } = await json(await b.req('POST', '/api/auth/login-id', { loginId: 'clinic' }));
      for (const [path, body] of [
        ['/api/auth/verify', { attemptId, code: '123456' }],
        ['/api/auth/phone', { attemptId, phone: '09012345678', method: 'sms' }],
        ['/api/auth/send-code', { attemptId, method: 'sms' }],
        [
          '/api/auth/change-initial-password',
          { attemptId, currentPassword: NEW_PASSWORD, newPassword: 'another-good-passphrase-9' },
        ],
        ['/api/auth/webauthn/authenticate/options', { attemptId }],
      ] as const) {
        const res = await b.req('POST', path, body);
        assert.equal(res.status, 409, path);
        assert.deepEqual(await json(res), {
          error: { code: 'wrong_step', message: 'This step is not available now.' },
          next: 'password',
        });
      }
      // After the password: the second factor is required; the password change / phone registration are not reachable.
      await b.req('POST', '/api/auth/password', { attemptId, password: NEW_PASSWORD });
      for (const path of ['/api/auth/change-initial-password', '/api/auth/phone']) {
        const res = await b.req('POST', path, {
          attemptId,
          currentPassword: NEW_PASSWORD,
          newPassword: 'another-good-passphrase-9',
          phone: '09011112222',
          method: 'sms',
        });
        assert.ok([400, 409].includes(res.status), `${path}: ${res.status}`);
      }
      const strict = await b.req('POST', '/api/auth/phone', {
        attemptId,
        phone: '09011112222',
        method: 'sms',
      });
      assert.equal(strict.status, 409);
      // A made-up attempt id is refused.
      const fake = await b.req('POST', '/api/auth/verify', { attemptId: 'x'.repeat(43), code: '123456' });
      assert.equal(fake.status, 401);
      assert.equal((await json(fake)).error.code, 'attempt_expired');
      assert.equal((await b.req('GET', '/api/auth/me')).status, 401);
    });

    test('codes: expired after 5 minutes, 5 tries at most, single use, bound to their attempt', async () => {
      const ip = '198.51.100.60';
      const start = async () => {
        const b = h.browser(ip);
        const { attemptId } = await json(await b.req('POST', '/api/auth/login-id', { loginId: 'clinic' }));
        await b.req('POST', '/api/auth/password', { attemptId, password: NEW_PASSWORD });
        await b.req('POST', '/api/auth/send-code', { attemptId, method: 'sms' });
        return { b, attemptId, code: h.sms.lastCode()! };
      };
      // Expired.
      let s = await start();
      h.clock.advance(5 * 60_000 + 1000);
      let res = await s.b.req('POST', '/api/auth/verify', { attemptId: s.attemptId, code: s.code });
      assert.equal(res.status, 410);
      assert.equal((await json(res)).error.code, 'code_expired');

      // Five wrong tries, then even the right code is refused.
      s = await start();
      const wrongCode = s.code === '000000' ? '111111' : '000000';
      for (let i = 4; i >= 0; i--) {
        res = await s.b.req('POST', '/api/auth/verify', { attemptId: s.attemptId, code: wrongCode });
        assert.equal(res.status, 401);
        assert.equal((await json(res)).triesLeft, i);
      }
      res = await s.b.req('POST', '/api/auth/verify', { attemptId: s.attemptId, code: s.code });
      assert.equal(res.status, 410);
      assert.equal((await json(res)).error.code, 'code_exhausted');
      h.clock.advance(60_000); // past the throttle's delay after those failures

      // A code of one attempt does not open another; a replaced code is dead.
      const first = await start();
      const second = await start();
      res = await second.b.req('POST', '/api/auth/verify', { attemptId: second.attemptId, code: first.code });
      assert.equal(res.status, first.code === second.code ? 200 : 401);
      const third = await start();
      const oldCode = third.code;
      await third.b.req('POST', '/api/auth/send-code', { attemptId: third.attemptId, method: 'sms' });
      res = await third.b.req('POST', '/api/auth/verify', { attemptId: third.attemptId, code: oldCode });
      assert.ok([401, 410].includes(res.status));
      // Replay: a code that worked cannot be used again, not even on a new attempt.
      const ok = await start();
      assert.equal(
        (await ok.b.req('POST', '/api/auth/verify', { attemptId: ok.attemptId, code: ok.code })).status,
        200,
      );
      const replay = await ok.b.req('POST', '/api/auth/verify', { attemptId: ok.attemptId, code: ok.code });
      assert.equal(replay.status, 401);
      const other = await start();
      res = await other.b.req('POST', '/api/auth/verify', { attemptId: other.attemptId, code: ok.code });
      assert.equal(res.status, ok.code === other.code ? 200 : 401);
      // Past the hourly cap of codes sent to this account.
      h.clock.advance(3600_000);
    });

    test('CSRF: missing, forged, cross-site and foreign-origin requests are refused', async () => {
      const b = await signIn(h, 'clinic', NEW_PASSWORD, h.browser('198.51.100.70'));
      const body = JSON.stringify({ loginId: 'clinic' });
      const post = (headers: Record<string, string>) =>
        b.raw('POST', '/api/auth/login-id', {
          text: body,
          headers: { 'content-type': 'application/json', ...headers },
        });
      let res = await post({});
      assert.equal(res.status, 403);
      assert.equal((await json(res)).error.code, 'csrf_failed');
      res = await post({ 'x-csrf-token': 'forged-token-forged-token-forged-token-1234' });
      assert.equal(res.status, 403);
      res = await post({ 'x-csrf-token': b.csrf!, 'sec-fetch-site': 'cross-site' });
      assert.equal(res.status, 403);
      res = await post({ 'x-csrf-token': b.csrf!, origin: 'https://evil.example' });
      assert.equal(res.status, 403);
      res = await post({
        'x-csrf-token': b.csrf!,
        origin: 'http://localhost:8787',
        'sec-fetch-site': 'same-origin',
      });
      assert.equal(res.status, 200);
      // Sign-out and ending sessions are state changes too.
      res = await b.raw('POST', '/api/auth/logout', { headers: {} });
      assert.equal(res.status, 403);
      assert.equal((await b.req('GET', '/api/auth/me')).status, 200, 'still signed in');
      // GET is never a state change: no token needed.
      assert.equal((await b.raw('GET', '/api/auth/sessions')).status, 200);
    });

    test('bad input never answers 500', async () => {
      const b = h.browser('198.51.100.80');
      await b.req('GET', '/api/auth/csrf');
      const cases: [string, string | undefined, Record<string, string>][] = [
        ['/api/auth/login-id', '{', { 'content-type': 'application/json' }],
        ['/api/auth/login-id', '[]', { 'content-type': 'application/json' }],
        ['/api/auth/login-id', '{"loginId": 5}', { 'content-type': 'application/json' }],
        ['/api/auth/login-id', '{"loginId": "a", "extra": 1}', { 'content-type': 'application/json' }],
        ['/api/auth/login-id', 'loginId=a', { 'content-type': 'application/x-www-form-urlencoded' }],
        ['/api/auth/password', '{"attemptId": "", "password": "x"}', { 'content-type': 'application/json' }],
        [
          '/api/auth/verify',
          `{"attemptId": "${'a'.repeat(300)}", "code": "1"}`,
          { 'content-type': 'application/json' },
        ],
        ['/api/auth/nope', '{}', { 'content-type': 'application/json' }],
      ];
      for (const [path, text, headers] of cases) {
        const res = await b.raw('POST', path, {
          text,
          headers: { ...headers, 'x-csrf-token': b.csrf!, origin: 'http://localhost:8787' },
        });
        assert.ok(res.status >= 400 && res.status < 500, `${path} ${text}: ${res.status}`);
        assert.ok((await json(res)).error.code);
      }
    });

    test('sessions: list own, end one, sign out; idle 15 min and absolute 12 h', async () => {
      const one = await signIn(h, 'clinic', NEW_PASSWORD, h.browser('198.51.100.90'));
      const two = await signIn(h, 'clinic', NEW_PASSWORD, h.browser('198.51.100.91'));
      const list = await json(await one.req('GET', '/api/auth/sessions'));
      const mine = list.items.find((s: { current: boolean }) => s.current);
      const theirs = list.items.find((s: { ip: string }) => s.ip === '198.51.100.91');
      assert.ok(mine && theirs);
      assert.equal((await one.req('DELETE', `/api/auth/sessions/${theirs.id}`)).status, 200);
      assert.equal((await two.req('GET', '/api/auth/me')).status, 401);
      // Another user's session id is "not found".
      const hc = await firstSignIn(h, 'minato-hc', pw.minato, '03-1234-5678', h.browser('198.51.100.92'));
      const hcSession = (await json(await hc.req('GET', '/api/auth/me'))).session.id;
      assert.equal((await one.req('DELETE', `/api/auth/sessions/${hcSession}`)).status, 404);
      // Idle.
      h.clock.advance(14 * 60_000);
      assert.equal((await one.req('GET', '/api/auth/me')).status, 200);
      h.clock.advance(15 * 60_000 + 1000);
      assert.equal((await one.req('GET', '/api/auth/me')).status, 401);
      // Absolute: active every 10 minutes, still ends after 12 hours.
      const busy = await signIn(h, 'clinic', NEW_PASSWORD, h.browser('198.51.100.93'));
      for (let i = 0; i < 71; i++) {
        h.clock.advance(10 * 60_000);
        assert.equal((await busy.req('GET', '/api/auth/me')).status, 200, `after ${(i + 1) * 10} min`);
      }
      h.clock.advance(11 * 60_000);
      assert.equal((await busy.req('GET', '/api/auth/me')).status, 401);
      // Sign-out.
      const three = await signIn(h, 'clinic', NEW_PASSWORD, h.browser('198.51.100.94'));
      assert.equal((await three.req('POST', '/api/auth/logout', {})).status, 200);
      assert.equal((await three.req('GET', '/api/auth/me')).status, 401);
    });

    test('sign-in issues a new session id (a planted cookie is not kept)', async () => {
      const b = h.browser('198.51.100.95');
      b.cookies.set('hersys-session', 'planted-by-attacker');
      await signIn(h, 'clinic', NEW_PASSWORD, b);
      assert.notEqual(b.cookies.get('hersys-session'), 'planted-by-attacker');
      const first = b.cookies.get('hersys-session');
      await signIn(h, 'clinic', NEW_PASSWORD, b);
      assert.notEqual(b.cookies.get('hersys-session'), first);
      const rows = await h.db.selectFrom('auth_sessions').select('token_hash').execute();
      assert.ok(
        rows.every((r: { token_hash: string }) => r.token_hash !== first),
        'only hashes are stored',
      );
    });

    test('account issuance: health center → its institutions; prefecture → its health centers; reset; disable ends sessions', async () => {
      // (minato-hc made its first sign-in, by voice call to a landline, in the sessions test.)
      const hc = await signIn(h, 'minato-hc', NEW_PASSWORD, h.browser('198.51.100.100'));
      const issue = (b: typeof hc, body: object) => b.req('POST', '/api/auth/accounts', body);
      let res = await issue(hc, {
        loginId: 'clinic2',
        displayName: '東京中央クリニック 二号',
        facilityKind: 'outpatient',
        facilityCode: '1312345678',
      });
      assert.equal(res.status, 201);
      const issued = await json(res);
      assert.equal(issued.account.mustChangePassword, true);
      assert.match(issued.initialPassword, /^.{17}$/);
      // Outside its area (千代田's hospital), or a health-center account: refused.
      res = await issue(hc, {
        loginId: 'hospital2',
        displayName: 'x',
        facilityKind: 'inpatient',
        facilityCode: '1398765432',
      });
      assert.equal(res.status, 403);
      res = await issue(hc, {
        loginId: 'hc2',
        displayName: 'x',
        facilityKind: 'healthCenter',
        facilityCode: '13103',
      });
      assert.equal(res.status, 403);
      res = await issue(hc, {
        loginId: 'clinic2',
        displayName: 'x',
        facilityKind: 'outpatient',
        facilityCode: '1312345678',
      });
      assert.equal(res.status, 409);
      res = await issue(hc, {
        loginId: 'clinic3',
        displayName: 'x',
        facilityKind: 'outpatient',
        facilityCode: '1312345678',
        initialPassword: 'hersys-2024!',
      });
      assert.equal(res.status, 400);
      // A clinic issues nothing.
      const clinic = await signIn(h, 'clinic', NEW_PASSWORD, h.browser('198.51.100.101'));
      res = await issue(clinic, {
        loginId: 'clinic4',
        displayName: 'x',
        facilityKind: 'outpatient',
        facilityCode: '1312345678',
      });
      assert.equal(res.status, 403);
      // The prefecture issues a health-center account in Tokyo, not in Kanagawa.
      const pref = await firstSignIn(h, 'tokyo-pref', pw.pref, '080-2222-3333', h.browser('198.51.100.102'));
      res = await issue(pref, {
        loginId: 'chiyoda-hc2',
        displayName: '千代田保健所 二',
        facilityKind: 'healthCenter',
        facilityCode: '13101',
      });
      assert.equal(res.status, 201);
      res = await issue(pref, {
        loginId: 'yokohama-hc',
        displayName: 'x',
        facilityKind: 'healthCenter',
        facilityCode: '14104',
      });
      assert.equal(res.status, 403);

      // The new account signs in with its initial password (first sign-in).
      const newcomer = await firstSignIn(
        h,
        'clinic2',
        issued.initialPassword,
        '070-5555-6666',
        h.browser('198.51.100.103'),
      );
      assert.equal((await newcomer.req('GET', '/api/auth/me')).status, 200);

      // Reset (パスワードを忘れた場合): a new initial password; the old one fails; sessions end.
      res = await hc.req('POST', '/api/auth/accounts/clinic2/reset', {});
      assert.equal(res.status, 200);
      const reset = await json(res);
      assert.equal((await newcomer.req('GET', '/api/auth/me')).status, 401);
      const b = h.browser('198.51.100.104');
      const { attemptId } = await json(await b.req('POST', '/api/auth/login-id', { loginId: 'clinic2' }));
      assert.equal(
        (await b.req('POST', '/api/auth/password', { attemptId, password: NEW_PASSWORD })).status,
        401,
      );
      const p = await json(
        await b.req('POST', '/api/auth/password', { attemptId, password: reset.initialPassword }),
      );
      assert.equal(p.next, 'secondFactor', 'the phone is kept');
      await b.req('POST', '/api/auth/send-code', { attemptId, method: 'sms' });
      const v = await json(await b.req('POST', '/api/auth/verify', { attemptId, code: h.sms.lastCode() }));
      assert.equal(v.next, 'changePassword', 'a reset password must be changed');
      // Another area's account cannot be reset: 404 (not even its existence is told).
      assert.equal((await hc.req('POST', '/api/auth/accounts/hospital/reset', {})).status, 404);

      // Disabling ends the sessions at once, and the password no longer signs in (same answer as wrong).
      const victim = await signIn(h, 'clinic', NEW_PASSWORD, h.browser('198.51.100.105'));
      assert.equal((await victim.req('GET', '/api/auth/me')).status, 200);
      assert.equal((await hc.req('POST', '/api/auth/accounts/clinic/disable', {})).status, 200);
      assert.equal((await victim.req('GET', '/api/auth/me')).status, 401);
      const d = h.browser('198.51.100.106');
      const att = await json(await d.req('POST', '/api/auth/login-id', { loginId: 'clinic' }));
      const refused = await d.req('POST', '/api/auth/password', {
        attemptId: att.attemptId,
        password: NEW_PASSWORD,
      });
      assert.equal(refused.status, 401);
      assert.equal((await json(refused)).error.code, 'invalid_credentials');
      assert.equal((await hc.req('POST', '/api/auth/accounts/clinic/enable', {})).status, 200);
      await signIn(h, 'clinic', NEW_PASSWORD, h.browser('198.51.100.107'));
      const list = await json(await hc.req('GET', '/api/auth/accounts'));
      assert.deepEqual(list.items.map((a: { loginId: string }) => a.loginId).sort(), ['clinic', 'clinic2']);
    });

    test('an initial password not used within 14 days expires (ask the health center again)', async () => {
      const hc = await signIn(h, 'minato-hc', NEW_PASSWORD, h.browser('198.51.100.110'));
      const issued = await json(
        await hc.req('POST', '/api/auth/accounts', {
          loginId: 'late-clinic',
          displayName: '東京中央クリニック 遅',
          facilityKind: 'outpatient',
          facilityCode: '1312345678',
        }),
      );
      h.clock.advance(15 * 86_400_000);
      const b = h.browser('198.51.100.111');
      const { attemptId } = await json(await b.req('POST', '/api/auth/login-id', { loginId: 'late-clinic' }));
      const wrong = await b.req('POST', '/api/auth/password', { attemptId, password: 'not-the-password-1' });
      assert.equal(
        (await json(wrong)).error.code,
        'invalid_credentials',
        'a wrong password tells nothing more',
      );
      const res = await b.req('POST', '/api/auth/password', { attemptId, password: issued.initialPassword });
      assert.equal(res.status, 401);
      assert.equal((await json(res)).error.code, 'initial_password_expired');
      // A reset issues a fresh one that works.
      const hc2 = await signIn(h, 'minato-hc', NEW_PASSWORD, h.browser('198.51.100.112'));
      const reset = await json(await hc2.req('POST', '/api/auth/accounts/late-clinic/reset', {}));
      const c = h.browser('198.51.100.113');
      const a2 = await json(await c.req('POST', '/api/auth/login-id', { loginId: 'late-clinic' }));
      const p = await json(
        await c.req('POST', '/api/auth/password', {
          attemptId: a2.attemptId,
          password: reset.initialPassword,
        }),
      );
      assert.equal(p.next, 'enrollPhone');
    });

    test('help: whom to ask when the account cannot be accessed', async () => {
      const res = await json(await h.browser().req('GET', '/api/auth/help'));
      assert.match(res.cannotAccessAccount.ja, /保健所/);
      assert.match(res.cannotAccessAccount.en, /health center/);
    });
  });
}

describe('auth: throttling, TOTP, re-authentication and policy (sqlite)', () => {
  let h: AuthHarness;
  let pw: Awaited<ReturnType<AuthHarness['seed']>>;
  before(async () => {
    h = await authHarness('sqlite', { throttle: { ipFailuresPerHour: 30 } });
    pw = await h.seed();
    await firstSignIn(h, 'clinic', pw.clinic);
  });
  after(() => h.close());

  const attempt = async (ip: string, loginId: string, password: string) => {
    const b = h.browser(ip);
    const { attemptId } = await json(await b.req('POST', '/api/auth/login-id', { loginId }));
    const res = await b.req('POST', '/api/auth/password', { attemptId, password });
    return { res, b, attemptId };
  };

  test('per account: progressive delay, at most 100 failures an hour, never a lockout', async () => {
    let failures = 0;
    let refusedFast = 0;
    const start = h.clock.now().getTime();
    let i = 0;
    while (h.clock.now().getTime() - start < 3600_000) {
      // A different address each time: the per-account limit applies whatever the address.
      const { res } = await attempt(`10.1.${Math.floor(i / 250)}.${i % 250}`, 'clinic', 'guess-' + i++);
      if (res.status === 401) failures++;
      else {
        assert.equal(res.status, 429);
        const body = await json(res);
        assert.equal(body.error.code, 'slow_down');
        assert.equal(res.headers.get('retry-after'), String(body.retryAfterSeconds));
        refusedFast++;
        h.clock.advance(body.retryAfterSeconds * 1000);
      }
    }
    assert.ok(failures <= 100, `${failures} failures admitted in an hour`);
    assert.ok(failures >= 60, `${failures}: the delay only slows`);
    assert.ok(refusedFast > 0);
    // The real user, after the delay, still signs in (no lockout), and success clears the delay.
    const wait = await attempt('192.0.2.1', 'clinic', NEW_PASSWORD);
    if (wait.res.status === 429) h.clock.advance((await json(wait.res)).retryAfterSeconds * 1000);
    const ok = await attempt('192.0.2.1', 'clinic', NEW_PASSWORD);
    assert.equal(ok.res.status, 200);
    assert.equal((await json(ok.res)).next, 'secondFactor');
    // The per-account delay also applies to unknown IDs (so it tells nothing).
    for (let k = 0; k < 6; k++) await attempt(`10.9.0.${k}`, 'nobody-here', 'x');
    const ghost = await attempt('10.9.0.99', 'nobody-here', 'x');
    assert.equal(ghost.res.status, 429);
  });

  test('per address: after the hourly limit that address is blocked, other addresses are not', async () => {
    h.clock.advance(2 * 3600_000);
    for (let k = 0; k < 30; k++) {
      const { res } = await attempt('198.18.0.1', `spray-${k}`, 'Winter2024!x');
      assert.equal(res.status, 401);
    }
    const blocked = await attempt('198.18.0.1', 'clinic', NEW_PASSWORD);
    assert.equal(blocked.res.status, 429);
    assert.equal((await json(blocked.res)).error.code, 'too_many_attempts');
    const elsewhere = await attempt('198.18.0.2', 'clinic', NEW_PASSWORD);
    assert.equal(elsewhere.res.status, 200);
    h.clock.advance(3600_000);
    const later = await attempt('198.18.0.1', 'clinic', NEW_PASSWORD);
    assert.equal(later.res.status, 200);
  });

  test('TOTP: registered after re-authentication, used as the second factor, no replay', async () => {
    h.clock.advance(3 * 3600_000);
    const b = await signIn(h, 'clinic', NEW_PASSWORD, h.browser('192.0.2.10'));
    const setup = await b.req('POST', '/api/auth/totp/setup', {});
    assert.equal(setup.status, 200);
    const { secret, otpauthUri } = await json(setup);
    assert.match(otpauthUri, /^otpauth:\/\/totp\/HER-SYS%3Aclinic\?secret=/);
    const step = () => Math.floor(h.clock.now().getTime() / 30_000);
    assert.equal(
      (await b.req('POST', '/api/auth/totp/confirm', { code: totpAt(secret, step() + 5) })).status,
      401,
    );
    assert.equal(
      (await b.req('POST', '/api/auth/totp/confirm', { code: totpAt(secret, step()) })).status,
      200,
    );
    const stored = await h.db.selectFrom('totp_secrets').select('secret_enc').executeTakeFirstOrThrow();
    assert.ok(!stored.secret_enc.includes(secret), 'the secret is stored encrypted');

    h.clock.advance(60_000);
    const c = h.browser('192.0.2.11');
    const { attemptId } = await json(await c.req('POST', '/api/auth/login-id', { loginId: 'clinic' }));
    const p = await json(await c.req('POST', '/api/auth/password', { attemptId, password: NEW_PASSWORD }));
    assert.deepEqual(p.methods, ['totp', 'sms', 'voice']);
    const code = totpAt(secret, step());
    const v = await c.req('POST', '/api/auth/verify', { attemptId, code, method: 'totp' });
    assert.equal(v.status, 200);
    // The same code on a new attempt (replay) is refused.
    const d = h.browser('192.0.2.12');
    const a2 = await json(await d.req('POST', '/api/auth/login-id', { loginId: 'clinic' }));
    await d.req('POST', '/api/auth/password', { attemptId: a2.attemptId, password: NEW_PASSWORD });
    const replay = await d.req('POST', '/api/auth/verify', { attemptId: a2.attemptId, code, method: 'totp' });
    assert.equal(replay.status, 401);
    // A server started with another secret cannot read the secret: a clear refusal, not a 500.
    const other = createAuthApp({
      db: h.db,
      sms: h.sms,
      voice: h.sms,
      clock: h.clock,
      config: {
        secret: 'another-secret-another-secret-another-secret',
        origins: [ORIGIN],
        rpId: 'localhost',
        password: { scrypt: { N: 2 ** 14, r: 8, p: 1 } },
        clientIp: () => '192.0.2.13',
      },
    });
    const e = new Browser(other);
    const a3 = await json(await e.req('POST', '/api/auth/login-id', { loginId: 'clinic' }));
    await e.req('POST', '/api/auth/password', { attemptId: a3.attemptId, password: NEW_PASSWORD });
    h.clock.advance(30_000);
    const unreadable = await e.req('POST', '/api/auth/verify', {
      attemptId: a3.attemptId,
      code: totpAt(secret, step()),
      method: 'totp',
    });
    assert.equal(unreadable.status, 403);
    assert.equal((await json(unreadable)).error.code, 'method_disabled');
  });

  test('re-authentication before changing a second factor; facility policy needs a stronger factor', async () => {
    const b = await signIn(h, 'clinic', NEW_PASSWORD, h.browser('192.0.2.20'));
    h.clock.advance(11 * 60_000);
    await b.req('GET', '/api/auth/me');
    h.clock.advance(1000);
    let res = await b.req('POST', '/api/auth/factors/phone', { phone: '080-9999-0000', method: 'sms' });
    assert.equal(res.status, 401);
    assert.equal((await json(res)).error.code, 'reauth_required');
    // Re-authenticate: password and a second factor again, within the same session.
    const { attemptId } = await json(await b.req('POST', '/api/auth/reauth', {}));
    const p = await json(await b.req('POST', '/api/auth/password', { attemptId, password: NEW_PASSWORD }));
    assert.equal(p.next, 'secondFactor');
    await b.req('POST', '/api/auth/send-code', { attemptId, method: 'sms' });
    const v = await json(await b.req('POST', '/api/auth/verify', { attemptId, code: h.sms.lastCode() }));
    assert.deepEqual(v, { next: 'done', reauthenticated: true });
    // Now the phone change is allowed; an SMS to a landline is refused with a clear issue.
    res = await b.req('POST', '/api/auth/factors/phone', { phone: '03-1234-5678', method: 'sms' });
    assert.equal(res.status, 400);
    assert.equal((await json(res)).issues[0].code, 'phone.smsNeedsMobile');
    res = await b.req('POST', '/api/auth/factors/phone', { phone: '080-9999-0000', method: 'sms' });
    assert.equal(res.status, 200);
    res = await b.req('POST', '/api/auth/factors/phone/verify', { code: h.sms.lastCode('+818099990000') });
    assert.equal(res.status, 200);
    assert.equal((await json(res)).phone, '+81 80-****-0000');

    // The hospital has only its phone: SMS/voice cannot be switched off.
    const hosp = await firstSignIn(h, 'hospital', pw.hospital, '090-7777-8888', h.browser('192.0.2.21'));
    res = await hosp.req('PUT', '/api/auth/accounts/hospital/policy', {
      smsEnabled: false,
      voiceEnabled: true,
    });
    assert.equal(res.status, 409);
    assert.equal((await json(res)).error.code, 'stronger_factor_required');
    // The clinic has TOTP: it may switch SMS off, and then no SMS is sent.
    res = await b.req('PUT', '/api/auth/accounts/clinic/policy', { smsEnabled: false, voiceEnabled: true });
    assert.equal(res.status, 200);
    const c = h.browser('192.0.2.22');
    const a = await json(await c.req('POST', '/api/auth/login-id', { loginId: 'clinic' }));
    const pp = await json(
      await c.req('POST', '/api/auth/password', { attemptId: a.attemptId, password: NEW_PASSWORD }),
    );
    assert.deepEqual(pp.methods, ['totp', 'voice']);
    res = await c.req('POST', '/api/auth/send-code', { attemptId: a.attemptId, method: 'sms' });
    assert.equal(res.status, 403);
  });

  test('housekeeping deletes expired attempts, challenges and stale counters, not live sessions', async () => {
    const live = await signIn(h, 'clinic', NEW_PASSWORD, h.browser('192.0.2.40'));
    const count = async (t: string) =>
      Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(t)}`.execute(h.db)).rows[0]!.n);
    assert.ok((await count('auth_attempts')) > 0);
    await h.app.purgeExpired();
    assert.ok((await count('auth_attempts')) > 0, 'recent attempts stay');
    h.clock.advance(2 * 86_400_000);
    await h.app.purgeExpired();
    assert.equal(await count('auth_attempts'), 0);
    assert.equal(await count('auth_challenges'), 0);
    assert.equal(await count('auth_throttle'), 0);
    assert.ok((await count('auth_sessions')) > 0, 'ended sessions are kept for 90 days');
    assert.equal((await live.req('GET', '/api/auth/me')).status, 401, '(idle for two days)');
  });

  test('too many codes per hour are refused (SMS pumping)', async () => {
    h.clock.advance(2 * 3600_000);
    const b = h.browser('192.0.2.30');
    const { attemptId } = await json(await b.req('POST', '/api/auth/login-id', { loginId: 'hospital' }));
    await b.req('POST', '/api/auth/password', { attemptId, password: NEW_PASSWORD });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push((await b.req('POST', '/api/auth/send-code', { attemptId, method: 'sms' })).status);
    assert.deepEqual(statuses, [...Array(10).fill(200), 429]);
  });
});

describe('auth: cookies over TLS', () => {
  test('__Host- prefix, Secure, HttpOnly when the origins are https', async () => {
    const h = await authHarness('sqlite', { origins: ['https://hersys.example'], rpId: 'hersys.example' });
    try {
      const pw = await h.seed();
      const b = h.browser();
      b.origin = 'https://hersys.example';
      await firstSignIn(h, 'clinic', pw.clinic, '090-1234-5678', b);
      const names = [...b.cookies.keys()].sort();
      assert.deepEqual(names, ['__Host-hersys-csrf', '__Host-hersys-session']);
      const res = await b.req('POST', '/api/auth/logout', {});
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith('__Host-hersys-session'))!;
      assert.match(cookie, /Secure/);
      assert.match(cookie, /Path=\//);
      assert.doesNotMatch(cookie, /Domain=/);
    } finally {
      await h.close();
    }
  });
});
