/**
 * Random bytes for row ids and tokens, from a pool refilled 4 KiB at a time: one call into the CSPRNG for a
 * hundred ids or tokens. `randomBytes(32)` per token cost ~2 % of the main thread under load (a call into
 * OpenSSL and a new buffer each time). Each byte is handed out once.
 */
import { randomFillSync } from 'node:crypto';

const pool = Buffer.alloc(4096);
let used = pool.length;

/**
 * `n` fresh random bytes (n ≤ 4096). The buffer is a view into the pool: read or copy it before the next call,
 * which may refill the pool in its place.
 */
export function randomView(n: number): Buffer {
  if (n > pool.length) throw new RangeError(`at most ${pool.length} bytes at once`);
  if (used + n > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const view = pool.subarray(used, used + n);
  used += n;
  return view;
}
