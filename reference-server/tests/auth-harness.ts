/**
 * Test harness of the auth module: the sub-app alone on a fresh database (SQLite in memory; PostgreSQL too
 * when TEST_DATABASE_URL is set), a settable clock, a recording SMS/voice provider, and a browser-like client
 * (cookie jar, CSRF header, Origin) per user.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are read loosely in tests */
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { createAuthApp, type AuthApp } from '../src/auth/app.js';
import type { AuthConfig } from '../src/auth/config.js';
import { staticFacilityDirectory } from '../src/auth/facilities.js';
import { recordingMessenger } from '../src/auth/messenger.js';
import { migrateAuthToLatest } from '../src/auth/migrations.js';
import { freshPgDatabase } from './helpers.js';

export const BACKENDS: ('sqlite' | 'postgres')[] = process.env.TEST_DATABASE_URL
  ? ['sqlite', 'postgres']
  : ['sqlite'];

export class TestClock {
  constructor(public t = new Date('2026-11-26T01:00:00.000Z')) {}
  now() {
    return new Date(this.t);
  }
  advance(ms: number) {
    this.t = new Date(this.t.getTime() + ms);
  }
}

export const ORIGIN = 'http://localhost:8787';

export const FACILITIES = [
  {
    kind: 'outpatient' as const,
    code: '1312345678',
    name: '東京中央クリニック',
    healthCenterCode: '13103',
    prefectureCode: '13',
  },
  {
    kind: 'inpatient' as const,
    code: '1398765432',
    name: '千代田みらい病院',
    healthCenterCode: '13101',
    prefectureCode: '13',
  },
  { kind: 'healthCenter' as const, code: '13103', name: 'みなと保健所', prefectureCode: '13' },
  { kind: 'healthCenter' as const, code: '13101', name: '千代田保健所', prefectureCode: '13' },
  { kind: 'healthCenter' as const, code: '14104', name: '横浜市中区福祉保健センター', prefectureCode: '14' },
  { kind: 'prefecture' as const, code: '13', name: '東京都', prefectureCode: '13' },
];

/** A browser: its own cookies, address and user agent. */
export class Browser {
  cookies = new Map<string, string>();
  csrf?: string;
  constructor(
    private readonly app: Pick<AuthApp, 'request'>,
    public ip = '203.0.113.10',
    public origin = ORIGIN,
  ) {}

  private store(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attrs.some((a) => /max-age=0\b/i.test(a.trim()) || /expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async raw(
    method: string,
    path: string,
    init: { body?: unknown; headers?: Record<string, string>; text?: string } = {},
  ) {
    const headers: Record<string, string> = {
      'x-test-ip': this.ip,
      'user-agent': 'TestBrowser/1.0',
      ...(init.headers ?? {}),
    };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: string | undefined = init.text;
    if (init.body !== undefined) {
      body = JSON.stringify(init.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await this.app.request(`http://localhost:8787${path}`, { method, headers, body });
    this.store(res);
    return res;
  }

  /** Like the SDK's fetch client: fetches the CSRF token once, then sends it with Origin on every change. */
  async req(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    if (method !== 'GET' && !this.csrf) {
      const r = await this.raw('GET', '/api/auth/csrf');
      this.csrf = ((await r.json()) as { token: string }).token;
    }
    const h: Record<string, string> = { ...headers };
    if (method !== 'GET') {
      h['x-csrf-token'] ??= this.csrf!;
      h.origin ??= this.origin;
      h['sec-fetch-site'] ??= 'same-origin';
    }
    return this.raw(method, path, { body, headers: h });
  }
}

export interface AuthHarness {
  app: AuthApp;
  db: Kysely<any>;
  clock: TestClock;
  sms: ReturnType<typeof recordingMessenger>;
  browser(ip?: string): Browser;
  close(): Promise<void>;
  /** Issues the demo accounts; returns their initial passwords. */
  seed(): Promise<Record<'clinic' | 'minato' | 'pref' | 'hospital', string>>;
}

export async function authHarness(
  backend: 'sqlite' | 'postgres',
  config: Partial<AuthConfig> = {},
): Promise<AuthHarness> {
  let db: Kysely<any>;
  let drop = async () => {};
  if (backend === 'sqlite') {
    db = new Kysely<any>({ dialect: new SqliteDialect({ database: new SqliteDatabase(':memory:') }) });
  } else {
    const fresh = await freshPgDatabase();
    db = new Kysely<any>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: fresh.url, max: 4 }) }),
    });
    drop = fresh.drop;
  }
  await migrateAuthToLatest(db);
  const clock = new TestClock();
  const sms = recordingMessenger();
  const app = createAuthApp({
    db,
    sms,
    voice: sms,
    clock,
    facilities: staticFacilityDirectory(FACILITIES),
    config: {
      secret: 'test-secret-test-secret-test-secret-0123456789',
      origins: [ORIGIN],
      rpId: 'localhost',
      // Cheaper hashes keep the suite fast; the stored parameters are checked separately.
      password: { scrypt: { N: 2 ** 14, r: 8, p: 1 } },
      clientIp: (c) => c.req.header('x-test-ip') ?? 'unknown',
      ...config,
    },
  });
  return {
    app,
    db,
    clock,
    sms,
    browser: (ip) => new Browser(app, ip),
    async close() {
      await db.destroy();
      await drop();
    },
    async seed() {
      const clinic = await app.issueAccount({
        loginId: 'clinic',
        displayName: '東京中央クリニック 河野 和男',
        facilityKind: 'outpatient',
        facilityCode: '1312345678',
        userId: 'u-clinic',
      });
      const hospital = await app.issueAccount({
        loginId: 'hospital',
        displayName: '千代田みらい病院 田中 誠',
        facilityKind: 'inpatient',
        facilityCode: '1398765432',
        userId: 'u-hospital',
      });
      const minato = await app.issueAccount({
        loginId: 'minato-hc',
        displayName: 'みなと保健所 佐々木',
        facilityKind: 'healthCenter',
        facilityCode: '13103',
        userId: 'u-minato-hc',
      });
      const pref = await app.issueAccount({
        loginId: 'tokyo-pref',
        displayName: '東京都 山本',
        facilityKind: 'prefecture',
        facilityCode: '13',
        userId: 'u-tokyo-pref',
      });
      return {
        clinic: clinic.initialPassword,
        hospital: hospital.initialPassword,
        minato: minato.initialPassword,
        pref: pref.initialPassword,
      };
    },
  };
}

export const json = async <T = any>(res: Response): Promise<T> => (await res.json()) as T;

export const NEW_PASSWORD = 'kumo-no-ue-no-ryokan-77';

/** The whole first sign-in (manual ③–⑪) with SMS; returns the browser, signed in. */
export async function firstSignIn(
  h: AuthHarness,
  loginId: string,
  initial: string,
  phone = '090-1234-5678',
  b = h.browser(),
) {
  const a = await json(await b.req('POST', '/api/auth/login-id', { loginId }));
  const p = await json(
    await b.req('POST', '/api/auth/password', { attemptId: a.attemptId, password: initial }),
  );
  if (p.next !== 'enrollPhone') throw new Error(`expected enrollPhone, got ${JSON.stringify(p)}`);
  // Landlines get a voice call (the manual: 固定番号は「電話する」のみ).
  const method = /^0[789]0/.test(phone) ? 'sms' : 'voice';
  const sent = await b.req('POST', '/api/auth/phone', { attemptId: a.attemptId, phone, method });
  if (sent.status !== 200) throw new Error(`phone: ${sent.status} ${await sent.text()}`);
  const v = await json(
    await b.req('POST', '/api/auth/verify', { attemptId: a.attemptId, code: h.sms.lastCode() }),
  );
  if (v.next !== 'changePassword') throw new Error(`expected changePassword, got ${JSON.stringify(v)}`);
  const done = await b.req('POST', '/api/auth/change-initial-password', {
    attemptId: a.attemptId,
    currentPassword: initial,
    newPassword: NEW_PASSWORD,
  });
  if (done.status !== 200) throw new Error(`change: ${done.status} ${await done.text()}`);
  return b;
}

/** A later sign-in with an SMS code. */
export async function signIn(h: AuthHarness, loginId: string, password = NEW_PASSWORD, b = h.browser()) {
  const a = await json(await b.req('POST', '/api/auth/login-id', { loginId }));
  const p = await json(await b.req('POST', '/api/auth/password', { attemptId: a.attemptId, password }));
  if (p.next !== 'secondFactor') throw new Error(`expected secondFactor, got ${JSON.stringify(p)}`);
  const sent = await b.req('POST', '/api/auth/send-code', {
    attemptId: a.attemptId,
    method: p.methods.includes('sms') ? 'sms' : 'voice',
  });
  if (sent.status !== 200) throw new Error(`send-code: ${sent.status} ${await sent.text()}`);
  const v = await b.req('POST', '/api/auth/verify', { attemptId: a.attemptId, code: h.sms.lastCode() });
  if (v.status !== 200) throw new Error(`verify: ${v.status} ${await v.text()}`);
  return b;
}
