import type { CodeEntry } from './code-list.js';

/** 有・無, the paper form's yes/no boxes. */
export const YES_NO = [
  { code: 'yes', ja: '有', en: 'Yes' },
  { code: 'no', ja: '無', en: 'No' },
] as const satisfies readonly CodeEntry[];
export type YesNo = (typeof YES_NO)[number]['code'];

/** 有・無・不明. */
export const YES_NO_UNKNOWN = [
  { code: 'yes', ja: '有', en: 'Yes' },
  { code: 'no', ja: '無', en: 'No' },
  { code: 'unknown', ja: '不明', en: 'Unknown' },
] as const satisfies readonly CodeEntry[];
export type YesNoUnknown = (typeof YES_NO_UNKNOWN)[number]['code'];

/** 確定・推定, for infection route and region. */
export const CERTAINTIES = [
  { code: 'confirmed', ja: '確定', en: 'Confirmed' },
  { code: 'estimated', ja: '推定', en: 'Estimated' },
] as const satisfies readonly CodeEntry[];
export type Certainty = (typeof CERTAINTIES)[number]['code'];

/** 陽性・陰性. */
export const TEST_RESULTS = [
  { code: 'positive', ja: '陽性', en: 'Positive' },
  { code: 'negative', ja: '陰性', en: 'Negative' },
] as const satisfies readonly CodeEntry[];
export type TestResult = (typeof TEST_RESULTS)[number]['code'];
