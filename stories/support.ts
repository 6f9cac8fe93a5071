import type { FacilityOption, FacilitySearch } from '../src/components/stores/types.js';

/** A host-side search over a few fictitious facilities, as an EMR would provide. */
export function fakeSearch(options: FacilityOption[]): FacilitySearch {
  return async (query) => options.filter((o) => !query || o.name.includes(query) || o.code.startsWith(query));
}

export const HEALTH_CENTERS = fakeSearch([
  { code: '13101', name: '千代田保健所', detail: '東京都千代田区' },
  { code: '13103', name: 'みなと保健所', detail: '東京都港区' },
  { code: '14104', name: '横浜市中区福祉保健センター', detail: '神奈川県横浜市中区' },
]);

export const INSTITUTIONS = fakeSearch([
  { code: '1310001', name: '東京中央クリニック', address: '東京都港区海岸1-1-1', phone: '03-1234-1234' },
  { code: '1410002', name: '横浜みなと内科', address: '神奈川県横浜市中区本町1-1', phone: '045-123-4567' },
]);
