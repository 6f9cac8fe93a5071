/**
 * WebAuthn registration and sign-in with a real browser: headless Chromium with its virtual authenticator
 * (DevTools protocol `WebAuthn.*`), against the auth sub-app served on 127.0.0.1 with a small test page that
 * uses @simplewebauthn/browser.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are read loosely in tests */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { chromium, type Browser, type Page } from 'playwright-core';
import { authHarness, type AuthHarness } from './auth-harness.js';

const require = createRequire(import.meta.url);
const bundle = readFileSync(
  require
    .resolve('@simplewebauthn/browser')
    .replace(/(esm|script)[/\\]index\.js$/, 'dist/bundle/index.umd.min.js'),
  'utf8',
);

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>webauthn test</title>
<script src="/simplewebauthn.js"></script>
<script>
  let csrf;
  window.api = async (method, path, body) => {
    if (!csrf) csrf = (await (await fetch('/api/auth/csrf')).json()).token;
    const res = await fetch(path, {
      method,
      headers: method === 'GET' ? {} : { 'content-type': 'application/json', 'x-csrf-token': csrf },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  };
</script></head><body><h1>test</h1></body></html>`;

let h: AuthHarness;
let server: ServerType;
let browser: Browser;
let page: Page;
let origin: string;
let initial: string;

before(async () => {
  // Listen first (any free port), then build the app for the origin that port gives.
  let handler: (req: Request) => Response | Promise<Response> = () =>
    new Response('starting', { status: 503 });
  const port = await new Promise<number>((resolve) => {
    server = serve({ fetch: (req) => handler(req), port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve(info.port),
    );
  });
  origin = `http://localhost:${port}`;
  h = await authHarness('sqlite', { origins: [origin], rpId: 'localhost', clientIp: () => '127.0.0.1' });
  initial = (await h.seed()).clinic;
  const web = new Hono();
  web.get('/test', (c) => c.html(PAGE));
  web.get('/simplewebauthn.js', (c) => c.body(bundle, 200, { 'content-type': 'text/javascript' }));
  web.route('/', h.app);
  handler = (req) => web.fetch(req);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // "localhost" is the RP ID (an IP address cannot be one); keep every request on 127.0.0.1.
      '--host-resolver-rules=MAP localhost 127.0.0.1',
    ],
  });
  page = await browser.newPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
    },
  });
  await page.goto(`${origin}/test`);
});

after(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
  await h?.close();
});

type R = { status: number; body: any };
const api = (method: string, path: string, body?: unknown): Promise<R> =>
  page.evaluate(([m, p, b]) => (window as any).api(m, p, b), [method, path, body] as const);

test(
  'a security key is registered after sign-in and then used as the second factor',
  { timeout: 60_000 },
  async () => {
    // First sign-in (phone by SMS, as the manual), in the browser.
    let r = await api('POST', '/api/auth/login-id', { loginId: 'clinic' });
    const attemptId = r.body.attemptId;
    assert.equal(
      (await api('POST', '/api/auth/password', { attemptId, password: initial })).body.next,
      'enrollPhone',
    );
    assert.equal(
      (await api('POST', '/api/auth/phone', { attemptId, phone: '09012345678', method: 'sms' })).status,
      200,
    );
    assert.equal(
      (await api('POST', '/api/auth/verify', { attemptId, code: h.sms.lastCode() })).body.next,
      'changePassword',
    );
    r = await api('POST', '/api/auth/change-initial-password', {
      attemptId,
      currentPassword: initial,
      newPassword: 'yuki-no-hi-no-tegami-4',
    });
    assert.equal(r.body.next, 'done');
    assert.equal(r.body.offerSecurityKey, true);

    // Registration (offered right after sign-in: the session's authentication is recent).
    const options = await api('POST', '/api/auth/webauthn/register/options', {});
    assert.equal(options.status, 200);
    assert.equal(options.body.rp.id, 'localhost');
    const reg = await page.evaluate(async (optionsJSON) => {
      const credential = await (window as any).SimpleWebAuthnBrowser.startRegistration({ optionsJSON });
      return (window as any).api('POST', '/api/auth/webauthn/register/verify', {
        response: credential,
        name: 'テスト用キー',
      });
    }, options.body);
    assert.equal(reg.status, 201, JSON.stringify(reg.body));
    const me = await api('GET', '/api/auth/me');
    assert.deepEqual(
      me.body.factors.securityKeys.map((k: { name: string }) => k.name),
      ['テスト用キー'],
    );

    // Sign out, then sign in with ID, password and the security key.
    await api('POST', '/api/auth/logout', {});
    assert.equal((await api('GET', '/api/auth/me')).status, 401);
    const second = (await api('POST', '/api/auth/login-id', { loginId: 'clinic' })).body.attemptId;
    const p = await api('POST', '/api/auth/password', {
      attemptId: second,
      password: 'yuki-no-hi-no-tegami-4',
    });
    assert.deepEqual(p.body.methods, ['webauthn', 'sms', 'voice']);
    const authOptions = await api('POST', '/api/auth/webauthn/authenticate/options', { attemptId: second });
    assert.equal(authOptions.status, 200);
    const assertion = await page.evaluate(
      (optionsJSON) => (window as any).SimpleWebAuthnBrowser.startAuthentication({ optionsJSON }),
      authOptions.body,
    );
    const done = await api('POST', '/api/auth/webauthn/authenticate/verify', {
      attemptId: second,
      response: assertion,
    });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.equal(done.body.next, 'done');
    assert.equal(done.body.offerSecurityKey, false);
    assert.equal((await api('GET', '/api/auth/me')).status, 200);

    // The same assertion replayed on a new attempt is refused (its challenge belongs to the old attempt).
    await api('POST', '/api/auth/logout', {});
    const third = (await api('POST', '/api/auth/login-id', { loginId: 'clinic' })).body.attemptId;
    await api('POST', '/api/auth/password', { attemptId: third, password: 'yuki-no-hi-no-tegami-4' });
    await api('POST', '/api/auth/webauthn/authenticate/options', { attemptId: third });
    const replay = await api('POST', '/api/auth/webauthn/authenticate/verify', {
      attemptId: third,
      response: assertion,
    });
    assert.equal(replay.status, 401);
    assert.equal((await api('GET', '/api/auth/me')).status, 401);
  },
);
