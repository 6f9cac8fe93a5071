// Schema benchmarks: prints median and p95 per call. Figures only; no test asserts timings.
// Run: `node --import tsx bench/schema.bench.ts` or `npm run bench -- schema`.
import {
  checkDateConsistency,
  formatWareki,
  normalizeKana,
  parseJapaneseDate,
  parsePhoneJP,
  validateReport,
} from '../src/schema/index.js';
import { manualDateExampleReport, tc1Report } from '../tests/fixtures/reports.js';

/**
 * Median and p95 per call. Each sample runs `batch` calls and reads both the wall clock and the process's
 * own CPU time (user + system): on a shared machine the wall clock also counts time spent waiting for a core,
 * the CPU time does not, so the goal is judged on the CPU-time median and both are printed.
 */
function measure(
  name: string,
  goalUs: number | undefined,
  fn: () => unknown,
  batch = 200,
  samples = 200,
): void {
  for (let i = 0; i < 5000; i++) fn(); // warm-up (JIT tiers)
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let s = 0; s < samples; s++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) fn();
    const t1 = process.hrtime.bigint();
    const c1 = process.cpuUsage(c0);
    wall.push(Number(t1 - t0) / 1000 / batch);
    cpu.push((c1.user + c1.system) / batch);
  }
  const stat = (xs: number[]) => {
    xs.sort((a, b) => a - b);
    return { median: xs[Math.floor(xs.length / 2)]!, p95: xs[Math.floor(xs.length * 0.95)]! };
  };
  const c = stat(cpu);
  const w = stat(wall);
  const goal = goalUs === undefined ? '' : ` (goal < ${goalUs} µs)${c.median < goalUs ? '' : ' OVER GOAL'}`;
  console.log(
    `${name} median ${c.median.toFixed(1)} µs, p95 ${c.p95.toFixed(1)} µs CPU; wall median ${w.median.toFixed(1)} µs, p95 ${w.p95.toFixed(1)} µs${goal}`,
  );
}

const tc1 = tc1Report();
const manual = manualDateExampleReport();
const options = { today: '2022-09-27' };

measure('schema.validateReport', 50, () => validateReport(tc1, options));
measure('schema.validateReport(manual example)', 50, () => validateReport(manual, options));
measure('schema.validateReport(empty)', undefined, () => validateReport({}, options));
measure('schema.checkDateConsistency', 50, () => checkDateConsistency(tc1, options));
measure('schema.parseJapaneseDate', undefined, () => parseJapaneseDate('令和4年9月27日'));
measure('schema.formatWareki', undefined, () => formatWareki('2022-09-27'));
// Distinct numbers, so the small result cache does not hide the parsing cost.
const phones = Array.from({ length: 1000 }, (_, i) => `０９０ー１２３４ー${String(i).padStart(4, '０')}`);
let k = 0;
measure('schema.parsePhoneJP (uncached)', undefined, () => parsePhoneJP(phones[k++ % phones.length]!));
measure('schema.normalizeKana', undefined, () => normalizeKana('ﾔﾏﾀﾞ ﾊﾅｺ'));
