/**
 * The web app's hook into the server (main.ts imports this module if present and passes `mountWeb` as
 * `createApp({ extend })`): the built clinic app under `/` and `/app/*`.
 */
import type { Hono } from 'hono';
import { serveApp } from './serve-app.js';

export { serveApp, APP_ROUTES, APP_CSP } from './serve-app.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any Hono env: the app only adds GET routes.
export function mountWeb(app: Hono<any>): void {
  app.route('/', serveApp());
}
