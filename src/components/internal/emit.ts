import type { HersysEventMap } from '../events.js';

/**
 * Dispatches one of the SDK's custom events from `el`, bubbling and composed (so it crosses shadow roots
 * into the host page). The `detail` type is checked against {@link HersysEventMap}.
 * @returns `false` when a listener called `preventDefault()` on a cancelable event.
 */
export function emit<K extends keyof HersysEventMap>(
  el: HTMLElement,
  name: K,
  detail: HersysEventMap[K],
  options: { cancelable?: boolean } = {},
): boolean {
  const event = new CustomEvent<HersysEventMap[K]>(name, {
    detail,
    bubbles: true,
    composed: true,
    cancelable: options.cancelable ?? false,
  });
  return el.dispatchEvent(event);
}
