// Runs every bench/*.bench.ts in its own process, one after another, so one bench's memory and JIT state
// never colour another's figures. Pass names to run a subset: `npm run bench -- schema pdf`.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const benches = readdirSync(here)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => wanted.length === 0 || wanted.some((w) => name.startsWith(w)))
  .sort();

let failed = 0;
for (const name of benches) {
  console.log(`\n## ${name}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--conditions=source', join(here, name)], {
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    failed++;
    console.log(`${name} failed with exit code ${result.status}`);
  }
}
process.exit(failed === 0 ? 0 : 1);
