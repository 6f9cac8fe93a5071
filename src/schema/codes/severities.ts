import type { CodeEntry } from './code-list.js';

/** 13 発生届出時点の重症度 (新型コロナウイルス感染症診療の手引きによる). */
export const SEVERITIES = [
  { code: 'mild', ja: '軽症', en: 'Mild' },
  { code: 'moderate1', ja: '中等症Ⅰ（呼吸不全なし）', en: 'Moderate I (no respiratory failure)' },
  { code: 'moderate2', ja: '中等症Ⅱ（呼吸不全あり）', en: 'Moderate II (respiratory failure)' },
  { code: 'severe', ja: '重症', en: 'Severe' },
  { code: 'asymptomatic', ja: '無症状', en: 'Asymptomatic' },
] as const satisfies readonly CodeEntry[];

export type SeverityCode = (typeof SEVERITIES)[number]['code'];
