/**
 * Durable acknowledgements on SQLite (db/wal-sync.ts): the WAL is synced off the event loop, one sync serves
 * every commit made before it started, and nothing is answered before the sync of its commit has finished.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { tc1Report } from '../../tests/fixtures/reports.js';
import { createApp } from '../src/app.js';
import { defaultConfig } from '../src/config.js';
import { openDatabase } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrations.js';
import { seedDemoData } from '../src/db/seed.js';
import { WalSync } from '../src/db/wal-sync.js';
import { groupCommitter } from '../src/services/group-commit.js';
import { TestClock } from './helpers.js';

/** A sync that finishes when the test says so. */
function gatedSync() {
  const gates: { open: () => void; fail: (e: Error) => void }[] = [];
  return {
    gates,
    sync: () =>
      new Promise<void>((resolve, reject) => {
        gates.push({ open: resolve, fail: reject });
      }),
  };
}

const settled = async <T>(p: Promise<T>, ms = 30): Promise<boolean> =>
  Promise.race([p.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);

describe('WalSync', () => {
  test('nothing committed: no sync', async () => {
    const g = gatedSync();
    const w = new WalSync('/unused', g.sync);
    await w.durable();
    assert.equal(w.syncs, 0);
  });

  test('callers waiting at once share one sync; a commit after it started waits for the next', async () => {
    const g = gatedSync();
    const w = new WalSync('/unused', g.sync);
    w.noteCommit();
    const a = w.durable();
    const b = w.durable();
    assert.equal(w.syncs, 1);
    w.noteCommit();
    const c = w.durable();
    const d = w.durable();
    assert.equal(w.syncs, 1, 'the second sync starts only after the first');
    g.gates[0]!.open();
    await Promise.all([a, b]);
    assert.equal(await settled(c), false, 'a commit made during a sync is not covered by it');
    assert.equal(w.syncs, 2);
    g.gates[1]!.open();
    await Promise.all([c, d]);
    assert.equal(w.syncs, 2);
    await w.durable();
    assert.equal(w.syncs, 2, 'everything is on disk: no more syncs');
  });

  test('a failed sync fails its waiters; the next caller syncs again', async () => {
    const g = gatedSync();
    const w = new WalSync('/unused', g.sync);
    w.noteCommit();
    const a = w.durable();
    g.gates[0]!.fail(new Error('EIO'));
    await assert.rejects(a, /EIO/);
    const b = w.durable();
    assert.equal(w.syncs, 2);
    g.gates[1]!.open();
    await b;
  });
});

describe('acknowledgements wait for the WAL sync (SQLite file)', () => {
  test('報告 is answered only after its commit is synced; a read without writes is not held', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hersys-walsync-'));
    const g = gatedSync();
    let synced = 0;
    let hold = false;
    const handle = openDatabase({
      sqliteFile: join(dir, 'db.sqlite'),
      syncWal: () => {
        synced++;
        return hold ? g.sync() : Promise.resolve();
      },
    });
    try {
      const clock = new TestClock();
      await migrateToLatest(handle.db, handle.dialect);
      await seedDemoData(handle.db, clock.now().toISOString());
      const app = createApp({ db: handle, clock, config: defaultConfig({ devUser: true }) });
      // Settle what the set-up wrote.
      await app.request('/api/health');
      const before = synced;

      hold = true;
      const filing = Promise.resolve(
        app.request('/api/reports', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': 'wal-sync-test-1' },
          body: JSON.stringify({ report: tc1Report() }),
        }),
      );
      // Committed (the row is there) but not answered while its sync is pending.
      for (let i = 0; i < 100 && g.gates.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
      assert.equal(g.gates.length, 1, 'a sync was started for the filing');
      assert.equal(await settled(filing, 50), false, 'answered before the WAL was synced');
      const rows = await handle.db.selectFrom('reports').select('id').execute();
      assert.equal(rows.length, 1);

      g.gates[0]!.open();
      hold = false;
      const res = await filing;
      assert.equal(res.status, 201);
      assert.ok(synced > before);

      // Nothing written since: a read is answered without another sync.
      const n = synced;
      const health = await app.request('/api/health');
      assert.equal(health.status, 200);
      assert.equal(synced, n);
    } finally {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the next batch waits for the running sync and takes every filing that arrived meanwhile', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hersys-walsync-'));
    const g = gatedSync();
    let hold = false;
    const handle = openDatabase({
      sqliteFile: join(dir, 'db.sqlite'),
      syncWal: () => (hold ? g.sync() : Promise.resolve()),
    });
    try {
      const clock = new TestClock();
      await migrateToLatest(handle.db, handle.dialect);
      await seedDemoData(handle.db, clock.now().toISOString());
      const app = createApp({ db: handle, clock, config: defaultConfig({ devUser: true }) });
      await app.request('/api/health');
      const file = (key: string) =>
        Promise.resolve(
          app.request('/api/reports', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'idempotency-key': key },
            body: JSON.stringify({ report: tc1Report() }),
          }),
        );
      const stored = async () => (await handle.db.selectFrom('reports').select('id').execute()).length;

      hold = true;
      const first = file('wal-sync-batch-first');
      for (let i = 0; i < 100 && g.gates.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
      assert.equal(g.gates.length, 1, 'the first filing is committed and its sync started');
      const rest = Array.from({ length: 10 }, (_, i) => file(`wal-sync-batch-${i}`));
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(await stored(), 1, 'no batch is written while the last one is being synced');

      const batches = groupCommitter(handle.db).stats.batches;
      hold = false;
      g.gates[0]!.open();
      const answers = await Promise.all([first, ...rest]);
      assert.deepEqual(
        answers.map((r) => r.status),
        Array(11).fill(201),
      );
      assert.equal(await stored(), 11);
      assert.equal(
        groupCommitter(handle.db).stats.batches,
        batches + 1,
        'the ten waiting filings in one batch',
      );
    } finally {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the default sync: a real file, fdatasync of the WAL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hersys-walsync-'));
    const handle = openDatabase({ sqliteFile: join(dir, 'db.sqlite') });
    try {
      await migrateToLatest(handle.db, handle.dialect);
      const app = createApp({ db: handle, clock: new TestClock(), config: defaultConfig({ devUser: true }) });
      await seedDemoData(handle.db, new Date().toISOString());
      const res = await app.request('/api/reports', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ report: tc1Report() }),
      });
      assert.equal(res.status, 201);
    } finally {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
