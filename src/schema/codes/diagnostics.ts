import type { CodeEntry } from './code-list.js';

/** 検体 (specimens) of paper form item 12. */
export const SPECIMENS = [
  { code: 'sputum', ja: '喀痰', en: 'Sputum' },
  { code: 'trachealAspirate', ja: '気管吸引液', en: 'Tracheal aspirate' },
  { code: 'bronchoalveolarLavage', ja: '肺胞洗浄液', en: 'Bronchoalveolar lavage fluid' },
  { code: 'throatSwab', ja: '咽頭拭い液', en: 'Throat swab' },
  { code: 'nasalAspirate', ja: '鼻腔吸引液', en: 'Nasal aspirate' },
  { code: 'nasalSwab', ja: '鼻腔拭い液', en: 'Nasal swab' },
  { code: 'nasopharyngealSwab', ja: '鼻咽頭拭い液', en: 'Nasopharyngeal swab' },
  { code: 'stool', ja: '便', en: 'Stool' },
  { code: 'saliva', ja: '唾液', en: 'Saliva' },
  { code: 'autopsy', ja: '剖検材料', en: 'Autopsy material' },
  { code: 'other', ja: 'その他', en: 'Other' },
] as const satisfies readonly CodeEntry[];

export type SpecimenCode = (typeof SPECIMENS)[number]['code'];

const ALL_SPECIMENS = SPECIMENS.map((s) => s.code);

/** 診断方法 (paper form item 12), each with the specimens the form allows for it. */
export const DIAGNOSTIC_METHODS = [
  {
    code: 'isolation',
    ja: '分離・同定による病原体の検出',
    en: 'Detection of the pathogen by isolation and identification',
    specimens: ALL_SPECIMENS,
  },
  {
    code: 'nucleicAcid',
    ja: '検体から核酸増幅法（PCR法・LAMP法など）による病原体遺伝子の検出',
    en: 'Detection of the pathogen gene by nucleic acid amplification (PCR, LAMP, etc.)',
    specimens: ALL_SPECIMENS,
  },
  {
    code: 'antigenQualitative',
    ja: '抗原定性検査による病原体の抗原の検出',
    en: 'Detection of the pathogen antigen by a qualitative antigen test',
    specimens: ['nasalSwab', 'nasopharyngealSwab'],
  },
  {
    code: 'antigenQuantitative',
    ja: '抗原定量検査による病原体の抗原の検出',
    en: 'Detection of the pathogen antigen by a quantitative antigen test',
    specimens: ['nasalSwab', 'nasopharyngealSwab', 'saliva'],
  },
] as const satisfies readonly (CodeEntry & { specimens: readonly SpecimenCode[] })[];

export type DiagnosticMethodCode = (typeof DIAGNOSTIC_METHODS)[number]['code'];
