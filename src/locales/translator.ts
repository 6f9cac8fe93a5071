/**
 * The components' translator: reads the SDK's i18next-format resources and translates them as i18next
 * does, for the subset of i18next the components use, in ~1.5 KB minified instead of i18next's ~15 KB
 * gzip (a quarter of the 60 KB budget of `hersys-sdk/define/report`): the components need only lookup,
 * interpolation and plurals. The resources stay i18next JSON, so a host
 * can still load them into its own i18next, and `hersys-sdk/locales` (Node, the PDF, hosts) keeps the
 * real i18next. tests/locale-parity.test.ts checks every ja and en key against i18next.
 *
 * Supported, as i18next does it with the components' options (defaultNS `ui`, a fallback locale,
 * `escapeValue: false`):
 * - keys `ns:a.b.c` (namespace prefix, else the default one), nested with `.`; a flat key holding dots
 *   (`'phone.invalid'`) is found too, as i18next's `deepFind` finds it;
 * - `{{name}}` interpolation of the options, unescaped; a value left out stays `{{name}}`, one given as
 *   `undefined` or `null` becomes '';
 * - plurals by `count` (a number) through `Intl.PluralRules`: `key_zero` (count 0), `key_<category>`,
 *   then `key`;
 * - the fallback locale when the asked one has no string, then `defaultValue`, then the key (without its
 *   namespace).
 *
 * Not supported, because no resource or component uses it: `$t()` nesting, formatters (`{{x, fmt}}`),
 * `{{- x}}`, context, ordinals, `returnObjects`. So a value that contains `$t(…)` (typed by a user) is shown
 * as it is, where i18next would translate it. A key whose value is a group of strings is passed over
 * like a missing key (so `defaultValue`, else the key), which is what i18next v27 will do; v26 answers a
 * sentence about the object, which no component wants to show.
 */

/** Options of a translation: interpolation values, `count` for plurals, `defaultValue`. */
export interface TOptions {
  readonly defaultValue?: string;
  readonly count?: number;
  readonly [param: string]: unknown;
}

/** A translation function fixed to one locale (i18next's `getFixedT` without a key prefix). */
export type TFunction = (key: string, options?: TOptions) => string;

type Tree = { [key: string]: unknown };

const isTree = (value: unknown): value is Tree => typeof value === 'object' && value !== null;

const own = (tree: Tree, key: string): unknown => (Object.hasOwn(tree, key) ? tree[key] : undefined);

/** Copies `source` into `target` deeply; a string already in `target` is kept. Never aliases `source`. */
function merge(target: Tree, source: Tree): Tree {
  for (const [key, value] of Object.entries(source)) {
    if (key === '__proto__' || key === 'constructor') continue;
    const current = own(target, key);
    if (current === undefined) target[key] = isTree(value) ? merge({}, value) : value;
    else if (isTree(current) && isTree(value)) merge(current, value);
  }
  return target;
}

/**
 * The value at a dotted key, as i18next's `deepFind`: the whole key first (a flat key holding dots), then
 * nested objects, the shortest segment first; a string met before the last segment does not end the walk.
 */
function find(tree: Tree | undefined, key: string): unknown {
  if (!tree) return undefined;
  const whole = own(tree, key);
  if (whole !== undefined) return whole;
  const segments = key.split('.');
  let current: unknown = tree;
  for (let i = 0; i < segments.length;) {
    if (!isTree(current)) return undefined;
    let next: unknown;
    let path = '';
    let j = i;
    for (; j < segments.length; j++) {
      path += (j === i ? '' : '.') + segments[j];
      next = own(current, path);
      if (next !== undefined && (isTree(next) || j === segments.length - 1)) break;
    }
    if (next === undefined || j === segments.length) return undefined;
    current = next;
    i = j + 1;
  }
  return current;
}

const interpolate = (text: string, params: TOptions): string =>
  text.replace(/\{\{(.+?)\}\}/g, (match, name: string) => {
    const key = name.trim();
    if (!Object.hasOwn(params, key)) return match;
    const value = params[key];
    return value == null ? '' : String(value);
  });

/** Resources of several locales and namespaces, and translation from them. */
export class Translator {
  private readonly data: { [lng: string]: { [ns: string]: Tree } } = {};

  /**
   * @param fallbackLng the locale asked when the asked one has no string
   * @param defaultNS the namespace of keys without `ns:`
   */
  constructor(
    readonly fallbackLng: string,
    readonly defaultNS: string,
  ) {}

  /** Merges a bundle into a namespace (deep; a string already there is kept, as i18next's `addResourceBundle(…, true, false)`). */
  addResourceBundle(lng: string, ns: string, bundle: object): void {
    const namespaces = (this.data[lng] ??= {});
    merge((namespaces[ns] ??= {}), bundle as Tree);
  }

  /** The raw value at a key of one locale and namespace (no fallback), as i18next's `getResource`. */
  getResource(lng: string, ns: string, key: string): unknown {
    return find(this.data[lng]?.[ns], key);
  }

  /** Whether `ns:key` has a string (or `''`) in `lng`, without the fallback locale. */
  exists(key: string, lng: string): boolean {
    return this.resolve(key, {}, [lng]) !== undefined;
  }

  /** Translates `ns:key` in `lng` (see the module comment for the rules). */
  t(lng: string, key: string, options: TOptions = {}): string {
    const found = this.resolve(key, options, lng === this.fallbackLng ? [lng] : [lng, this.fallbackLng]);
    const text = found ?? options.defaultValue ?? this.split(key)[1];
    return interpolate(text, options);
  }

  /** {@link t} fixed to one locale. */
  fixedT(lng: string): TFunction {
    return (key, options) => this.t(lng, key, options);
  }

  private split(key: string): [ns: string, key: string] {
    const colon = key.indexOf(':');
    return colon > 0 ? [key.slice(0, colon), key.slice(colon + 1)] : [this.defaultNS, key];
  }

  private resolve(fullKey: string, options: TOptions, lngs: readonly string[]): string | undefined {
    const [ns, key] = this.split(fullKey);
    const { count } = options;
    for (const lng of lngs) {
      // Most specific first, as i18next: key_zero (count 0), key_<plural category>, key.
      const keys = [key];
      if (typeof count === 'number') {
        keys.unshift(`${key}_${new Intl.PluralRules(lng).select(count)}`);
        if (count === 0) keys.unshift(`${key}_zero`);
      }
      for (const candidate of keys) {
        const value = this.getResource(lng, ns, candidate);
        if (typeof value === 'string') return value;
      }
    }
    return undefined;
  }
}
