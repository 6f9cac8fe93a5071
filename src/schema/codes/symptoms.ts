import type { CodeEntry } from './code-list.js';

/** 症状 (paper form item 11; record all that apply). SpO2 is a separate numeric field. */
export const SYMPTOMS = [
  { code: 'fever', ja: '発熱', en: 'Fever' },
  { code: 'cough', ja: '咳', en: 'Cough' },
  {
    code: 'otherRespiratory',
    ja: '咳以外の急性呼吸器症状',
    en: 'Acute respiratory symptoms other than cough',
  },
  { code: 'pneumonia', ja: '肺炎像', en: 'Pneumonia' },
  { code: 'severePneumonia', ja: '重篤な肺炎', en: 'Severe pneumonia' },
  { code: 'ards', ja: '急性呼吸窮迫症候群', en: 'Acute respiratory distress syndrome' },
  { code: 'multiOrganFailure', ja: '多臓器不全', en: 'Multiple organ failure' },
  { code: 'fatigue', ja: '全身倦怠感', en: 'General fatigue' },
  { code: 'headache', ja: '頭痛', en: 'Headache' },
  { code: 'nausea', ja: '嘔気・嘔吐', en: 'Nausea / vomiting' },
  { code: 'diarrhea', ja: '下痢', en: 'Diarrhoea' },
  { code: 'conjunctivitis', ja: '結膜炎', en: 'Conjunctivitis' },
  { code: 'smellTaste', ja: '嗅覚・味覚障害', en: 'Loss of smell or taste' },
  { code: 'other', ja: 'その他', en: 'Other' },
  { code: 'none', ja: '症状なし', en: 'No symptoms' },
] as const satisfies readonly CodeEntry[];

export type SymptomCode = (typeof SYMPTOMS)[number]['code'];
