/** lib/json-text.ts: text serialized once is written in place of its value. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { JsonText, stringifyWithJsonText, toJson } from '../src/lib/json-text.js';
import { tc1Report } from '../../tests/fixtures/reports.js';
import { harness } from './helpers.js';

const report = {
  patient: { name: '山田 "太郎"', kana: 'ヤマダ\\タロウ' },
  dates: ['2022-09-27', null],
  n: 1.5,
};

test('the text of a JsonText stands where its value would, anywhere in the structure', () => {
  const text = JSON.stringify(report);
  const value = {
    id: 'r-1',
    report: { version: 1, report: new JsonText(text), header: { by: 'うけつけ' } },
    list: [new JsonText('[1,2]'), 'x', new JsonText('"s"')],
    empty: {},
  };
  const json = stringifyWithJsonText(value);
  assert.deepEqual(JSON.parse(json), {
    id: 'r-1',
    report: { version: 1, report, header: { by: 'うけつけ' } },
    list: [[1, 2], 'x', 's'],
    empty: {},
  });
  // The text itself, not a re-serialization of it.
  assert.ok(json.includes(text));
});

test('strings that look like the placeholder are written as they are', () => {
  const tricky = { a: 'json-text:0', b: '\\u0000json-text:0', c: new JsonText('{"k":"json-text:1"}') };
  assert.deepEqual(JSON.parse(stringifyWithJsonText(tricky)), {
    a: 'json-text:0',
    b: '\\u0000json-text:0',
    c: { k: 'json-text:1' },
  });
});

test('without a JsonText it is JSON.stringify; toJson takes the text as it is', () => {
  assert.equal(stringifyWithJsonText(report), JSON.stringify(report));
  assert.equal(toJson(new JsonText('{"a":1}')), '{"a":1}');
  assert.equal(toJson(report), JSON.stringify(report));
});

test('a 報告: the stored row, its audit entry and the 201 answer hold the same report text', async () => {
  const h = await harness('sqlite');
  try {
    const res = await h.req('POST', '/api/reports', { body: { report: tc1Report() } });
    assert.equal(res.status, 201);
    assert.equal(res.headers.get('content-type'), 'application/json');
    const text = await res.text();
    const body = JSON.parse(text) as { report: { id: string; version: number; report: unknown } };
    assert.deepEqual(body.report.report, tc1Report());
    assert.equal(res.headers.get('etag'), `"${body.report.version}"`);
    const row = await h.handle.db
      .selectFrom('reports')
      .select('data')
      .where('id', '=', body.report.id)
      .executeTakeFirstOrThrow();
    const entry = await h.handle.db
      .selectFrom('audit_log')
      .select('new_data')
      .where('action', '=', 'report.create')
      .where('entity_id', '=', body.report.id)
      .executeTakeFirstOrThrow();
    assert.equal(entry.new_data, row.data);
    assert.ok(text.includes(`"report":${row.data},`));
  } finally {
    await h.close();
  }
});
