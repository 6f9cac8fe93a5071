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

function measure(
  name: string,
  goalUs: number | undefined,
  fn: () => unknown,
  batch = 50,
  samples = 400,
): void {
  for (let i = 0; i < 2000; i++) fn(); // warm-up
  const perCall: number[] = [];
  for (let s = 0; s < samples; s++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) fn();
    perCall.push(Number(process.hrtime.bigint() - t0) / 1000 / batch);
  }
  perCall.sort((a, b) => a - b);
  const median = perCall[Math.floor(perCall.length / 2)]!;
  const p95 = perCall[Math.floor(perCall.length * 0.95)]!;
  const goal = goalUs === undefined ? '' : ` (goal < ${goalUs} µs)${median < goalUs ? '' : ' OVER GOAL'}`;
  console.log(`${name} median ${median.toFixed(1)} µs, p95 ${p95.toFixed(1)} µs${goal}`);
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
