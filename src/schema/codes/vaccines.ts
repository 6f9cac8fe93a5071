import type { CodeEntry } from './code-list.js';

/**
 * 最近の接種ワクチン. HER-SYS's own pick-list is not public; this follows the products used in Japan
 * in 2021–2022 (domain notes §1.5). `other` asks for the product in free text.
 */
export const VACCINES = [
  { code: 'pfizer', ja: 'ファイザー（コミナティ）', en: 'Pfizer (Comirnaty)', type: 'mRNA' },
  {
    code: 'moderna',
    ja: 'モデルナ（スパイクバックス）・武田/モデルナ',
    en: 'Moderna (Spikevax)',
    type: 'mRNA',
  },
  {
    code: 'pfizerBivalent',
    ja: 'ファイザー（2価：オミクロン株対応）',
    en: 'Pfizer bivalent (Omicron)',
    type: 'mRNA',
  },
  {
    code: 'modernaBivalent',
    ja: 'モデルナ（2価：オミクロン株対応）',
    en: 'Moderna bivalent (Omicron)',
    type: 'mRNA',
  },
  {
    code: 'astrazeneca',
    ja: 'アストラゼネカ（バキスゼブリア）',
    en: 'AstraZeneca (Vaxzevria)',
    type: 'viralVector',
  },
  {
    code: 'novavax',
    ja: '武田/ノババックス（ヌバキソビッド）',
    en: 'Takeda/Novavax (Nuvaxovid)',
    type: 'protein',
  },
  { code: 'other', ja: 'その他', en: 'Other', type: 'unknown' },
  { code: 'unknown', ja: '不明', en: 'Unknown', type: 'unknown' },
] as const satisfies readonly (CodeEntry & { type: string })[];

export type VaccineCode = (typeof VACCINES)[number]['code'];
