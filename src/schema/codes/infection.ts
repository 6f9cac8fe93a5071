import type { CodeEntry } from './code-list.js';

/** 感染原因・感染経路 (paper form item 18 ①). */
export const INFECTION_ROUTES = [
  { code: 'droplet', ja: '飛沫・飛沫核感染', en: 'Droplet / airborne' },
  { code: 'contact', ja: '接触感染', en: 'Contact' },
  { code: 'other', ja: 'その他', en: 'Other' },
] as const satisfies readonly CodeEntry[];
export type InfectionRouteCode = (typeof INFECTION_ROUTES)[number]['code'];

/** 感染地域 (paper form item 18 ②). */
export const INFECTION_AREAS = [
  { code: 'domestic', ja: '日本国内', en: 'In Japan' },
  { code: 'abroad', ja: '国外', en: 'Abroad' },
] as const satisfies readonly CodeEntry[];
export type InfectionAreaCode = (typeof INFECTION_AREAS)[number]['code'];
