// PDF benchmarks: time to render one report once the font is loaded (median of N), a batch of 100 reports,
// the first render (font parse and warm-up included) and the size of the PDF. Figures only; no test
// asserts timings. Run: `node --import tsx --conditions=source bench/pdf.bench.ts` or `npm run bench -- pdf`.
import { renderReportPdf, layoutReportForPrint } from '../src/pdf/index.js';
import { loadDefaultFont } from '../src/pdf/node.js';
import { FIXTURE_TODAY, minimalReport, tc1Report } from '../tests/fixtures/reports.js';

const RUNS = Number(process.env.BENCH_PDF_RUNS ?? 30);
const BATCH = 100;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]!;
}

const t0 = performance.now();
const font = await loadDefaultFont();
const readMs = performance.now() - t0;
const options = { font, today: FIXTURE_TODAY, printHerSysId: true, herSysId: '12345678' } as const;

const t1 = performance.now();
const first = await renderReportPdf(tc1Report(), options);
const firstMs = performance.now() - t1;

const times: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const t = performance.now();
  await renderReportPdf(tc1Report(), options);
  times.push(performance.now() - t);
}

const layoutTimes: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const t = performance.now();
  layoutReportForPrint(tc1Report(), options);
  layoutTimes.push(performance.now() - t);
}

const reports = Array.from({ length: BATCH }, (_, i) => {
  const r = i % 2 === 0 ? tc1Report() : minimalReport();
  r.patient!.givenName = `${r.patient!.givenName}${'一二三四五六七八九十'[i % 10]}`;
  return r;
});
const tb = performance.now();
let batchBytes = 0;
for (const r of reports) batchBytes += (await renderReportPdf(r, options)).length;
const batchMs = performance.now() - tb;

const minimal = await renderReportPdf(minimalReport(), { font, today: FIXTURE_TODAY });
const full = await renderReportPdf(tc1Report(), { ...options, subset: false });

const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
console.log(
  `pdf.fontRead ${fmt(readMs)} (Noto Sans JP ${(font.length / 1024 / 1024).toFixed(1)} MB from disk, once per process)`,
);
console.log(`pdf.firstRender ${fmt(firstMs)} (font parse, subsetter and JIT warm-up included)`);
console.log(
  `pdf.render median ${fmt(median(times))} p95 ${fmt(p95(times))} (goal < 100 ms; TC-1, font loaded, n=${RUNS})`,
);
console.log(`pdf.layout median ${fmt(median(layoutTimes))} (validation + layout only, no PDF)`);
console.log(
  `pdf.batch100 total ${fmt(batchMs)}, ${fmt(batchMs / BATCH)} per report (${BATCH} reports, one font object, avg ${(batchBytes / BATCH / 1024).toFixed(1)} KiB)`,
);
console.log(
  `pdf.size TC-1 ${(first.length / 1024).toFixed(1)} KiB (goal < 150 KB), minimal ${(minimal.length / 1024).toFixed(1)} KiB`,
);
console.log(`pdf.size full-embed reference ${(full.length / 1024 / 1024).toFixed(2)} MiB (subset: false)`);
