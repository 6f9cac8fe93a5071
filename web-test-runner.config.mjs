// Browser tests: every tests/**/*.browser.test.ts in Debian's headless Chromium (no browser download).
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { commonjsPlugin } from './scripts/wtr-commonjs-plugin.mjs';

const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

export default {
  files: ['tests/**/*.browser.test.ts'],
  nodeResolve: { exportConditions: ['source', 'browser', 'development'] },
  concurrency: 2,
  testsFinishTimeout: 300_000,
  testFramework: { config: { timeout: 20_000 } },
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: chromiumArgs,
      },
      // With concurrency > 1 every test file's tab after the first is a background tab: hidden, so
      // requestAnimationFrame never fires and rAF-based waits (open-wc fixture, harnesses) hang. A browser
      // context per page gives each its own window, and every window is visible.
      createPage: async ({ browser }) => (await browser.createBrowserContext()).newPage(),
    }),
  ],
  plugins: [
    // CommonJS dependencies (pdf-lib's pako, fontkit's helpers) served as ES modules.
    commonjsPlugin({ rootDir: fileURLToPath(new URL('.', import.meta.url)) }),
    esbuildPlugin({
      ts: true,
      json: true,
      // es2022: Chromium has no native decorators. The esbuild plugin reads the tsconfig raw (no "extends"),
      // so point it at the file that itself carries experimentalDecorators/useDefineForClassFields.
      target: 'es2022',
      tsconfig: fileURLToPath(new URL('./tsconfig.base.json', import.meta.url)),
    }),
  ],
};
