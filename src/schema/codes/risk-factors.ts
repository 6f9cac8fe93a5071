import type { CodeEntry } from './code-list.js';

/**
 * 12 重症化リスク因子となる疾患等, the 13 numbered items of HER-SYS ver.2.
 *
 * Item 1: the manual's OCR text reads 「慢性肺病」, which would duplicate item 2 (慢性呼吸器疾患) and is
 * not a term the 診療の手引き uses; the 手引き's risk list starts with 悪性腫瘍 and the paper form's own
 * list (別記様式6-1, item 19) starts with 悪性腫瘍 too. We therefore take item 1 to be 悪性腫瘍
 * (see README, "Decisions").
 */
export const RISK_FACTORS = [
  { code: 'malignancy', number: 1, ja: '悪性腫瘍', en: 'Malignancy' },
  {
    code: 'chronicRespiratory',
    number: 2,
    ja: '慢性呼吸器疾患（COPD等）',
    en: 'Chronic respiratory disease (COPD etc.)',
  },
  { code: 'chronicKidney', number: 3, ja: '慢性腎臓病', en: 'Chronic kidney disease' },
  { code: 'cardiovascular', number: 4, ja: '心血管疾患', en: 'Cardiovascular disease' },
  { code: 'cerebrovascular', number: 5, ja: '脳血管疾患', en: 'Cerebrovascular disease' },
  { code: 'smoking', number: 6, ja: '喫煙歴', en: 'Smoking history' },
  { code: 'hypertension', number: 7, ja: '高血圧', en: 'Hypertension' },
  { code: 'diabetes', number: 8, ja: '糖尿病', en: 'Diabetes' },
  { code: 'dyslipidemia', number: 9, ja: '脂質異常症', en: 'Dyslipidaemia' },
  { code: 'obesity', number: 10, ja: '肥満（BMI30以上）', en: 'Obesity (BMI 30 or more)' },
  {
    code: 'immunosuppression',
    number: 11,
    ja: '臓器の移植、免疫抑制剤、抗がん剤等の使用、その他の事由による免疫機能の低下',
    en: 'Reduced immune function (organ transplant, immunosuppressants, anticancer drugs or other causes)',
  },
  { code: 'pregnancy', number: 12, ja: '妊婦', en: 'Pregnancy' },
  { code: 'other', number: 13, ja: 'その他', en: 'Other' },
] as const satisfies readonly (CodeEntry & { number: number })[];

export type RiskFactorCode = (typeof RISK_FACTORS)[number]['code'];
