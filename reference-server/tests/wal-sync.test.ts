/**
 * Durable acknowledgements on SQLite (db/wal-sync.ts): the WAL is synced off the event loop, one sync serves
 * every commit made before it started, and nothing is answered before the sync of its commit has finished.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
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

/**
 * The app on a SQLite file whose WAL syncs are held while `hold` is on (each held one is a gate), set up and
 * settled; `file` posts TC-1 with an idempotency key.
 */
async function gatedApp() {
  const dir = mkdtempSync(join(tmpdir(), 'hersys-walsync-'));
  const g = gatedSync();
  const state = { hold: false, synced: 0 };
  const handle = openDatabase({
    sqliteFile: join(dir, 'db.sqlite'),
    syncWal: () => {
      state.synced++;
      return state.hold ? g.sync() : Promise.resolve();
    },
  });
  const clock = new TestClock();
  await migrateToLatest(handle.db, handle.dialect);
  await seedDemoData(handle.db, clock.now().toISOString());
  const app = createApp({ db: handle, clock, config: defaultConfig({ devUser: true }) });
  // Settle what the set-up wrote.
  await app.request('/api/health');
  return {
    g,
    state,
    handle,
    app,
    file: (key: string) =>
      Promise.resolve(
        app.request('/api/reports', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': key },
          body: JSON.stringify({ report: tc1Report() }),
        }),
      ),
    /** Waits (up to 0.5 s) for a held sync to start. */
    firstGate: async () => {
      for (let i = 0; i < 100 && g.gates.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    },
    stored: async () => (await handle.db.selectFrom('reports').select('id').execute()).length,
    close: async () => {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe('acknowledgements wait for the WAL sync (SQLite file)', () => {
  test('報告 is answered only after its commit is synced; a read without writes is not held', async () => {
    const t = await gatedApp();
    try {
      const before = t.state.synced;

      t.state.hold = true;
      const filing = t.file('wal-sync-test-1');
      // Committed (the row is there) but not answered while its sync is pending.
      await t.firstGate();
      assert.equal(t.g.gates.length, 1, 'a sync was started for the filing');
      assert.equal(await settled(filing, 50), false, 'answered before the WAL was synced');
      assert.equal(await t.stored(), 1);

      t.g.gates[0]!.open();
      t.state.hold = false;
      const res = await filing;
      assert.equal(res.status, 201);
      assert.ok(t.state.synced > before);

      // Nothing written since: a read is answered without another sync.
      const n = t.state.synced;
      const health = await t.app.request('/api/health');
      assert.equal(health.status, 200);
      assert.equal(t.state.synced, n);
    } finally {
      await t.close();
    }
  });

  test('the next batch waits for the running sync and takes every filing that arrived meanwhile', async () => {
    const t = await gatedApp();
    try {
      t.state.hold = true;
      const first = t.file('wal-sync-batch-first');
      await t.firstGate();
      assert.equal(t.g.gates.length, 1, 'the first filing is committed and its sync started');
      const rest = Array.from({ length: 10 }, (_, i) => t.file(`wal-sync-batch-${i}`));
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(await t.stored(), 1, 'no batch is written while the last one is being synced');

      const batches = groupCommitter(t.handle.db).stats.batches;
      t.state.hold = false;
      t.g.gates[0]!.open();
      const answers = await Promise.all([first, ...rest]);
      assert.deepEqual(
        answers.map((r) => r.status),
        Array(11).fill(201),
      );
      assert.equal(await t.stored(), 11);
      assert.equal(
        groupCommitter(t.handle.db).stats.batches,
        batches + 1,
        'the ten waiting filings in one batch',
      );
    } finally {
      await t.close();
    }
  });

  test('a commit after a batch (the outbox recording its deliveries) does not hold the next batch for a sync', async () => {
    const t = await gatedApp();
    try {
      t.state.hold = true;
      const first = t.file('wal-sync-after-first');
      await t.firstGate();
      // Committed after the first batch, while its sync runs.
      await t.handle.db.updateTable('prefectures').set({ name: '東京都' }).where('code', '=', '13').execute();
      const second = t.file('wal-sync-after-second');
      await new Promise((r) => setTimeout(r, 50));
      const items = groupCommitter(t.handle.db).stats.items;
      t.g.gates[0]!.open();
      assert.equal((await first).status, 201);
      // The second filing's batch runs now; the sync it waits for is its own (a second gate), not one for the
      // update first.
      for (let i = 0; i < 100 && groupCommitter(t.handle.db).stats.items === items; i++)
        await new Promise((r) => setTimeout(r, 5));
      assert.equal(
        groupCommitter(t.handle.db).stats.items,
        items + 1,
        'the next batch did not wait for a sync',
      );
      assert.equal(await t.stored(), 2);
      t.state.hold = false;
      for (const g of t.g.gates.slice(1)) g.open();
      assert.equal((await second).status, 201);
    } finally {
      await t.close();
    }
  });

  test('the default sync keeps the WAL open between syncs and closes it with the database', async (t) => {
    if (!existsSync('/proc/self/fd')) return t.skip('needs /proc');
    const dir = mkdtempSync(join(tmpdir(), 'hersys-walsync-'));
    const wal = join(dir, 'db.sqlite-wal');
    /** Descriptors of this process open on the WAL. */
    const open = () =>
      readdirSync('/proc/self/fd').filter((fd) => {
        try {
          return readlinkSync(`/proc/self/fd/${fd}`) === wal;
        } catch {
          return false;
        }
      }).length;
    try {
      const w = new WalSync(wal);
      w.noteCommit();
      await w.durable();
      assert.equal(open(), 0, 'no WAL yet: nothing to sync, nothing kept');
      writeFileSync(wal, 'frames');
      for (let i = 0; i < 3; i++) {
        w.noteCommit();
        await w.durable();
        assert.equal(open(), 1, `one descriptor after ${i + 1} syncs`);
      }
      assert.equal(w.syncs, 4);
      await w.close();
      assert.equal(open(), 0);
    } finally {
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
