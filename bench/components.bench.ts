// Browser bench of <hersys-report-form> in Debian's headless Chromium (no browser download):
//  - components.firstRender: a fresh <hersys-report-form> mounted, rendered and laid out (median of N mounts)
//  - components.keystroke: one typed character → value updated, validateReport run, re-rendered (median)
// The page is a production esbuild bundle of src/define.ts (minified, Lit in prod mode) served on 127.0.0.1.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { tc1Report } from '../tests/fixtures/reports.js';

const MOUNTS = Number(process.env.BENCH_MOUNTS ?? 40);
const KEYS = Number(process.env.BENCH_KEYS ?? 200);
const root = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'hersys-bench-'));

try {
  await build({
    entryPoints: [join(root, 'src/define.ts')],
    bundle: true,
    format: 'esm',
    splitting: true,
    minify: true,
    target: 'es2022',
    outdir: dir,
    tsconfig: join(root, 'tsconfig.base.json'),
    logLevel: 'error',
  });
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html><html lang="ja"><head><meta charset="utf-8"></head><body>
<script type="module" src="./define.js"></script></body></html>`,
  );
  const types: Record<string, string> = { '.js': 'text/javascript', '.html': 'text/html' };
  const server = createServer(async (req, res) => {
    try {
      const file = join(dir, (req.url ?? '/').split('?')[0] === '/' ? 'index.html' : req.url!.split('?')[0]!);
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => !!customElements.get('hersys-report-form'));

    const firstRender = await page.evaluate(async (n) => {
      type El = HTMLElement & { updateComplete: Promise<unknown>; today: string };
      const times: number[] = [];
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        const el = document.createElement('hersys-report-form') as El;
        el.today = '2022-09-27';
        document.body.append(el);
        await el.updateComplete;
        void el.shadowRoot!.firstElementChild!.getBoundingClientRect().height; // style + layout
        times.push(performance.now() - t0);
        el.remove();
        await new Promise((r) => setTimeout(r, 10));
      }
      return times;
    }, MOUNTS);

    const keystroke = await page.evaluate(
      async ({ n, report }) => {
        type El = HTMLElement & { updateComplete: Promise<unknown>; today: string; value: unknown };
        const el = document.createElement('hersys-report-form') as El;
        el.today = '2022-09-27';
        document.body.append(el);
        el.value = report;
        await el.updateComplete;
        const input = el.shadowRoot!.querySelector<HTMLInputElement>('[data-path="patient.occupation"]')!;
        input.focus();
        const times: number[] = [];
        for (let i = 0; i < n; i++) {
          const t0 = performance.now();
          input.value = i % 2 ? `${input.value}ア` : input.value.slice(0, 8);
          input.dispatchEvent(
            new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText' }),
          );
          await el.updateComplete;
          times.push(performance.now() - t0);
        }
        return times;
      },
      { n: KEYS, report: tc1Report() },
    );

    const median = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
    };
    const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]!;
    console.log(
      `components.firstRender median ${median(firstRender).toFixed(1)} ms (goal < 50 ms; p95 ${p95(firstRender).toFixed(1)} ms, first mount ${firstRender[0]!.toFixed(1)} ms, n=${MOUNTS})`,
    );
    console.log(
      `components.keystroke median ${median(keystroke).toFixed(2)} ms (goal < 4 ms; p95 ${p95(keystroke).toFixed(2)} ms, n=${KEYS}, keystroke → validateReport → render)`,
    );
  } finally {
    await browser.close();
    server.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
