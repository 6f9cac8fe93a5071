/**
 * Reference server bench (prints figures; asserts nothing):
 *
 * 1. 報告 throughput: POST /api/reports (TC-1, a new Idempotency-Key each) at 32 concurrent keep-alive clients
 *    over real HTTP on 127.0.0.1, bounded by BENCH_SECONDS (default 10 s) or 20,000 requests, against the real
 *    server process (`src/main.ts`, outbox worker running) on SQLite and on PostgreSQL (DATABASE_URL or
 *    TEST_DATABASE_URL; else "skipped: no PostgreSQL"). Each is printed as a ratio to a bare Hono JSON endpoint
 *    (POST, same body, parse + answer) measured in the same run. Goal: ≥ 1,500/s with p99 < 50 ms.
 * 2. 登録情報一覧 over 1,000,000 patients: seeded by a bulk insert into SQLite (and PostgreSQL when available),
 *    then searched over HTTP with the manual's filters. Goal: p95 < 50 ms.
 *
 * Run: `npm run bench -- server` (or `node --import tsx --conditions=source bench/server.bench.ts`).
 * BENCH_PATIENTS=100000 seeds fewer patients for a quick look; BENCH_ONLY=load|search runs one half;
 * BENCH_PG_DELAY_MS=1 adds a PostgreSQL run through a proxy that holds every packet 1 ms each way (a database on
 * another host: what the round trips per filing cost there).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { tc1Report } from '../tests/fixtures/reports.js';
import { startDelayProxy } from './delay-proxy.js';

const serverDir = fileURLToPath(new URL('../reference-server/', import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const MAX_REQUESTS = 20_000;
const CONCURRENCY = 32;
const PATIENTS = Number(process.env.BENCH_PATIENTS ?? 1_000_000);
const PG_URL = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
/** Also file through a proxy that holds PostgreSQL's packets this long each way (0: no such run). */
const PG_DELAY_MS = Number(process.env.BENCH_PG_DELAY_MS ?? 0);

// ---------------------------------------------------------------------------------------------------------
// ---------------------------------------------------------------------------------------------------------

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function startProcess(args: string[], env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', ...args], {
    cwd: serverDir,
    // DATABASE_URL of this shell must not leak into the SQLite runs: each run says which database it uses.
    env: { ...process.env, NODE_ENV: 'development', DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`did not start:\n${out}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      if (out.length < 10_000) out += d.toString();
      if (out.includes('reference server on')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr!.on('data', (d: Buffer) => {
      if (out.length < 10_000) out += d.toString();
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code}:\n${out}`));
    });
  });
  child.removeAllListeners('exit');
  return child;
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const done = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  await done;
}

function request(
  agent: http.Agent,
  port: number,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: body ? { ...headers, 'content-length': Buffer.byteLength(body) } : headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

function pct(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  errors: number;
}

/** 32 clients, each sending one request after another until the time or request budget is used. */
async function load(
  port: number,
  path: string,
  makeHeaders: (i: number) => Record<string, string>,
  body: string,
): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  // Warm-up (JIT, connections, first-page caches).
  await Promise.all(
    Array.from({ length: CONCURRENCY }, (_, i) =>
      request(agent, port, 'POST', path, makeHeaders(-1 - i), body),
    ),
  );
  const latencies: number[] = [];
  let issued = 0;
  let errors = 0;
  const start = performance.now();
  const deadline = start + SECONDS * 1000;
  let firstError = '';
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline && issued < MAX_REQUESTS) {
        const i = issued++;
        const t0 = performance.now();
        const res = await request(agent, port, 'POST', path, makeHeaders(i), body);
        latencies.push(performance.now() - t0);
        if (res.status !== 201) {
          errors++;
          firstError ||= `${res.status} ${res.text.slice(0, 300)}`;
        }
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  if (firstError) console.log(`  first error: ${firstError}`);
  latencies.sort((a, b) => a - b);
  return {
    rps: latencies.length / elapsed,
    p50: pct(latencies, 50),
    p99: pct(latencies, 99),
    ok: latencies.length - errors,
    errors,
  };
}

/** CPU seconds (user + system) a process has used so far (Linux /proc; NaN elsewhere). */
function cpuSeconds(pid: number | undefined): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return NaN;
  }
}

function fmt(r: LoadResult) {
  return `${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(1).padStart(5)} ms  p99 ${r.p99.toFixed(1).padStart(6)} ms  (${r.ok} ok, ${r.errors} errors)`;
}

async function freshPgDb(): Promise<{ url: string; drop: () => Promise<void> } | undefined> {
  if (!PG_URL) return undefined;
  const name = `bench_${Date.now().toString(36)}`;
  try {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`create database ${name}`);
    await c.end();
  } catch (err) {
    console.log(`PostgreSQL at ${PG_URL} not reachable (${(err as Error).message})`);
    return undefined;
  }
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

/** The server's durability settings, printed with its figures (a test cluster may run without fsync). */
async function pgDurability(url: string): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const names = ['server_version', 'fsync', 'synchronous_commit', 'full_page_writes'];
    const values: string[] = [];
    for (const n of names) values.push(`${n}=${(await c.query(`show ${n}`)).rows[0][n]}`);
    return values.join(' ');
  } finally {
    await c.end();
  }
}

// ---------------------------------------------------------------------------------------------------------
// 1,000,000 patients

const FAMILY = [
  'ヤマダ',
  'ヤマモト',
  'ヤマグチ',
  'タナカ',
  'スズキ',
  'サトウ',
  'タカハシ',
  'ワタナベ',
  'イトウ',
  'ナカムラ',
  'コバヤシ',
  'カトウ',
  'ヨシダ',
  'ヤマザキ',
  'ササキ',
  'マツモト',
  'イノウエ',
  'キムラ',
  'ハヤシ',
  'シミズ',
];
const FAMILY_KANJI = [
  '山田',
  '山本',
  '山口',
  '田中',
  '鈴木',
  '佐藤',
  '高橋',
  '渡辺',
  '伊藤',
  '中村',
  '小林',
  '加藤',
  '吉田',
  '山崎',
  '佐々木',
  '松本',
  '井上',
  '木村',
  '林',
  '清水',
];
const GIVEN = [
  'ハナコ',
  'タロウ',
  'ジロウ',
  'サクラ',
  'ユイ',
  'ソウタ',
  'ハルト',
  'ミオ',
  'リク',
  'アオイ',
  'ユウト',
  'メイ',
  'ケンタ',
  'ナナ',
  'ダイキ',
  'ユナ',
];
const GIVEN_KANJI = [
  '花子',
  '太郎',
  '次郎',
  'さくら',
  '結衣',
  '蒼太',
  '陽翔',
  '澪',
  '陸',
  '葵',
  '悠人',
  '芽依',
  '健太',
  '菜々',
  '大輝',
  '優奈',
];
const STATUSES = ['homeCare', 'hotelCare', 'hospitalized', 'released', 'unspecified'];
const SEVS = ['mild', 'moderate1', 'moderate2', 'severe', 'asymptomatic'];
const RESID = ['home', 'hotel', 'hospital', 'facility', 'unknown'];

function day(base: number, offset: number) {
  return new Date(base + offset * 86_400_000).toISOString().slice(0, 10);
}

interface PatientRow {
  [k: string]: string | number | null;
}

function makePatient(i: number): PatientRow {
  const f = randomInt(FAMILY.length);
  const g = randomInt(GIVEN.length);
  const diag = day(Date.UTC(2022, 0, 1), randomInt(365));
  const period = randomInt(10) < 8 ? diag : null;
  const hc = randomInt(2) ? '13101' : '13103';
  const rec = {
    familyName: FAMILY_KANJI[f],
    givenName: GIVEN_KANJI[g],
    familyNameKana: FAMILY[f],
    givenNameKana: GIVEN[g],
  };
  return {
    her_sys_id: String(10_000_000 + i * 89 + randomInt(89)),
    version: 1,
    data: JSON.stringify(rec),
    family_name: FAMILY_KANJI[f]!,
    given_name: GIVEN_KANJI[g]!,
    name_norm: FAMILY_KANJI[f]! + GIVEN_KANJI[g]!,
    kana_norm: FAMILY[f]! + GIVEN[g]!,
    date_of_birth: day(Date.UTC(1930, 0, 1), randomInt(90 * 365)),
    phone_digits: `090${String(randomInt(100_000_000)).padStart(8, '0')}`,
    passport_norm: randomInt(50) === 0 ? `TK${String(randomInt(10_000_000)).padStart(7, '0')}` : null,
    local_id: randomInt(4) === 0 ? `L-${i}` : null,
    infection_category: randomInt(10) < 8 ? 'infected' : 'closeContact',
    status: STATUSES[randomInt(STATUSES.length)]!,
    severity: SEVS[randomInt(SEVS.length)]!,
    residence: RESID[randomInt(RESID.length)]!,
    treatment_date: randomInt(3) === 0 ? diag : null,
    period_start: period,
    sort_date: period ?? diag,
    latest_report_id: null,
    report_date: diag,
    diagnosis_date: diag,
    owner_facility: '1312345678',
    notified_hc: '13103',
    responsible_hc: hc,
    prefecture_code: '13',
    created_at: `${diag}T00:00:00.000Z`,
    updated_at: `${diag}T00:00:00.000Z`,
  };
}

const COLUMNS = Object.keys(makePatient(0));

function seedSqlite(file: string) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  // Bulk load: drop the secondary indexes, insert, build them again (sorting once beats 1M random inserts).
  const indexes = db
    .prepare(
      `select name, sql from sqlite_master where type = 'index' and tbl_name = 'patients' and sql is not null`,
    )
    .all() as { name: string; sql: string }[];
  for (const i of indexes) db.exec(`drop index ${i.name}`);
  const insert = db.prepare(
    `insert into patients (${COLUMNS.join(',')}) values (${COLUMNS.map((c) => `@${c}`).join(',')})`,
  );
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) insert.run(makePatient(i));
  });
  for (let i = 0; i < PATIENTS; i += 50_000) batch(i, Math.min(PATIENTS, i + 50_000));
  for (const i of indexes) db.exec(i.sql);
  db.exec('analyze');
  db.close();
}

async function seedPg(url: string) {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const { rows: indexes } = await pool.query<{ indexname: string; indexdef: string }>(
    `select indexname, indexdef from pg_indexes where tablename = 'patients' and indexname not like '%_pkey'`,
  );
  for (const i of indexes) await pool.query(`drop index ${i.indexname}`);
  const B = 5000;
  for (let i = 0; i < PATIENTS; i += B) {
    const rows = Array.from({ length: Math.min(B, PATIENTS - i) }, (_, k) => makePatient(i + k));
    // One multi-row insert per batch, through unnest of one array per column.
    const arrays = COLUMNS.map((c) => rows.map((r) => r[c]));
    const casts = COLUMNS.map((c, k) => `$${k + 1}::${c === 'version' ? 'int' : 'text'}[]`);
    await pool.query(
      `insert into patients (${COLUMNS.join(',')}) select * from unnest(${casts.join(',')})`,
      arrays,
    );
  }
  for (const i of indexes) await pool.query(i.indexdef);
  // What autovacuum does after a bulk load: planner statistics and the visibility map (index-only scans).
  await pool.query('vacuum analyze patients');
  await pool.end();
}

const SEARCHES: { name: string; qs: () => string; as?: string }[] = [
  { name: 'no filter, page 1', qs: () => '' },
  { name: 'no filter, page 50', qs: () => 'page=50' },
  {
    name: 'kana prefix',
    qs: () => `kana=${encodeURIComponent(FAMILY[randomInt(FAMILY.length)]!.slice(0, 2))}`,
  },
  {
    name: 'kana full name',
    qs: () =>
      `kana=${encodeURIComponent(FAMILY[randomInt(FAMILY.length)]! + GIVEN[randomInt(GIVEN.length)]!)}`,
  },
  {
    name: 'name prefix',
    qs: () => `name=${encodeURIComponent(FAMILY_KANJI[randomInt(FAMILY_KANJI.length)]!)}`,
  },
  { name: 'date of birth', qs: () => `dateOfBirth=${day(Date.UTC(1930, 0, 1), randomInt(90 * 365))}` },
  { name: 'phone', qs: () => `phone=090${String(randomInt(100_000_000)).padStart(8, '0')}` },
  {
    name: 'report date range (1 week)',
    qs: () => {
      const d = randomInt(350);
      return `reportDateFrom=${day(Date.UTC(2022, 0, 1), d)}&reportDateTo=${day(Date.UTC(2022, 0, 1), d + 6)}`;
    },
  },
  { name: 'status + severity', qs: () => `status=hospitalized&severity=severe` },
  {
    name: 'kana + DOB',
    qs: () =>
      `kana=${encodeURIComponent(FAMILY[randomInt(FAMILY.length)]!)}&dateOfBirth=${day(Date.UTC(1930, 0, 1), randomInt(90 * 365))}`,
  },
  { name: 'health center (OR scope), page 1', qs: () => '', as: 'chiyoda-hc' },
  {
    name: 'health center, kana prefix',
    qs: () => `kana=${encodeURIComponent(FAMILY[randomInt(FAMILY.length)]!.slice(0, 2))}`,
    as: 'chiyoda-hc',
  },
];

async function searchBench(port: number, label: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const all: number[] = [];
  const lines: string[] = [];
  for (const s of SEARCHES) {
    const headers: Record<string, string> = s.as ? { 'x-dev-user': s.as } : {};
    for (let i = 0; i < 3; i++) await request(agent, port, 'GET', `/api/patients?${s.qs()}`, headers); // warm-up
    const times: number[] = [];
    let total = '';
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      const res = await request(agent, port, 'GET', `/api/patients?${s.qs()}`, headers);
      times.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`${s.name}: ${res.status} ${res.text.slice(0, 200)}`);
      if (i === 0) {
        const b = JSON.parse(res.text) as { total: number; totalIsLowerBound: boolean };
        total = `${b.totalIsLowerBound ? '≥' : ''}${b.total}`;
      }
    }
    all.push(...times);
    times.sort((a, b) => a - b);
    lines.push(
      `  ${s.name.padEnd(34)} p50 ${pct(times, 50).toFixed(1).padStart(5)} ms  p95 ${pct(times, 95).toFixed(1).padStart(5)} ms  (hits ${total})`,
    );
  }
  agent.destroy();
  all.sort((a, b) => a - b);
  console.log(
    `登録情報一覧 over ${PATIENTS.toLocaleString('en')} patients, ${label}: overall p50 ${pct(all, 50).toFixed(1)} ms, p95 ${pct(all, 95).toFixed(1)} ms (goal p95 < 50 ms) — ${pct(all, 95) < 50 ? 'MET' : 'NOT MET'}`,
  );
  for (const l of lines) console.log(l);
}

async function main() {
  console.log(
    `server bench: ${CONCURRENCY} concurrent clients, ${SECONDS} s or ${MAX_REQUESTS} requests per run, 127.0.0.1, Node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const body = JSON.stringify({ report: tc1Report() });
  const keyed = (prefix: string) => (i: number) => ({
    'content-type': 'application/json',
    'idempotency-key': `${prefix}-${i}-bench-key`,
  });

  const only = process.env.BENCH_ONLY; // 'load' or 'search' runs one half
  if (only !== 'search') await loadBench(body, keyed);
  if (only !== 'load') await searchBenches();
}

async function loadBench(body: string, keyed: (prefix: string) => (i: number) => Record<string, string>) {
  // Baseline.
  const barePort = await freePort();
  const bare = await startProcess([fileURLToPath(import.meta.url), 'bare-server', String(barePort)], {});
  const bareCpu0 = cpuSeconds(bare.pid);
  const base = await load(barePort, '/bare', () => ({ 'content-type': 'application/json' }), body);
  const bareCpu = cpuSeconds(bare.pid) - bareCpu0;
  await stop(bare);
  console.log(
    `bare Hono JSON endpoint            ${fmt(base)}  server CPU ${((bareCpu * 1000) / (base.ok + base.errors + CONCURRENCY)).toFixed(2)} ms/request`,
  );

  const runs: {
    label: string;
    /** A run that shows a property (the database's distance), not one the goal is about. */
    noGoal?: boolean;
    env: () => Promise<{ env: Record<string, string>; cleanup: () => Promise<void> } | undefined>;
  }[] = [
    {
      label: 'SQLite (default: WAL synced before each answer)',
      env: async () => {
        const dir = mkdtempSync(join(tmpdir(), 'hersys-bench-'));
        return { env: { DATA_DIR: dir }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
      },
    },
    {
      label: 'SQLite (SQLITE_SYNCHRONOUS=NORMAL)',
      env: async () => {
        const dir = mkdtempSync(join(tmpdir(), 'hersys-bench-'));
        return {
          env: { DATA_DIR: dir, SQLITE_SYNCHRONOUS: 'NORMAL' },
          cleanup: async () => rmSync(dir, { recursive: true, force: true }),
        };
      },
    },
    {
      label: 'PostgreSQL',
      env: async () => {
        const db = await freshPgDb();
        if (db) console.log(`PostgreSQL settings: ${await pgDurability(db.url)}`);
        return db && { env: { DATABASE_URL: db.url }, cleanup: db.drop };
      },
    },
  ];
  if (PG_DELAY_MS > 0) {
    runs.push({
      label: `PostgreSQL ${2 * PG_DELAY_MS} ms away`,
      noGoal: true,
      env: async () => {
        const db = await freshPgDb();
        if (!db) return undefined;
        const url = new URL(db.url);
        const proxy = await startDelayProxy(
          { host: url.hostname, port: Number(url.port || 5432) },
          PG_DELAY_MS,
        );
        url.hostname = '127.0.0.1';
        url.port = String(proxy.port);
        return {
          env: { DATABASE_URL: url.toString() },
          cleanup: async () => {
            await proxy.close();
            await db.drop();
          },
        };
      },
    });
  }
  for (const run of runs) {
    const setup = await run.env();
    if (!setup) {
      console.log(
        `報告 POST /api/reports on ${run.label}: skipped: no PostgreSQL (set DATABASE_URL, e.g. eval "$(scripts/pg-up.sh)")`,
      );
      continue;
    }
    const port = await freePort();
    const server = await startProcess(['src/main.ts'], {
      ...setup.env,
      PORT: String(port),
      HERSYS_DEV_USER: '1',
    });
    try {
      const cpu0 = cpuSeconds(server.pid);
      const r = await load(port, '/api/reports', keyed(run.label.slice(0, 2)), body);
      const cpu = cpuSeconds(server.pid) - cpu0;
      const goal = run.noGoal
        ? 'a round trip of every packet held by a proxy in the bench (no goal)'
        : r.rps >= 1500 && r.p99 < 50
          ? 'goal met'
          : 'goal (≥1,500/s, p99 < 50 ms) NOT met';
      console.log(
        `報告 POST /api/reports, ${run.label.padEnd(14)} ${fmt(r)}  = ${(r.rps / base.rps).toFixed(2)}× bare throughput, p99 ${(r.p99 / base.p99).toFixed(1)}× bare, server CPU ${((cpu * 1000) / (r.ok + r.errors + CONCURRENCY)).toFixed(2)} ms/filing — ${goal}`,
      );
    } finally {
      await stop(server);
      await setup.cleanup();
    }
  }
}

async function searchBenches() {
  // 1,000,000 patients.
  {
    const dir = mkdtempSync(join(tmpdir(), 'hersys-bench-1m-'));
    try {
      const port = await freePort();
      // Start once to migrate and seed the facilities, then stop, bulk-insert, start again.
      let server = await startProcess(['src/main.ts'], {
        DATA_DIR: dir,
        PORT: String(port),
        HERSYS_DEV_USER: '1',
      });
      await stop(server);
      const t0 = performance.now();
      seedSqlite(join(dir, 'hersys.sqlite'));
      console.log(
        `seeded ${PATIENTS.toLocaleString('en')} patients into SQLite in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
      server = await startProcess(['src/main.ts'], {
        DATA_DIR: dir,
        PORT: String(port),
        HERSYS_DEV_USER: '1',
      });
      try {
        await searchBench(port, 'SQLite');
      } finally {
        await stop(server);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  {
    const db = await freshPgDb();
    if (!db) console.log('登録情報一覧 on PostgreSQL: skipped: no PostgreSQL');
    else {
      try {
        const port = await freePort();
        let server = await startProcess(['src/main.ts'], {
          DATABASE_URL: db.url,
          PORT: String(port),
          HERSYS_DEV_USER: '1',
        });
        await stop(server);
        const t0 = performance.now();
        await seedPg(db.url);
        console.log(
          `seeded ${PATIENTS.toLocaleString('en')} patients into PostgreSQL in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
        );
        server = await startProcess(['src/main.ts'], {
          DATABASE_URL: db.url,
          PORT: String(port),
          HERSYS_DEV_USER: '1',
        });
        try {
          await searchBench(port, 'PostgreSQL');
        } finally {
          await stop(server);
        }
      } finally {
        await db.drop();
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Entry. Child-process mode: a bare Hono endpoint, the baseline.
if (process.argv[2] === 'bare-server') {
  const { Hono } = await import('hono');
  const { serve } = await import('@hono/node-server');
  const app = new Hono();
  app.post('/bare', async (c) => {
    const body = (await c.req.json()) as { report?: { reportDate?: string } };
    return c.json({ ok: true, reportDate: body.report?.reportDate ?? null }, 201);
  });
  serve({ fetch: app.fetch, port: Number(process.argv[3]), hostname: '127.0.0.1' }, () =>
    console.log('reference server on (bare)'),
  );
} else {
  await main();
}
