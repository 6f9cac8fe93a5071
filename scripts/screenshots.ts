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
import { manualDateExampleReport, minimalReport, tc1Report } from '../tests/fixtures/reports.js';

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

/**
 * Mounts `<hersys-report-flow>` with a fake submit and walks it through the manual's steps (serialized
 * into the page; keep self-contained). `until` names the step to stop at.
 */
async function mountFlow(data: unknown): Promise<void> {
  // tsx (esbuild keepNames) wraps the inner functions below in __name(), which the page does not have.
  (globalThis as { __name?: unknown }).__name ??= (f: unknown) => f;
  const { report, until, locale } = data as {
    report: unknown;
    until: 'optional' | 'confirm' | 'dates' | 'complete' | 'registered';
    locale?: string;
  };
  type Flow = HTMLElement & {
    updateComplete: Promise<unknown>;
    today: string;
    value: unknown;
    locale: string;
    step: string;
    form: HTMLElement & { submit(): Promise<boolean>; updateComplete: Promise<unknown> };
    submit: (r: unknown) => Promise<unknown>;
  };
  const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
  document.documentElement.lang = locale ?? 'ja';
  document.body.style.margin = '0';
  document.body.style.padding = '16px';
  const flow = document.createElement('hersys-report-flow') as unknown as Flow;
  flow.today = '2022-09-27';
  flow.locale = locale ?? 'ja';
  flow.submit = async () => ({
    herSysId: 'HS-2022-000123',
    reportId: 'r-1',
    notified: [{ name: '横浜市中区福祉保健センター' }, { name: '神奈川県' }],
  });
  document.body.append(flow);
  await flow.updateComplete;
  flow.value = report;
  await flow.updateComplete;
  await flow.form.updateComplete;
  const root = flow.shadowRoot!;
  const click = async (selector: string) => {
    const [host, inner] = selector.split(' >> ');
    const el = inner
      ? root.querySelector(host!)!.shadowRoot!.querySelector<HTMLElement>(inner)
      : root.querySelector<HTMLElement>(host!);
    el!.click();
    await wait(100);
    await flow.updateComplete;
  };
  await flow.form.submit();
  await wait(150);
  if (until === 'optional') return;
  if (root.querySelector('hersys-optional-fields-dialog')!.hasAttribute('open')) {
    await click('hersys-optional-fields-dialog >> [part="continue"]');
  }
  window.scrollTo(0, 0);
  if (until === 'confirm') return;
  await click('[part="report"]');
  await wait(150);
  if (until === 'dates') return;
  if (root.querySelector('hersys-date-consistency-dialog')!.hasAttribute('open')) {
    await click('hersys-date-consistency-dialog >> [part="continue"]');
  }
  await wait(200);
  if (until === 'complete') return;
  await click('[part="complete-done"]');
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
  {
    name: 'optional-fields-dialog',
    setup: mountFlow,
    data: { report: minimalReport(), until: 'optional' },
    selector: 'hersys-optional-fields-dialog dialog',
  },
  {
    name: 'date-consistency-dialog',
    setup: mountFlow,
    data: { report: manualDateExampleReport(), until: 'dates' },
    selector: 'hersys-date-consistency-dialog dialog',
  },
  {
    name: 'report-confirmation',
    setup: mountFlow,
    data: { report: manualDateExampleReport(), until: 'confirm' },
    selector: 'hersys-report-flow',
  },
  {
    name: 'report-complete-dialog',
    setup: mountFlow,
    data: { report: manualDateExampleReport(), until: 'complete' },
    selector: 'hersys-report-flow dialog[part="complete-dialog"]',
  },
  {
    name: 'report-registered',
    setup: mountFlow,
    data: { report: manualDateExampleReport(), until: 'registered' },
    selector: 'hersys-report-flow',
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
