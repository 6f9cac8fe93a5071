/**
 * How the built clinic app is served (reference-server/src/web/serve-app.ts), with `app.request()`:
 * index.html for every app route with its security headers, hashed files cached forever, nothing outside
 * the build folder, and a clear 503 when the app was not built.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { APP_ROUTES, serveApp } from '../src/web/serve-app.js';

let root = '';
let outside = '';

before(() => {
  const base = mkdtempSync(path.join(tmpdir(), 'hersys-serve-'));
  root = path.join(base, 'app');
  outside = path.join(base, 'secret.js');
  mkdirSync(path.join(root, 'chunks'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>app</title><clinic-app></clinic-app>');
  writeFileSync(path.join(root, 'main-ABCDEFGH.js'), 'console.log("main")');
  writeFileSync(path.join(root, 'chunks', 'p13-ZYXWVUTS.js'), 'export {}');
  writeFileSync(path.join(root, '.env.js'), 'secret');
  writeFileSync(path.join(root, 'notes.bin'), 'binary');
  writeFileSync(outside, 'outside');
});

after(() => rmSync(path.dirname(root), { recursive: true, force: true }));

test('every app route answers index.html with the security headers', async () => {
  const app = serveApp({ root });
  const paths = [
    '/',
    '/reports/new',
    '/reports/abc',
    '/reports/abc/edit',
    '/patients',
    '/patients/12345678',
    '/patients/new',
    '/lists/legacy',
  ];
  // One sample path per route: a new route must be added here too.
  assert.equal(APP_ROUTES.length, 7);
  for (const p of paths) {
    const res = await app.request(p);
    assert.equal(res.status, 200, p);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(await res.text(), /<clinic-app>/);
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(res.headers.get('cache-control'), 'no-cache');
  }
});

test('hashed files are cached forever; other paths under /app are not served', async () => {
  const app = serveApp({ root });
  const main = await app.request('/app/main-ABCDEFGH.js');
  assert.equal(main.status, 200);
  assert.match(main.headers.get('content-type') ?? '', /^text\/javascript/);
  assert.match(main.headers.get('cache-control') ?? '', /immutable/);
  assert.equal(await main.text(), 'console.log("main")');
  assert.equal((await app.request('/app/chunks/p13-ZYXWVUTS.js')).status, 200);

  for (const p of [
    '/app/index.html', // only through the routes, with the CSP
    '/app/.env.js', // dot files
    '/app/notes.bin', // unknown types
    '/app/missing-ABCDEFGH.js',
    '/app/chunks', // a folder
    '/app/%2e%2e/secret.js', // traversal, encoded
    '/app/..%2fsecret.js',
    '/app/%E0%A4%A', // malformed escape
  ]) {
    const res = await app.request(p);
    assert.equal(res.status, 404, p);
    assert.doesNotMatch(await res.text(), /outside|secret$/);
  }
});

test('paths that are not the app fall through (the API and others are untouched)', async () => {
  const app = serveApp({ root });
  for (const p of ['/api/me', '/dev/outbox', '/reports', '/patients/1/2', '/favicon.ico']) {
    assert.equal((await app.request(p)).status, 404, p);
  }
  assert.equal((await app.request('/', { method: 'POST' })).status, 404);
});

test('an unbuilt app says how to build it', async () => {
  const app = serveApp({ root: path.join(root, 'nothing-here') });
  const res = await app.request('/');
  assert.equal(res.status, 503);
  assert.match(await res.text(), /npm run build:app/);
});
