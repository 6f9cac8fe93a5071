/** lib/line-log.ts: lines logged in one turn of the event loop leave in one write, in order. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { lineLog } from '../src/lib/line-log.js';

test('the lines of one turn are written together, in order; the next turn writes again', async () => {
  const writes: string[] = [];
  const log = lineLog((text) => writes.push(text));
  log('[dev-mail] to a');
  log('[dev-mail] to b');
  log('[dev-sms] to c');
  assert.deepEqual(writes, [], 'nothing is written inside the turn');
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(writes, ['[dev-mail] to a\n[dev-mail] to b\n[dev-sms] to c\n']);
  log('[dev-mail] to d');
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(writes.slice(1), ['[dev-mail] to d\n']);
});

test('lines logged just before the process exits are written', () => {
  const child = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      `import { lineLog } from ${JSON.stringify(new URL('../src/lib/line-log.ts', import.meta.url).href)};
       const log = lineLog(); log('first'); log('last'); process.exit(0);`,
    ],
    { encoding: 'utf8' },
  );
  assert.equal(child.status, 0, child.stderr);
  assert.equal(child.stdout, 'first\nlast\n');
});
