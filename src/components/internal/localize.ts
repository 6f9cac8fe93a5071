import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { TFunction } from 'i18next';
import { translator, type Locale } from '../../locales/index.js';

/** A host that chooses its locale (`locale` property, else its `lang`, else the nearest `[lang]`). */
export interface LocalizedHost extends ReactiveControllerHost, HTMLElement {
  locale?: Locale | '' | undefined;
}

/**
 * Gives a component a translation function for its current locale and re-renders it when the locale
 * changes: the host's `locale` property, its `lang` attribute, or the `lang` of the document (watched
 * with a MutationObserver, as hosts switch `<html lang>` at runtime).
 */
export class LocalizeController implements ReactiveController {
  private observer?: MutationObserver;
  private cachedLocale?: Locale;
  private cachedT?: TFunction;

  constructor(private readonly host: LocalizedHost) {
    host.addController(this);
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
