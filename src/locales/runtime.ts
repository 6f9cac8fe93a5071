/**
 * The locale runtime the components use: one shared i18next instance whose resources are registered by
 * need. Each feature's strings come as a {@link ResourcePack} (./packs/) that its components register
 * when first created: the Japanese bundle at once (it ships with the component, so the first paint never
 * waits), the English one loaded on demand ({@link loadLocale}, dynamic `import()`) when a component
 * first renders in English; the localize controller awaits it before rendering, so nothing flashes.
 *
 * So a page that uses only the report tags never downloads the patient, sign-in or PDF strings, nor
 * English unless it is used. `hersys-sdk/locales` (src/locales/index.ts) keeps the synchronous API with
 * every resource for Node, the PDF and hosts.
 */
import i18next, { type i18n, type TFunction } from 'i18next';

/** The locales the SDK ships. */
export type Locale = 'ja' | 'en';
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

let shared: i18n | undefined;

/** The shared instance of the components (Japanese report strings registered, the rest by need). */
export function runtimeI18n(): i18n {
  if (!shared) {
    shared = i18next.createInstance();
    void shared.init({
      lng: 'ja',
      fallbackLng: 'ja',
      supportedLngs: [...LOCALES],
      ns: [...NAMESPACES],
      defaultNS: 'ui',
      resources: {},
      initAsync: false,
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  }
  return shared;
}

/** Merges bundles into the shared instance (deep, never overwriting a string already there). */
export function registerResources(lng: Locale, bundles: ResourceBundles): void {
  const i18n = runtimeI18n();
  for (const [ns, bundle] of Object.entries(bundles)) i18n.addResourceBundle(lng, ns, bundle, true, false);
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

/** A translation function fixed to one locale (of the shared instance). */
export function translator(lng: Locale): TFunction {
  return runtimeI18n().getFixedT(lng);
}

/** An issue as the schema returns it (structural type, so the locales do not depend on the schema). */
export interface IssueLike {
  readonly path: string;
  readonly code: string;
  readonly params?: Readonly<Record<string, string | number | boolean>>;
}

function labelAt(i18n: i18n, lng: Locale, key: string): string | undefined {
  const res: unknown = i18n.getResource(lng, 'fields', key === '' ? '_label' : key);
  if (typeof res === 'string') return res;
  if (res !== null && typeof res === 'object') {
    const own = (res as Record<string, unknown>)['_label'];
    if (typeof own === 'string') return own;
  }
  return undefined;
}

/** {@link fieldLabel} on a given instance. */
export function fieldLabelOf(i18n: i18n, path: string, lng: Locale = 'ja'): string {
  const indexes = [...path.matchAll(/\.(\d+)(?=\.|$)/g)].map((m) => Number(m[1]) + 1);
  const key = path.replace(/\.\d+(?=\.|$)/g, '');
  const label = labelAt(i18n, lng, key) ?? labelAt(i18n, 'ja', key) ?? path;
  if (indexes.length === 0) return label;
  const ordinal = indexes.map((n) => (lng === 'ja' ? `（${n}件目）` : ` (#${n})`)).join('');
  return label + ordinal;
}

/** {@link issueMessage} on a given instance. */
export function issueMessageOf(i18n: i18n, issue: IssueLike, lng: Locale = 'ja'): string {
  const field = fieldLabelOf(i18n, issue.path, lng);
  const params: Record<string, unknown> = { ...(issue.params ?? {}), field };
  const other = issue.params?.['other'];
  if (typeof other === 'string') params['otherField'] = fieldLabelOf(i18n, other, lng);
  const key = `issues:${issue.code}`;
  if (!i18n.exists(key, { lng, fallbackLng: false })) return `${field}: ${issue.code}`;
  return String(i18n.t(key, { ...params, lng }));
}

/**
 * The label of a field path in a locale, from the shared instance: the `fields` namespace comes with
 * REPORT_STRINGS (./packs/report.ts), English once loaded (see {@link loadLocale}). `hersys-sdk/locales`
 * has the same function with every resource.
 */
export function fieldLabel(path: string, lng: Locale = 'ja'): string {
  return fieldLabelOf(runtimeI18n(), path, lng);
}

/** The message of an issue in a locale, from the shared instance (see {@link fieldLabel}). */
export function issueMessage(issue: IssueLike, lng: Locale = 'ja'): string {
  return issueMessageOf(runtimeI18n(), issue, lng);
}
