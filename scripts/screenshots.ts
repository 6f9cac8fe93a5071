// Screenshots of the components in Debian's headless Chromium, written to docs/images/*.png.
// Run: npx tsx --conditions=source scripts/screenshots.ts [name-filter]
//
// SHOTS is a plain list: add an entry per screenshot. `setup` runs in the page (it is serialized, so
// it may only use its `data` argument and the DOM) after src/define.ts is loaded; `selector` picks the
// element to capture (default: the whole page).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Page } from 'playwright-core';
import { tc1Report } from '../tests/fixtures/reports.js';

interface Shot {
  /** File name under docs/images (without .png). */
  name: string;
  /** Viewport width (default 1280). */
  width?: number;
  /** Runs in the page; may await. */
  setup: (data: unknown) => Promise<void> | void;
  /** Passed to setup. */
  data?: unknown;
  /** Element to capture (default: full page). */
  selector?: string;
}

type FormEl = HTMLElement & {
  updateComplete: Promise<unknown>;
  today: string;
  value: unknown;
  layout: string;
  locale: string;
  submit(): Promise<boolean>;
  searchHealthCenters: unknown;
};

/** Mounts a report form (serialized into the page; keep self-contained). */
async function mountForm(data: unknown): Promise<void> {
  const { layout, locale, report, submit } = data as {
    layout: string;
    locale: string;
    report?: unknown;
    submit?: boolean;
  };
  document.documentElement.lang = locale;
  const el = document.createElement('hersys-report-form') as FormEl;
  el.today = '2022-09-27';
  el.layout = layout;
  el.locale = locale;
  document.body.style.margin = '0';
  document.body.append(el);
  if (report) el.value = report;
  await el.updateComplete;
  if (submit) {
    await el.submit();
    (document.activeElement as HTMLElement | null)?.blur();
    (el.shadowRoot!.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  }
  await el.updateComplete;
}

export const SHOTS: Shot[] = [
  { name: 'report-form-standard', setup: mountForm, data: { layout: 'standard', locale: 'ja' } },
  {
    name: 'report-form-standard-filled',
    setup: mountForm,
    data: { layout: 'standard', locale: 'ja', report: tc1Report() },
  },
  {
    name: 'report-form-standard-errors',
    setup: mountForm,
    data: { layout: 'standard', locale: 'ja', submit: true },
  },
  { name: 'report-form-fax', setup: mountForm, data: { layout: 'fax', locale: 'ja' } },
  {
    name: 'report-form-fax-filled',
    setup: mountForm,
    data: { layout: 'fax', locale: 'ja', report: tc1Report() },
  },
  {
    name: 'report-form-en',
    setup: mountForm,
    data: { layout: 'standard', locale: 'en', report: tc1Report() },
  },
];

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(root, 'docs/images');
const filter = process.argv[2];

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hersys-shots-'));
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
      `<!doctype html><html lang="ja"><head><meta charset="utf-8"><style>body{font-family:'Noto Sans CJK JP','Noto Sans JP',sans-serif}</style></head><body><script type="module" src="./define.js"></script></body></html>`,
    );
    const server = createServer(async (req, res) => {
      try {
        const path = (req.url ?? '/').split('?')[0]!;
        const file = join(dir, path === '/' ? 'index.html' : path);
        const body = await readFile(file);
        res.writeHead(200, { 'content-type': extname(file) === '.js' ? 'text/javascript' : 'text/html' });
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
        '--force-color-profile=srgb',
      ],
    });
    mkdirSync(outDir, { recursive: true });
    try {
      for (const shot of SHOTS.filter((s) => !filter || s.name.includes(filter))) {
        const page: Page = await browser.newPage({ viewport: { width: shot.width ?? 1280, height: 900 } });
        await page.goto(`http://127.0.0.1:${port}/`);
        await page.waitForFunction(() => !!customElements.get('hersys-report-form'));
        await page.evaluate(`(${shot.setup.toString()})(${JSON.stringify(shot.data ?? null)})`);
        await page.waitForTimeout(150);
        // Grow the viewport to the page so sticky bars sit where they end up, not mid-page.
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        await page.setViewportSize({ width: shot.width ?? 1280, height: Math.min(height, 8000) });
        await page.waitForTimeout(50);
        const file = join(outDir, `${shot.name}.png`);
        if (shot.selector) await page.locator(shot.selector).first().screenshot({ path: file });
        else await page.screenshot({ path: file, fullPage: true });
        console.log(`docs/images/${shot.name}.png`);
        await page.close();
      }
    } finally {
      await browser.close();
      server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
