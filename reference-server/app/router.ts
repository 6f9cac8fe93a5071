import { LIST_VARIANTS, type ListVariant } from './lists.js';

/**
 * Client-side routes of the clinic app (History API). The server answers index.html for each of them
 * (reference-server/src/web/serve-app.ts), so every screen can be reloaded and bookmarked.
 */
export type Route =
  | { name: 'home' }
  | { name: 'newReport'; copyFrom?: string; herSysId?: string }
  | { name: 'preRegister' }
  | { name: 'patients'; query: URLSearchParams }
  | { name: 'patient'; herSysId: string }
  | { name: 'list'; variant: ListVariant }
  | { name: 'report'; id: string }
  | { name: 'reportEdit'; id: string }
  | { name: 'sessions' }
  | { name: 'notFound' };

export function parseRoute(url: URL): Route {
  const parts = url.pathname.split('/').filter(Boolean).map(safeDecode);
  const [a, b, c] = parts;
  if (parts.length === 0) return { name: 'home' };
  if (a === 'reports' && b === 'new' && parts.length === 2) {
    const copyFrom = url.searchParams.get('from') ?? undefined;
    const herSysId = url.searchParams.get('herSysId') ?? undefined;
    return { name: 'newReport', copyFrom, herSysId };
  }
  if (a === 'reports' && b && parts.length === 2) return { name: 'report', id: b };
  if (a === 'reports' && b && c === 'edit' && parts.length === 3) return { name: 'reportEdit', id: b };
  if (a === 'sessions' && parts.length === 1) return { name: 'sessions' };
  if (a === 'patients' && parts.length === 1) return { name: 'patients', query: url.searchParams };
  if (a === 'patients' && b === 'new' && parts.length === 2) return { name: 'preRegister' };
  if (a === 'patients' && b && parts.length === 2) return { name: 'patient', herSysId: b };
  if (a === 'lists' && parts.length === 2 && (LIST_VARIANTS as readonly string[]).includes(b!))
    return { name: 'list', variant: b as ListVariant };
  return { name: 'notFound' };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export const NAVIGATE_EVENT = 'clinic-navigate';

let pendingFlash: string | undefined;

/** Goes to an app path; `flash` is a message the next screen shows once (e.g. 「発生届を削除しました」). */
export function navigate(path: string, options: { replace?: boolean; flash?: string } = {}): void {
  pendingFlash = options.flash;
  if (options.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

/** The flash message set by the last {@link navigate}, once. */
export function takeFlash(): string | undefined {
  const f = pendingFlash;
  pendingFlash = undefined;
  return f;
}

/**
 * Mail links point at `/#/reports/<id>` (docs/api.md); turn such a hash link into the real path once,
 * before the first render.
 */
export function normalizeHashLink(): void {
  if (location.hash.startsWith('#/')) {
    history.replaceState(null, '', location.hash.slice(1));
  }
}

/** Whether a click on this anchor should be handled by the app's router. */
export function isAppLink(anchor: HTMLAnchorElement, event: MouseEvent): boolean {
  if (event.defaultPrevented || event.button !== 0) return false;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return false;
  if (anchor.target && anchor.target !== '_self') return false;
  if (anchor.hasAttribute('download')) return false;
  const url = new URL(anchor.href, location.href);
  if (url.origin !== location.origin) return false;
  if (/^\/(api|dev|app|my)(\/|$)/.test(url.pathname)) return false;
  return parseRoute(url).name !== 'notFound';
}
