/**
 * In-process filing cost (no HTTP): N sequential POST /api/reports through app.request(), then the same at a
 * given concurrency. Prints ms per filing, CPU ms per filing and SQL statements per filing.
 * Run: node --import tsx --conditions=source bench/filing-inproc.ts [sqlite-file|postgres-url]
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../reference-server/src/app.js';
import { defaultConfig } from '../reference-server/src/config.js';
import { openDatabase } from '../reference-server/src/db/connect.js';
import { migrateToLatest } from '../reference-server/src/db/migrations.js';
import { seedDemoData } from '../reference-server/src/db/seed.js';
import { groupCommitter } from '../reference-server/src/services/group-commit.js';
import { systemClock } from '../reference-server/src/lib/time.js';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { tc1Report } from '../tests/fixtures/reports.js';

const target = process.argv[2] ?? join(mkdtempSync(join(tmpdir(), 'filing-')), 'db.sqlite');
const N = Number(process.env.N ?? 500);
const C = Number(process.env.C ?? 32);
const handle = target.startsWith('postgres')
  ? openDatabase({ databaseUrl: target })
  : openDatabase({ sqliteFile: target, sqliteSynchronous: (process.env.SYNC as 'FULL') ?? 'FULL' });
await migrateToLatest(handle.db, handle.dialect);
await seedDemoData(handle.db, new Date().toISOString());
let statements = 0;
// Count SQL statements at the driver (better-sqlite3 Statement runs, pg client queries).
for (const [proto, methods] of [
  [
    Object.getPrototypeOf(new SqliteDatabase(':memory:').prepare('select 1')),
    ['run', 'all', 'get', 'iterate'],
  ],
  [pg.Client.prototype, ['query']],
] as [Record<string, (...a: unknown[]) => unknown>, string[]][]) {
  for (const m of methods) {
    const orig = proto[m]!;
    proto[m] = function (this: unknown, ...a: unknown[]) {
      statements++;
      return orig.apply(this, a);
    };
  }
}
const app = createApp({ db: handle, clock: systemClock, config: defaultConfig({ devUser: true }) });
const body = JSON.stringify({ report: tc1Report() });
let k = 0;
const file = async () => {
  const res = await app.request('/api/reports', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': `inproc-${process.pid}-${k++}-key` },
    body,
  });
  if (res.status !== 201) throw new Error(`${res.status} ${await res.text()}`);
  await res.arrayBuffer();
};
for (let i = 0; i < 50; i++) await file();
// CONCS=32 runs one concurrency only (e.g. under --cpu-prof).
const concs = process.env.CONCS ? process.env.CONCS.split(',').map(Number) : [1, C];
for (const conc of concs) {
  statements = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let left = N;
  await Promise.all(
    Array.from({ length: conc }, async () => {
      while (left-- > 0) await file();
    }),
  );
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  console.log(
    `${handle.dialect} concurrency ${conc}: ${(ms / N).toFixed(2)} ms/filing wall, ${((cpu.user + cpu.system) / 1000 / N).toFixed(2)} ms CPU/filing, ${(N / (ms / 1000)).toFixed(0)}/s, ${(statements / N).toFixed(1)} statements/filing, batches ${JSON.stringify(groupCommitter(handle.db).stats)}`,
  );
  Object.assign(groupCommitter(handle.db).stats, { batches: 0, items: 0, largest: 0, fallbacks: 0 });
}
await handle.close();
