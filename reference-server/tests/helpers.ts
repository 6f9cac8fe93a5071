/**
 * Test harness: an app on a fresh database (SQLite in memory always; PostgreSQL when TEST_DATABASE_URL is
 * set — each harness gets its own throwaway database on that server), a settable clock, and helpers.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createApp, type CreateAppOptions } from '../src/app.js';
import { defaultConfig, type AppConfig } from '../src/config.js';
import { openDatabase } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrations.js';
import { seedDemoData } from '../src/db/seed.js';
import type { DbHandle } from '../src/db/types.js';
import type { Clock } from '../src/lib/time.js';

export const PG_URL = process.env.TEST_DATABASE_URL;

/** The backends every storage/API suite runs on. */
export const BACKENDS: ('sqlite' | 'postgres')[] = PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export class TestClock implements Clock {
  constructor(public t = new Date('2022-09-27T03:00:00.000Z')) {}
  now() {
    return new Date(this.t);
  }
  advance(ms: number) {
    this.t = new Date(this.t.getTime() + ms);
  }
}

/** Creates a throwaway PostgreSQL database on the TEST_DATABASE_URL server; returns its URL and a dropper. */
export async function freshPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!PG_URL) throw new Error('TEST_DATABASE_URL is not set');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(PG_URL);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export interface Harness {
  app: ReturnType<typeof createApp>;
  handle: DbHandle;
  clock: TestClock;
  config: AppConfig;
  close(): Promise<void>;
  /** JSON request as a demo account (default: the clinic). */
  req(
    method: string,
    path: string,
    init?: { body?: unknown; as?: string; headers?: Record<string, string>; raw?: string },
  ): Promise<Response>;
}

export async function openBackend(
  backend: 'sqlite' | 'postgres',
  pgUrl?: string,
): Promise<{ handle: DbHandle; drop: () => Promise<void> }> {
  if (backend === 'sqlite') {
    const handle = openDatabase({ sqliteFile: ':memory:' });
    return { handle, drop: async () => {} };
  }
  const fresh = pgUrl ? { url: pgUrl, drop: async () => {} } : await freshPgDatabase();
  const handle = openDatabase({ databaseUrl: fresh.url, poolSize: 8 });
  return { handle, drop: fresh.drop };
}

export async function harness(
  backend: 'sqlite' | 'postgres',
  config: Partial<AppConfig> = {},
  shared?: { handle: DbHandle },
  extra: Pick<CreateAppOptions, 'reportChecker' | 'outbox'> = {},
): Promise<Harness> {
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
  const cfg = defaultConfig({ devUser: true, publicUrl: 'http://localhost:8787', ...config });
  const app = createApp({ db: handle, clock, config: cfg, ...extra });
  return {
    app,
    handle,
    clock,
    config: cfg,
    async close() {
      if (!shared) {
        await handle.close();
        await drop();
      }
    },
    req(method, path, init = {}) {
      const headers: Record<string, string> = { ...(init.headers ?? {}) };
      if (init.as) headers['x-dev-user'] = init.as;
      let body: string | undefined = init.raw;
      if (init.body !== undefined) {
        body = JSON.stringify(init.body);
        headers['content-type'] ??= 'application/json';
      } else if (init.raw !== undefined) headers['content-type'] ??= 'application/json';
      return Promise.resolve(app.request(path, { method, headers, body }));
    },
  };
}

/** The JSON body of a response. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read response bodies loosely
export async function json<T = any>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

/** The payloads of the mails or SMS queued for a report, parsed. */
export async function reportMessages<T = { to: string; text: string }>(
  db: DbHandle['db'],
  reportId: string,
  kind: 'mail' | 'sms',
): Promise<T[]> {
  const rows = await db
    .selectFrom('outbox')
    .innerJoin('outbox_payloads', 'outbox_payloads.id', 'outbox.id')
    .select('outbox_payloads.payload')
    .where('outbox.report_id', '=', reportId)
    .where('outbox.kind', '=', kind)
    .execute();
  return rows.map((r) => JSON.parse(r.payload) as T);
}
