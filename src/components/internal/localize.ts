import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  isLocaleLoaded,
  loadLocale,
  registerResourcePack,
  translator,
  type Locale,
  type TFunction,
  type ResourcePack,
} from '../../locales/runtime.js';

/** A host that chooses its locale (`locale` property, else its `lang`, else the nearest `[lang]`). */
export interface LocalizedHost extends ReactiveControllerHost, HTMLElement {
  locale?: Locale | '' | undefined;
}

/**
 * Gives a component a translation function for its current locale and re-renders it when the locale
 * changes: the host's `locale` property, its `lang` attribute, or the `lang` of the document (watched
 * with a MutationObserver, as hosts switch `<html lang>` at runtime).
 *
 * Resources not shipped with the page load by need: before an update in a locale whose resources are
 * not all there (English, or a feature's `pack` in English), the update waits for them (a dynamic
 * `import()`), so the host never renders a half-translated view and its `updateComplete` covers the
 * load. Japanese, the default, is always there: the first paint never waits. A failed load renders
 * anyway (Japanese as the fallback) and is tried again at the next update.
 */
export class LocalizeController implements ReactiveController {
  private observer?: MutationObserver;
  private cachedLocale?: Locale;
  private cachedT?: TFunction;

  /** @param packs the strings the host renders (its feature's, see ResourcePack in src/locales/runtime.ts). */
  constructor(
    private readonly host: LocalizedHost,
    ...packs: ResourcePack[]
  ) {
    for (const pack of packs) registerResourcePack(pack);
    host.addController(this);
    // ReactiveElement awaits what scheduleUpdate() returns before it updates (and before updateComplete
    // resolves): the one hook that lets an update wait for the locale's resources.
    const scheduler = host as unknown as { scheduleUpdate(): void | Promise<unknown> };
    const schedule = scheduler.scheduleUpdate.bind(host);
    scheduler.scheduleUpdate = () => {
      const locale = this.locale;
      if (isLocaleLoaded(locale)) return schedule();
      return loadLocale(locale).then(schedule, (error: unknown) => {
        console.warn(`hersys-sdk: the ${locale} resources could not be loaded`, error);
        return schedule();
      });
    };
  }

  hostConnected(): void {
    this.observer = new MutationObserver(() => this.host.requestUpdate());
    this.observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
    this.observer.observe(this.host, { attributes: true, attributeFilter: ['lang'] });
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
  }

  /** The effective locale. */
  get locale(): Locale {
    const explicit = this.host.locale;
    const lang =
      explicit || this.host.getAttribute('lang') || this.host.closest('[lang]')?.getAttribute('lang') || 'ja';
    return lang.toLowerCase().startsWith('en') ? 'en' : 'ja';
  }

  /** Translation function fixed to the effective locale (namespace `ui` by default). */
  get t(): TFunction {
    const locale = this.locale;
    if (locale !== this.cachedLocale || !this.cachedT) {
      this.cachedLocale = locale;
      this.cachedT = translator(locale);
    }
    return this.cachedT;
  }
}
