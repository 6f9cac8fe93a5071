// Opens every story of a built Storybook (storybook-static/) in Debian's headless Chromium and fails when
// a story throws, logs an error, or renders no SDK element. Usage: node scripts/storybook-smoke.mjs [--shot dir]
import { createServer } from 'node:http';
import { readFile, mkdir } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';

const root = 'storybook-static';
const shotDir = process.argv.includes('--shot')
  ? process.argv[process.argv.indexOf('--shot') + 1]
  : undefined;
const types = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};
const server = createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(
    /^(\.\.[/\\])+/,
    '',
  );
  try {
    const body = await readFile(join(root, path.endsWith('/') ? `${path}index.html` : path));
    res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;
const index = JSON.parse(await readFile(join(root, 'index.json'), 'utf8'));
const stories = Object.values(index.entries).filter((e) => e.type === 'story');

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
let failed = 0;
if (shotDir) await mkdir(shotDir, { recursive: true });
for (const story of stories) {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on(
    'console',
    (m) => m.type() === 'error' && !/Failed to load resource/.test(m.text()) && errors.push(m.text()),
  );
  page.on(
    'response',
    (r) => r.status() >= 400 && !/favicon/.test(r.url()) && errors.push(`${r.status()} ${r.url()}`),
  );
  await page.goto(`${base}/iframe.html?id=${story.id}&viewMode=story`);
  const rendered = await page
    .waitForFunction(
      () => {
        const sdk = [...document.querySelectorAll('#storybook-root *')].find((n) =>
          n.localName.startsWith('hersys-'),
        );
        return !!sdk && !!sdk.shadowRoot && sdk.shadowRoot.childElementCount > 0;
      },
      { timeout: 15000 },
    )
    .then(
      () => true,
      () => false,
    );
  await page.waitForTimeout(300);
  if (shotDir) await page.screenshot({ path: join(shotDir, `${story.id}.png`) });
  const ok = rendered && errors.length === 0;
  if (!ok) failed++;
  console.log(
    `${ok ? 'ok  ' : 'FAIL'} ${story.id}${rendered ? '' : ' (nothing rendered)'}${errors.length ? `\n     ${errors.join('\n     ')}` : ''}`,
  );
  await page.close();
}
await browser.close();
server.close();
console.log(`${stories.length - failed}/${stories.length} stories render without errors`);
process.exit(failed ? 1 : 0);
