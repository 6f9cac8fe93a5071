/** The random pool of ids and tokens (lib/entropy.ts): every byte handed out once, refilled when used up. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { randomView } from '../src/lib/entropy.js';

test('views never repeat across refills', () => {
  // 1,000 views of 32 bytes span eight refills of the 4 KiB pool.
  const seen = new Set(Array.from({ length: 1000 }, () => randomView(32).toString('hex')));
  assert.equal(seen.size, 1000);
  const a = randomView(4000).toString('hex');
  const b = randomView(4000).toString('hex');
  assert.notEqual(a, b, 'a view that does not fit what is left comes from a refill');
  assert.throws(() => randomView(4097), RangeError);
});
