/**
 * Serves the built clinic app (see scripts/build-app.ts): the hashed files under `/app/*` and `index.html`
 * for every client-side route of the app, so a reload or a bookmarked link opens the right screen.
 *
 * Mount it after the API: `app.route('/', serveApp())`. It only answers GET/HEAD on its own paths
 * (`/app/*` and the app routes below); everything else falls through to the host app.
 *
 * @module
 */
import { Hono, type Context } from 'hono';
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The client-side routes of the app; each is answered with index.html. */
export const APP_ROUTES = [
  '/',
  '/reports/new',
  '/reports/:id',
  '/reports/:id/edit',
  '/patients',
  '/patients/:herSysId',
  '/lists/:variant',
] as const;

export interface ServeAppOptions {
  /** Folder with the built app (default: reference-server/dist/app). */
  root?: string;
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
};

/**
 * The page's Content-Security-Policy: scripts and connections only from this origin, no inline script,
 * no framing. (Lit's styles are constructable stylesheets; `style-src 'unsafe-inline'` covers the
 * components' `style` attributes.)
 */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const DEFAULT_ROOT = fileURLToPath(new URL('../../dist/app/', import.meta.url));

export function serveApp(options: ServeAppOptions = {}): Hono {
  const root = path.resolve(options.root ?? DEFAULT_ROOT);
  const app = new Hono();

  app.get('/app/*', async (c) => {
    let rel: string;
    try {
      rel = decodeURIComponent(c.req.path.slice('/app/'.length));
    } catch {
      return c.notFound();
    }
    const file = path.resolve(root, rel);
    // No path traversal, no dot files, and index.html only through the routes below.
    if (
      !file.startsWith(root + path.sep) ||
      rel.split('/').some((p) => p.startsWith('.')) ||
      rel === 'index.html'
    ) {
      return c.notFound();
    }
    const type = CONTENT_TYPES[path.extname(file)];
    if (!type) return c.notFound();
    let body: Buffer;
    try {
      if (!(await stat(file)).isFile()) return c.notFound();
      body = await readFile(file);
    } catch {
      return c.notFound();
    }
    // Every built file but the HTML carries a content hash in its name: cache it forever.
    const hashed = /-[A-Z0-9]{8}\.(js|css)$/.test(file);
    return c.body(new Uint8Array(body), 200, {
      'Content-Type': type,
      'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    });
  });

  const index = async (c: Context) => {
    let html: string;
    try {
      html = await readFile(path.join(root, 'index.html'), 'utf8');
    } catch {
      return c.text(
        'The clinic app is not built yet. Run `npm run build:app` at the repository root, then reload.\n' +
          'クリニック用アプリがビルドされていません。リポジトリのルートで `npm run build:app` を実行してから再読み込みしてください。\n',
        503,
        { 'Cache-Control': 'no-store' },
      );
    }
    return c.html(html, 200, {
      'Cache-Control': 'no-cache',
      'Content-Security-Policy': APP_CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'same-origin',
    });
  };
  for (const route of APP_ROUTES) app.get(route, index);
  return app;
}
