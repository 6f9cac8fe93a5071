/**
 * The whole first sign-in and a later sign-in, driven in headless Chromium like a user: the SDK's
 * `<hersys-sign-in>` (bundled from source with esbuild) against the auth sub-app on 127.0.0.1, keyboard only,
 * codes read from the recording SMS provider, and a security key (Chromium's virtual authenticator) registered
 * when the component offers it and used for the next sign-in.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- page globals */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { serve, type ServerType } from '@hono/node-server';
import { build } from 'esbuild';
import { Hono } from 'hono';
import { chromium, type Browser, type Page } from 'playwright-core';
import { authHarness, type AuthHarness } from './auth-harness.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

const ENTRY = `
import { createSignInClient } from './src/components/sign-in/sign-in.js';
const el = document.createElement('hersys-sign-in');
el.api = createSignInClient();
el.addEventListener('hersys-signed-in', (e) => { window.signedIn = e.detail.user; });
document.querySelector('main').append(el);
`;

const PAGE = `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>HER-SYS サインイン</title>
<script type="module" src="/sign-in.js"></script></head><body><main></main></body></html>`;

let h: AuthHarness;
let server: ServerType;
let browser: Browser;
let page: Page;
let origin: string;
let initial: string;

before(async () => {
  const bundle = await build({
    stdin: { contents: ENTRY, resolveDir: root, loader: 'ts', sourcefile: 'entry.ts' },
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    conditions: ['source', 'browser'],
    tsconfig: `${root}tsconfig.json`,
    // The package's "sideEffects" list names only define.ts; this entry registers the tag itself.
    ignoreAnnotations: true,
    logLevel: 'silent',
  });
  const js = bundle.outputFiles[0]!.text;
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
  web.get('/', (c) => c.html(PAGE));
  web.get('/sign-in.js', (c) => c.body(js, 200, { 'content-type': 'text/javascript' }));
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
      '--host-resolver-rules=MAP localhost 127.0.0.1',
    ],
  });
  page = await browser.newPage();
  page.on('pageerror', (err) => console.error('[page error]', err.message));
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
});

after(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
  await h?.close();
});

const heading = () => page.locator('hersys-sign-in h2').innerText();
/** Waits until the component shows the screen with this heading and its focus has settled. */
async function onScreen(text: string) {
  await page.locator('hersys-sign-in h2', { hasText: text }).waitFor({ timeout: 10_000 });
  await page.waitForFunction(() => {
    const el = document.querySelector('hersys-sign-in') as any;
    return !el.shadowRoot.querySelector('button[aria-busy="true"]');
  });
}
const focusedName = () =>
  page.evaluate(() => {
    const a = (document.querySelector('hersys-sign-in') as any).shadowRoot
      .activeElement as HTMLElement | null;
    return a?.getAttribute('name') ?? a?.textContent?.trim() ?? '';
  });

test(
  'first sign-in and a later one, as a user with the keyboard, with a security key',
  { timeout: 90_000 },
  async () => {
    await page.goto(`${origin}/`);
    await onScreen('サインイン');
    assert.equal(await focusedName(), 'loginId');
    await page.keyboard.type('clinic');
    await page.keyboard.press('Enter');

    await onScreen('パスワードの入力');
    assert.equal(await focusedName(), 'password');
    await page.keyboard.type('wrong-password-1');
    await page.keyboard.press('Enter');
    await page
      .locator('hersys-sign-in [part~="error"]', { hasText: 'IDまたはパスワードが正しくありません。' })
      .waitFor();
    await page.keyboard.type(initial);
    await page.keyboard.press('Enter');

    await onScreen('詳細情報が必要');
    await page.keyboard.press('Enter');
    await onScreen('アカウントのセキュリティ保護');
    assert.equal(await focusedName(), 'phone');
    await page.keyboard.type('090-1234-5678');
    await page.keyboard.press('Enter');
    await page.locator('hersys-sign-in #code-text', { hasText: '+81 90-****-5678' }).waitFor();
    assert.equal(await focusedName(), 'code');
    await page.keyboard.type(h.sms.lastCode()!);
    await page.keyboard.press('Enter');

    await onScreen('電話番号を登録しました');
    await page.keyboard.press('Enter'); // 完了
    await onScreen('パスワードの変更');
    assert.equal(await focusedName(), 'currentPassword');
    await page.keyboard.type(initial);
    await page.keyboard.press('Tab');
    await page.keyboard.type('password1234');
    await page.keyboard.press('Enter');
    await page.locator('hersys-sign-in #newPassword-error', { hasText: 'よく使われるパスワード' }).waitFor();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('asa-no-kiri-to-furui-hashi-8');
    await page.keyboard.press('Enter');

    // Signed in: the component offers a security key; register it (virtual authenticator).
    await onScreen('セキュリティキーを登録しますか');
    await page.locator('hersys-sign-in button', { hasText: '登録する' }).click();
    await onScreen('サインインしました');
    assert.equal(
      ((await page.evaluate(() => (window as any).signedIn)) as { loginId: string }).loginId,
      'clinic',
    );
    const me = await page.evaluate(async () => (await fetch('/api/auth/me')).json());
    assert.equal(me.factors.securityKeys.length, 1);

    // A later sign-in: ID, password, then the security key (offered first).
    await page.evaluate(async () => {
      const { token } = await (await fetch('/api/auth/csrf')).json();
      await fetch('/api/auth/logout', { method: 'POST', headers: { 'x-csrf-token': token } });
    });
    await page.reload();
    await onScreen('サインイン');
    await page.keyboard.type('clinic');
    await page.keyboard.press('Enter');
    await onScreen('パスワードの入力');
    await page.keyboard.type('asa-no-kiri-to-furui-hashi-8');
    await page.keyboard.press('Enter');
    await onScreen('本人確認');
    assert.match(await page.locator('hersys-sign-in fieldset').innerText(), /セキュリティキー/);
    await page.keyboard.press('Tab'); // to the radio group (the first method, checked)
    await page.keyboard.press('Enter');
    await onScreen('サインインしました');
    assert.equal(await heading(), 'サインインしました');
    assert.equal(await page.evaluate(async () => (await fetch('/api/auth/me')).status), 200);
  },
);
