/**
 * WAL checkpoints on their own thread (db/checkpointer.ts): the main connection stops checkpointing, the thread
 * moves the WAL into the database file, a long WAL is cut back, and stopping hands checkpoints back.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { Checkpointer } from '../src/db/checkpointer.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) return false;
    await sleep(20);
  }
  return true;
}

function open() {
  const dir = mkdtempSync(join(tmpdir(), 'hersys-ckpt-'));
  const file = join(dir, 'db.sqlite');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('create table t (id integer primary key, d text)');
  const insert = db.prepare('insert into t (d) values (?)');
  const write = (rows: number) =>
    db.transaction(() => {
      for (let i = 0; i < rows; i++) insert.run('x'.repeat(4000));
    })();
  return { db, file, write, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

test('the thread checkpoints; the main connection does not', async () => {
  const { db, file, write, cleanup } = open();
  const size = () => statSync(file).size;
  const c = new Checkpointer(db, { intervalMs: 20 });
  try {
    assert.equal(db.pragma('wal_autocheckpoint', { simple: true }), 0);
    const before = size();
    // ~2 MB: past SQLite's own 1,000-page threshold, which would have checkpointed in this connection.
    for (let i = 0; i < 10; i++) write(50);
    assert.ok(size() < before + 100_000, 'the main connection checkpointed by itself');
    assert.ok(
      await until(() => size() > before + 1_500_000),
      'the thread did not move the WAL into the file',
    );
    assert.equal((db.prepare('select count(*) as n from t').get() as { n: number }).n, 500);
  } finally {
    await c.stop();
    assert.equal(db.pragma('wal_autocheckpoint', { simple: true }), 1000, 'handed back on stop');
    db.close();
    cleanup();
  }
});

test('a WAL past maxBytes is finished by the main connection and cut back', async () => {
  const { db, file, write, cleanup } = open();
  const wal = () => statSync(`${file}-wal`).size;
  const c = new Checkpointer(db, { intervalMs: 20, maxBytes: 256 * 1024 });
  try {
    write(500); // ~2 MB in one transaction
    assert.ok(wal() > 1_000_000);
    // Checkpointed (by the thread, the rest by this connection when asked); the next write restarts the WAL
    // from its start and cuts the file back to journal_size_limit.
    assert.ok(
      await until(() => {
        write(1);
        return wal() <= 256 * 1024 + 64 * 1024;
      }),
      `the WAL stayed at ${wal()} bytes`,
    );
  } finally {
    await c.stop();
    db.close();
    cleanup();
  }
});
