/** Row ids (lib/ids.ts): UUID version 7, ordered by time, unique. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newRowId } from '../src/lib/ids.js';

test('a UUID v7 whose first 48 bits are the time in milliseconds', () => {
  const before = Date.now();
  const id = newRowId();
  const after = Date.now();
  assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const ms = parseInt(id.replace(/-/g, '').slice(0, 12), 16);
  assert.ok(ms >= before && ms <= after, `${ms} not in [${before}, ${after}]`);
});

test('ids made later sort after; none repeats', async () => {
  const first = newRowId();
  await new Promise((r) => setTimeout(r, 3));
  const second = newRowId();
  assert.ok(first < second);
  const many = new Set(Array.from({ length: 20_000 }, () => newRowId()));
  assert.equal(many.size, 20_000);
});
