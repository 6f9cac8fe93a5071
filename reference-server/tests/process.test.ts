/**
 * The server as a process: a report acknowledged with 201 survives `kill -9` (SQLite in WAL mode, the WAL
 * synced before the answer; PostgreSQL when TEST_DATABASE_URL is set), and production refuses the development user.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { tc1Report } from '../../tests/fixtures/reports.js';
import { envConfigError } from '../src/main.js';
import { PG_URL, freshPgDatabase } from './helpers.js';

const serverDir = fileURLToPath(new URL('..', import.meta.url));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function start(env: Record<string, string>): {
  child: ChildProcess;
  ready: Promise<void>;
  output: () => string;
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', 'src/main.ts'], {
    cwd: serverDir,
    env: { ...process.env, NODE_ENV: 'development', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 30_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes('reference server on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}):\n${out}`));
    });
  });
  ready.catch(() => {});
  return { child, ready, output: () => out, exited };
}

const backends: {
  name: string;
  env: () => Promise<{ env: Record<string, string>; cleanup: () => Promise<void> }>;
}[] = [
  {
    name: 'SQLite',
    env: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'hersys-kill9-'));
      return { env: { DATA_DIR: dir }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
];
if (PG_URL) {
  backends.push({
    name: 'PostgreSQL',
    env: async () => {
      const db = await freshPgDatabase();
      return { env: { DATABASE_URL: db.url }, cleanup: db.drop };
    },
  });
}

describe('server process', () => {
  for (const b of backends) {
    test(`a report acknowledged with 201 survives kill -9 (${b.name})`, { timeout: 90_000 }, async () => {
      const { env, cleanup } = await b.env();
      try {
        const port = await freePort();
        const base = `http://127.0.0.1:${port}`;
        const first = start({ ...env, PORT: String(port), HERSYS_DEV_USER: '1' });
        await first.ready;
        const res = await fetch(`${base}/api/reports`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': 'kill9-test-key' },
          body: JSON.stringify({ report: tc1Report() }),
        });
        assert.equal(res.status, 201, await res.clone().text());
        first.child.kill('SIGKILL'); // right after the 201: no graceful shutdown, no checkpoint
        await first.exited;
        const body = (await res.json()) as { report: { id: string } };

        const second = start({ ...env, PORT: String(port), HERSYS_DEV_USER: '1' });
        try {
          await second.ready;
          assert.doesNotMatch(second.output(), /First start/, 'the demo data is not seeded twice');
          const got = await fetch(`${base}/api/reports/${body.report.id}`);
          assert.equal(got.status, 200);
          assert.deepEqual(((await got.json()) as { report: unknown }).report, tc1Report());
          // The idempotency key survived too: a retry after the crash does not file a second report.
          const retry = await fetch(`${base}/api/reports`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'idempotency-key': 'kill9-test-key' },
            body: JSON.stringify({ report: tc1Report() }),
          });
          assert.equal(retry.status, 201);
          assert.equal(((await retry.json()) as { report: { id: string } }).report.id, body.report.id);
        } finally {
          second.child.kill('SIGTERM');
          await second.exited;
        }
      } finally {
        await cleanup();
      }
    });
  }

  test(
    'two servers on one SQLite data folder file at once without errors',
    { timeout: 120_000 },
    async () => {
      // A second `npm start` on the same folder (or any second writer) commits between another's read and
      // write: a deferred transaction then fails with SQLITE_BUSY_SNAPSHOT, which no wait can cure.
      const dir = mkdtempSync(join(tmpdir(), 'hersys-two-'));
      const servers: ReturnType<typeof start>[] = [];
      try {
        for (let i = 0; i < 2; i++) {
          const port = await freePort();
          const s = start({ DATA_DIR: dir, PORT: String(port), HERSYS_DEV_USER: '1' });
          await s.ready;
          servers.push(Object.assign(s, { port }));
        }
        const ports = servers.map((s) => (s as unknown as { port: number }).port);
        const body = JSON.stringify({ report: tc1Report() });
        const failures: string[] = [];
        const ids: string[] = [];
        await Promise.all(
          Array.from({ length: 16 }, async (_, client) => {
            for (let i = 0; i < 15; i++) {
              const res = await fetch(`http://127.0.0.1:${ports[(client + i) % 2]}/api/reports`, {
                method: 'POST',
                headers: {
                  'content-type': 'application/json',
                  'idempotency-key': `two-servers-${client}-${i}`,
                },
                body,
              });
              if (res.status === 201) ids.push(((await res.json()) as { report: { id: string } }).report.id);
              else failures.push(`${res.status} ${await res.text()}`);
            }
          }),
        );
        assert.deepEqual(failures.slice(0, 3), []);
        assert.equal(new Set(ids).size, 240);
        // Each server reads what the other filed.
        for (const [n, id] of ids.slice(0, 10).entries()) {
          const got = await fetch(`http://127.0.0.1:${ports[n % 2]}/api/reports/${id}`);
          assert.equal(got.status, 200);
        }
      } finally {
        for (const s of servers) {
          s.child.kill('SIGTERM');
          await s.exited;
        }
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  test('production refuses the development user', { timeout: 60_000 }, async () => {
    assert.match(
      envConfigError({ NODE_ENV: 'production', HERSYS_DEV_USER: '1' }) ?? '',
      /cannot run in production/,
    );
    assert.match(
      envConfigError({ NODE_ENV: 'production', HERSYS_DEV_USER: 'yes' }) ?? '',
      /cannot run in production/,
    );
    assert.equal(envConfigError({ NODE_ENV: 'development', HERSYS_DEV_USER: '1' }), undefined);
    assert.match(envConfigError({ NODE_ENV: 'production' }) ?? '', /HERSYS_AUTH_SECRET/);
    assert.match(
      envConfigError({ NODE_ENV: 'production', HERSYS_AUTH_SECRET: 'short' }) ?? '',
      /HERSYS_AUTH_SECRET/,
    );
    assert.equal(envConfigError({ NODE_ENV: 'production', HERSYS_AUTH_SECRET: 'x'.repeat(64) }), undefined);
    const dir = mkdtempSync(join(tmpdir(), 'hersys-prod-'));
    try {
      const p = start({
        NODE_ENV: 'production',
        HERSYS_DEV_USER: '1',
        DATA_DIR: dir,
        PORT: String(await freePort()),
      });
      assert.equal(await p.exited, 2);
      assert.match(p.output(), /Refusing to start/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('graceful shutdown on SIGTERM', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hersys-term-'));
    try {
      const p = start({ DATA_DIR: dir, PORT: String(await freePort()), HERSYS_DEV_USER: '1' });
      await p.ready;
      p.child.kill('SIGTERM');
      assert.equal(await p.exited, 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
