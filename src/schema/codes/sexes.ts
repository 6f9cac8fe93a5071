import type { CodeEntry } from './code-list.js';

/** 3 性別, as HER-SYS ver.2 offers it (the paper form has only 男・女). */
export const SEXES = [
  { code: 'male', formNumber: '1', ja: '男', en: 'Male' },
  { code: 'female', formNumber: '2', ja: '女', en: 'Female' },
  { code: 'other', formNumber: '9', ja: 'その他', en: 'Other' },
] as const satisfies readonly (CodeEntry & { formNumber: string })[];

export type SexCode = (typeof SEXES)[number]['code'];
