import * as z from 'zod/mini';
import { INFECTION_CLASSES, PATIENT_STATUSES, RECORD_SEVERITIES, RESIDENCE_TYPES } from './codes.js';
import { codesOf } from '../codes/code-list.js';
import { isoDate } from '../report/primitives.js';

/**
 * 登録情報一覧 and the menu's other lists: the query a list sends to its data source, the rows it gets
 * back, and the query's URL form (so a search can be bookmarked, and the server can read the same
 * parameters).
 */

/** The list screens of the menu. */
export const PATIENT_LIST_VARIANTS = [
  { code: 'registered', ja: '登録情報一覧', en: 'Registered people' },
  { code: 'legacy', ja: '旧登録情報一覧', en: 'Registered people (old)' },
  { code: 'tests', ja: '検査結果一覧', en: 'Test results' },
  { code: 'reports', ja: '発生届一覧', en: 'Occurrence reports' },
  { code: 'observation', ja: '健康観察一覧', en: 'Health observation' },
  { code: 'inpatients', ja: '入院状況一覧', en: 'Inpatient status' },
] as const;
export type PatientListVariant = (typeof PATIENT_LIST_VARIANTS)[number]['code'];

/** Page sizes offered (10 is the manual's default). */
export const PAGE_SIZES = [10, 20, 50, 100, 500, 1000] as const;

const optText = z.optional(z.string().check(z.maxLength(100)));
const optDate = z.optional(isoDate);

/** The filters and paging of a list. Empty filters are absent. */
export const patientListQuerySchema = z.strictObject({
  /** 担当保健所 (code). */
  healthCenter: optText,
  /** 保健所独自ID. */
  localId: optText,
  /** HER-SYS ID. */
  herSysId: optText,
  /** フリガナ (partial, normalized by the source with `kanaKey`). */
  kana: optText,
  /** 氏名 (partial). */
  name: optText,
  /** 生年月日. */
  dateOfBirth: optDate,
  /** 電話番号 (digits). */
  phone: optText,
  /** パスポート番号. */
  passportNumber: optText,
  /** 報告年月日 from / to. */
  reportDateFrom: optDate,
  reportDateTo: optDate,
  /** 診断年月日 from / to. */
  diagnosisDateFrom: optDate,
  diagnosisDateTo: optDate,
  /** 感染区分 (the tab; absent = 検索結果全件). */
  infectionClass: z.optional(z.enum(codesOf(INFECTION_CLASSES))),
  /** 現在のステータス. */
  status: z.optional(z.enum(codesOf(PATIENT_STATUSES))),
  /** 重症度. */
  severity: z.optional(z.enum(codesOf(RECORD_SEVERITIES))),
  /** 処置日 from / to. */
  treatmentDateFrom: optDate,
  treatmentDateTo: optDate,
  /** 居所. */
  residence: z.optional(z.enum(codesOf(RESIDENCE_TYPES))),
  /** Sort: 期間開始日 (降順) is the manual's default. */
  sort: z.optional(z.enum(['periodStartDesc', 'periodStartAsc', 'diagnosisDateDesc', 'herSysIdAsc'])),
  /** 1-based page. */
  page: z.optional(z.number().check(z.int(), z.minimum(1))),
  /** Rows per page (10 default). */
  pageSize: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(1000))),
  /** Which list screen asks. */
  variant: z.optional(
    z.enum(PATIENT_LIST_VARIANTS.map((v) => v.code) as [PatientListVariant, ...PatientListVariant[]]),
  ),
});
export type PatientListQuery = z.infer<typeof patientListQuerySchema>;

/** One row of a list (the columns of every variant; a source fills what it knows). */
export interface PatientListRow {
  herSysId: string;
  /** 保健所独自ID. */
  localId?: string;
  /** 氏名. */
  name: string;
  /** フリガナ. */
  kana?: string;
  dateOfBirth?: string;
  /** 診断年月日. */
  diagnosisDate?: string;
  /** 報告年月日. */
  reportDate?: string;
  infectionClass?: string;
  status?: string;
  severity?: string;
  /** 期間 (開始 and 終了; 終了 absent while ongoing). */
  periodStart?: string;
  periodEnd?: string;
  /** 居所 (code). */
  residence?: string;
  /** 場所名. */
  placeName?: string;
  /** 検査結果一覧: 検体採取日, 検査方法 and 結果 (codes). */
  testDate?: string;
  testMethod?: string;
  testResult?: string;
  /** 発生届一覧: the report's id and 届出医療機関. */
  reportId?: string;
  institution?: string;
  /** 入院状況一覧: 入院医療機関, 入院年月日, 退院年月日. */
  hospital?: string;
  admissionDate?: string;
  dischargeDate?: string;
  /** 健康観察一覧: the last entry's date, temperature and SpO2. */
  lastObservationDate?: string;
  lastTemperature?: number;
  lastSpo2?: number;
}

/** What a data source resolves to. */
export interface PatientListResult {
  rows: PatientListRow[];
  /** Total matches over all pages. */
  total: number;
}

/** A host-provided data source (the reference server's API by default). */
export type PatientListSource = (query: PatientListQuery) => Promise<PatientListResult>;

const NUMBER_KEYS = new Set(['page', 'pageSize']);
const QUERY_KEYS = Object.keys(patientListQuerySchema.shape) as (keyof PatientListQuery)[];

/**
 * The URL search parameters of a query as `[key, value]` pairs (empty and default values left out, stable
 * order): `new URLSearchParams(queryToSearchParams(q))`.
 *
 * @example new URLSearchParams(queryToSearchParams({ kana: 'ヤマダ', page: 2 })).toString() // 'kana=%E3%83%A4%E3%83%9E%E3%83%80&page=2'
 */
export function queryToSearchParams(query: PatientListQuery): [string, string][] {
  const params: [string, string][] = [];
  for (const key of QUERY_KEYS) {
    const v = query[key];
    if (v === undefined || v === '' || v === null) continue;
    if (key === 'page' && v === 1) continue;
    if (key === 'pageSize' && v === 10) continue;
    if (key === 'sort' && v === 'periodStartDesc') continue;
    params.push([key, String(v)]);
  }
  return params;
}

/**
 * The query of URL search parameters. Unknown parameters are ignored and invalid values dropped (a
 * hand-edited or stale bookmark never breaks the list), each reported in `dropped`.
 */
export function searchParamsToQuery(params: { get(name: string): string | null }): {
  query: PatientListQuery;
  dropped: string[];
} {
  const query: Record<string, unknown> = {};
  const dropped: string[] = [];
  for (const key of QUERY_KEYS) {
    const raw = params.get(key);
    if (raw === null || raw === '') continue;
    const value = NUMBER_KEYS.has(key) ? Number(raw) : raw;
    const field = patientListQuerySchema.shape[key];
    if (field.safeParse(value).success) query[key] = value;
    else dropped.push(key);
  }
  return { query: query as PatientListQuery, dropped };
}
