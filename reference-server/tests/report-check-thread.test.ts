/**
 * lib/report-check-thread.ts: the report check on its own thread gives what checkReport gives, and a thread
 * that dies loses no check.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { Worker } from 'node:worker_threads';
import { tc1Report } from '../../tests/fixtures/reports.js';
import { checkFiling } from '../src/lib/filing-check.js';
import { sha256 } from '../src/lib/keys.js';
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
  const h = await harness('sqlite', {}, undefined, { reportChecker: checker });
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

test('a 報告 body checked on the thread: the same result as on the main thread, refusals included', async () => {
  const checker = reportCheckThread();
  after(() => checker.close());
  const bodies = [
    JSON.stringify({ report: tc1Report() }),
    JSON.stringify({ report: tc1Report(), herSysId: '10000001', idManagement: { localId: 'L-1' } }),
    JSON.stringify({ report: invalid() }),
    '{"report": {"reportDate": "2022-09-27"',
    JSON.stringify({ report: tc1Report(), extra: 1 }),
    JSON.stringify({ herSysId: '10000001' }),
    JSON.stringify({ report: { ...tc1Report(), reporter: { doctorFamilyName: 'a\u0000b' } } }),
  ];
  for (const text of bodies) {
    const onThread = await checker.checkFiling(text, TODAY);
    assert.deepEqual(onThread, checkFiling(text, TODAY), text.slice(0, 60));
  }
  const ok = await checker.checkFiling(bodies[1]!, TODAY);
  assert.ok(ok.ok);
  assert.equal(ok.herSysId, '10000001');
  assert.equal(ok.idManagement?.localId, 'L-1');
  // The request hash is the one the idempotency records have always kept: sha256 of the re-serialized body.
  assert.equal(ok.requestHash, sha256(JSON.stringify(JSON.parse(bodies[1]!))));
  const refusals = await Promise.all(bodies.slice(3).map((t) => checker.checkFiling(t, TODAY)));
  assert.deepEqual(
    refusals.map((r) => (r.ok ? 'ok' : `${r.refusal.status} ${r.refusal.code}`)),
    ['400 invalid_json', '400 validation_failed', '400 validation_failed', '400 validation_failed'],
  );
});
