/**
 * The locale runtime the components use: one shared {@link Translator} (./translator.ts: i18next's
 * lookup, interpolation and plurals without i18next's 15 KB gzip) whose resources are registered by
 * need. Each feature's strings come as a {@link ResourcePack} (./packs/) that its components register
 * when first created: the Japanese bundle at once (it ships with the component, so the first paint never
 * waits), the English one loaded on demand ({@link loadLocale}, dynamic `import()`) when a component
 * first renders in English; the localize controller awaits it before rendering, so nothing flashes.
 *
 * So a page that uses only the report tags never downloads the patient, sign-in or PDF strings, nor
 * English unless it is used. `hersys-sdk/locales` (src/locales/index.ts) keeps the synchronous API with
 * every resource for Node, the PDF and hosts.
 */
import { fieldLabelOf, issueMessageOf, type IssueLike, type LabelSource, type Locale } from './labels.js';
import { Translator, type TFunction } from './translator.js';

export type { IssueLike, Locale } from './labels.js';
export type { TFunction, TOptions } from './translator.js';

/** The locales the SDK ships. */
export const LOCALES: readonly Locale[] = ['ja', 'en'];

/** The SDK's namespaces: `issues` (a message per issue code), `fields` (a label per field path),
 * `ui` (component strings), `pdf` (printed labels). */
export const NAMESPACES = ['issues', 'fields', 'ui', 'pdf'] as const;
export type Namespace = (typeof NAMESPACES)[number];

/** Resources of some namespaces of one locale, merged deeply into what is there. */
export type ResourceBundles = Partial<Record<Namespace, object>>;

/** Loads resources of one locale (a dynamic `import()`), resolving to the bundles to register. */
export type ResourceLoader = () => Promise<ResourceBundles>;

/**
 * The strings of a feature (e.g. the patient components): per locale either the bundles themselves
 * (registered at once) or a loader (run when that locale is first used).
 */
export type ResourcePack = { readonly [L in Locale]?: ResourceBundles | ResourceLoader };

/** What the components have registered (Japanese report strings at once, the rest by need). */
const shared = new Translator('ja', 'ui');

/** The shared resources as labels and messages come from them. */
const labels: LabelSource = {
  field: (lng, key) => shared.getResource(lng, 'fields', key),
  issue: (lng, code, params) =>
    shared.exists(`issues:${code}`, lng) ? shared.t(lng, `issues:${code}`, params) : undefined,
};

/** Merges bundles into the shared translator (deep, never overwriting a string already there). */
export function registerResources(lng: Locale, bundles: ResourceBundles): void {
  for (const [ns, bundle] of Object.entries(bundles)) shared.addResourceBundle(lng, ns, bundle);
}

/** Loaders not yet run, per locale; a locale is loaded when none is left. */
const pending = new Map<Locale, Set<ResourceLoader>>();
/** Loads in progress, per locale. */
const loading = new Map<Locale, Promise<void>>();

/** Registers a loader of a locale's resources, run by {@link loadLocale} (at once if that is running). */
export function registerResourceLoader(lng: Locale, loader: ResourceLoader): void {
  let set = pending.get(lng);
  if (!set) pending.set(lng, (set = new Set()));
  set.add(loader);
}

const packs = new WeakSet<ResourcePack>();

/** Registers a feature's strings once: bundles at once, loaders for when their locale is used. */
export function registerResourcePack(pack: ResourcePack): void {
  if (packs.has(pack)) return;
  packs.add(pack);
  for (const lng of LOCALES) {
    const entry = pack[lng];
    if (typeof entry === 'function') registerResourceLoader(lng, entry);
    else if (entry) registerResources(lng, entry);
  }
}

/** Whether every registered resource of a locale is there (nothing to wait for before rendering it). */
export function isLocaleLoaded(lng: Locale): boolean {
  return (pending.get(lng)?.size ?? 0) === 0;
}

/**
 * Loads every registered resource of a locale not loaded yet. Resolves when they are registered; a
 * loader that fails stays pending (tried again next time) and the rejection is passed on.
 */
export function loadLocale(lng: Locale): Promise<void> {
  const inProgress = loading.get(lng);
  if (inProgress) return inProgress;
  const set = pending.get(lng);
  if (!set || set.size === 0) return Promise.resolve();
  const run = async (): Promise<void> => {
    // Loaders registered while this runs are picked up by the next round.
    while (set.size > 0) {
      const batch = [...set];
      const results = await Promise.allSettled(batch.map((load) => load()));
      let failure: unknown;
      results.forEach((r, i) => {
        if (r.status === 'fulfilled') {
          registerResources(lng, r.value);
          set.delete(batch[i]!);
        } else failure ??= r.reason;
      });
      if (failure !== undefined) throw failure;
    }
  };
  const promise = run().finally(() => loading.delete(lng));
  loading.set(lng, promise);
  return promise;
}

/** A translation function fixed to one locale, over the shared resources. */
export function translator(lng: Locale): TFunction {
  return shared.fixedT(lng);
}

/**
 * The label of a field path in a locale, from the shared translator: the `fields` namespace comes with
 * REPORT_STRINGS (./packs/report.ts), English once loaded (see {@link loadLocale}). `hersys-sdk/locales`
 * has the same function with every resource.
 */
export function fieldLabel(path: string, lng: Locale = 'ja'): string {
  return fieldLabelOf(labels, path, lng);
}

/** The message of an issue in a locale, from the shared translator (see {@link fieldLabel}). */
export function issueMessage(issue: IssueLike, lng: Locale = 'ja'): string {
  return issueMessageOf(labels, issue, lng);
}
