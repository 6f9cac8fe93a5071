/**
 * WAL pages per 報告 on SQLite, by b-tree: files N0 reports (warm-up) through `app.request()` at 32 at a time with
 * the outbox worker running and handed each filing's messages, as in the server (OUTBOX_WORKER=0 leaves it
 * out), checkpoints, holds a read transaction so that no
 * checkpoint can restart the WAL, files N more, then reads every frame of the WAL and names the table or index
 * of its page (`dbstat`). Prints pages and KB per filing and the b-trees that took the most pages.
 * Run: `N0=3000 N=2000 node --import tsx --conditions=source bench/wal-pages.ts`
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { createApp } from '../reference-server/src/app.js';
import { defaultConfig } from '../reference-server/src/config.js';
import { openDatabase } from '../reference-server/src/db/connect.js';
import { migrateToLatest } from '../reference-server/src/db/migrations.js';
import { seedDemoData } from '../reference-server/src/db/seed.js';
import { systemClock } from '../reference-server/src/lib/time.js';
import { devMailer, devSmsProvider } from '../reference-server/src/outbox/transports.js';
import { OutboxWorker } from '../reference-server/src/outbox/worker.js';
import { tc1Report } from '../tests/fixtures/reports.js';

const WARM = Number(process.env.N0 ?? 3000);
const N = Number(process.env.N ?? 2000);
const dir = mkdtempSync(join(tmpdir(), 'wal-pages-'));
const file = join(dir, 'db.sqlite');
const handle = openDatabase({ sqliteFile: file });
await migrateToLatest(handle.db, handle.dialect);
await seedDemoData(handle.db, new Date().toISOString());
const worker =
  process.env.OUTBOX_WORKER === '0'
    ? undefined
    : new OutboxWorker({
        db: handle.db,
        dialect: handle.dialect,
        mailer: devMailer(),
        sms: devSmsProvider(),
        clock: systemClock,
        mailFrom: 'bench@hersys.example',
      });
worker?.start(1000);
// As main.ts: each 報告's messages are handed to the worker once committed.
const app = createApp({
  db: handle,
  clock: systemClock,
  config: defaultConfig({ devUser: true }),
  outbox: worker,
});

const body = JSON.stringify({ report: tc1Report() });
let k = 0;
async function fileMany(count: number) {
  let left = count;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (left-- > 0) {
        const res = await app.request('/api/reports', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': `wal-pages-${k++}` },
          body,
        });
        if (res.status !== 201) throw new Error(`${res.status} ${await res.text()}`);
        await res.arrayBuffer();
      }
    }),
  );
}

await fileMany(WARM);
const reader = new SqliteDatabase(file);
reader.pragma('wal_checkpoint(TRUNCATE)');
// A read transaction keeps its snapshot's frames: no checkpoint can restart the WAL under it.
const holder = new SqliteDatabase(file);
holder.exec('begin');
holder.prepare('select count(*) from prefectures').get();
await fileMany(N);
// Let the worker deliver and record what it was handed.
await worker?.settle();
copyFileSync(`${file}-wal`, join(dir, 'copy-wal'));
const wal = readFileSync(join(dir, 'copy-wal'));
const pageSize = wal.readUInt32BE(8);
const frames: number[] = [];
let commits = 0;
for (let off = 32; off + 24 + pageSize <= wal.length; off += 24 + pageSize) {
  frames.push(wal.readUInt32BE(off));
  if (wal.readUInt32BE(off + 4) !== 0) commits++;
}
const treeOf = new Map<number, string>();
for (const r of reader.prepare('select name, pageno from dbstat').all() as { name: string; pageno: number }[])
  treeOf.set(r.pageno, r.name);
const byTree = new Map<string, number>();
for (const page of frames) {
  const tree = treeOf.get(page) ?? '(free or new)';
  byTree.set(tree, (byTree.get(tree) ?? 0) + 1);
}
console.log(
  `${frames.length} WAL pages of ${pageSize} bytes for ${N} filings (${commits} commits${worker ? ', outbox worker running' : ''}): ` +
    `${(frames.length / N).toFixed(1)} pages, ${((frames.length * (pageSize + 24)) / N / 1024).toFixed(1)} KB per filing`,
);
for (const [tree, count] of [...byTree].sort((a, b) => b[1] - a[1]).slice(0, 15))
  console.log(`${(count / N).toFixed(2).padStart(6)}  ${tree}`);
await worker?.stop();
holder.close();
reader.close();
await handle.close();
rmSync(dir, { recursive: true, force: true });
