/**
 * lib/report-check-thread.ts: the report check on its own thread gives what checkReport gives, and a thread
 * that dies loses no check.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { Worker } from 'node:worker_threads';
import { tc1Report } from '../../tests/fixtures/reports.js';
import { checkReport } from '../src/lib/report-rules.js';
import { reportCheckThread } from '../src/lib/report-check-thread.js';
import * as moduleThread from '../src/lib/module-thread.js';
import { tokyoDate } from '../src/lib/time.js';
import { harness, json } from './helpers.js';

const TODAY = '2026-12-06';
const invalid = () => ({
  ...tc1Report(),
  reportDate: '2030-01-01',
  patient: { ...tc1Report().patient, phone: '12', dateOfBirth: 'yesterday' },
});

test('the thread answers exactly as checkReport on the main thread, for valid and invalid reports', async () => {
  const checker = reportCheckThread();
  after(() => checker.close());
  for (const input of [tc1Report(), invalid(), {}, 'not a report', { unknownField: 1 }]) {
    assert.deepEqual(await checker.check(input, TODAY), checkReport(input, TODAY));
  }
  const many = await Promise.all(
    Array.from({ length: 50 }, (_, i) => checker.check(i % 2 ? tc1Report() : invalid(), TODAY)),
  );
  assert.deepEqual(
    many.map((c) => c.ok),
    Array.from({ length: 50 }, (_, i) => i % 2 === 1),
  );
});

test('checks the thread had when it died are answered on the main thread; the next check starts a new thread', async () => {
  const started: Worker[] = [];
  const original = moduleThread.startModuleThread;
  const lines: string[] = [];
  const checker = reportCheckThread(
    (line) => lines.push(line),
    (entry, data) => {
      const w = original(entry, data);
      started.push(w);
      return w;
    },
  );
  after(() => checker.close());
  assert.equal((await checker.check(tc1Report(), TODAY)).ok, true);
  assert.equal(started.length, 1);
  const inFlight = Array.from({ length: 200 }, () => checker.check(invalid(), TODAY));
  await started[0]!.terminate();
  const answers = await Promise.all(inFlight);
  for (const a of answers) assert.deepEqual(a, checkReport(invalid(), TODAY));
  assert.equal((await checker.check(tc1Report(), TODAY)).ok, true);
  assert.equal(started.length, 2, 'a new thread for the next check');
});

test('the API answers through the thread: 201 for TC-1, 400 with the schema issues for an invalid report', async () => {
  const checker = reportCheckThread();
  const h = await harness('sqlite', {}, undefined, checker);
  after(async () => {
    await h.close();
    await checker.close();
  });
  const ok = await h.req('POST', '/api/reports', { body: { report: tc1Report() } });
  assert.equal(ok.status, 201, await ok.clone().text());
  const bad = await h.req('POST', '/api/reports', { body: { report: invalid() } });
  assert.equal(bad.status, 400);
  const codes = ((await json(bad)).issues as { path: string; code: string }[]).map(
    (i) => `${i.path} ${i.code}`,
  );
  const expected = checkReport(invalid(), tokyoDate(h.clock.now())).issues.map((i) => `${i.path} ${i.code}`);
  assert.ok(expected.length > 0);
  assert.deepEqual(codes, expected);
});
