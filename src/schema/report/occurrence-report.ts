import * as z from 'zod';
import {
  CATEGORIES,
  CERTAINTIES,
  DIAGNOSTIC_METHODS,
  INFECTION_AREAS,
  INFECTION_ROUTES,
  RISK_FACTORS,
  SEVERITIES,
  SEXES,
  SPECIMENS,
  SYMPTOMS,
  TEST_RESULTS,
  VACCINES,
  YES_NO,
  YES_NO_UNKNOWN,
  codesOf,
} from '../codes/index.js';
import { addressSchema, facilityRefSchema, isoDate, line, phone, text } from './primitives.js';

/**
 * The shape of the 発生届 (HER-SYS ver.2 and the paper form 別記様式6-1 in one model).
 *
 * Every field is optional in the shape: a report is edited as a draft, and whether a field is required,
 * recommended or not applicable is decided by the rules (`validateReport`), which report it with a
 * path and a code. The shape only rejects wrong types, unknown fields and over-long text.
 *
 * Field comments give the manual's numbering (ver.2 screen) and the paper form's (別記様式6-1).
 */

const yesNo = z.enum(codesOf(YES_NO));
const yesNoUnknown = z.enum(codesOf(YES_NO_UNKNOWN));

/** 届出に必要な項目: who reports. */
export const reporterSchema = z.strictObject({
  /** 医師の氏名 (姓). */
  doctorFamilyName: line.optional(),
  /** 医師の氏名 (名). */
  doctorGivenName: line.optional(),
  /** 従事する病院・診療所の名称. */
  institutionName: line.optional(),
  /** The institution's code in the host system (医療機関コード or the server's id), when picked from a list. */
  institutionCode: z.string().max(32).optional(),
  /** 上記病院・診療所の所在地(※). */
  institutionAddress: line.optional(),
  /** 電話番号(※). */
  institutionPhone: phone.optional(),
  /**
   * The footnote case (※): the doctor does not work at a hospital or clinic, so the address and phone
   * above are the doctor's own.
   */
  notAtInstitution: z.boolean().optional(),
  /** 診療時間外の電話番号: a number the health center can reach outside clinic hours. */
  outOfHoursPhone: phone.optional(),
});

/** 8–9 保護者 (only for minors). */
export const guardianSchema = z.strictObject({
  /** 8 保護者氏名. */
  name: line.optional(),
  /** 9 保護者電話番号. */
  phone: phone.optional(),
  /** 保護者住所 (paper form item 10). */
  address: line.optional(),
});

/** 1–9: the diagnosed person. */
export const patientSchema = z.strictObject({
  /** 1 診断（検案）した者（死体）の類型. */
  category: z.enum(codesOf(CATEGORIES)).optional(),
  /** 2 当該者氏名 (姓). */
  familyName: line.optional(),
  /** 2 当該者氏名 (名). */
  givenName: line.optional(),
  /** 2 フリガナ (姓), full-width katakana. */
  familyNameKana: line.optional(),
  /** 2 フリガナ (名), full-width katakana. */
  givenNameKana: line.optional(),
  /** 3 性別. */
  sex: z.enum(codesOf(SEXES)).optional(),
  /** 4 生年月日. */
  dateOfBirth: isoDate.optional(),
  /** 当該者職業 (paper form item 6): the actual job (調理師, 保育士…), not 会社員. */
  occupation: line.optional(),
  /** 6 当該者所在地: where the person actually is now (home, hotel, hospital…). */
  location: addressSchema.optional(),
  /** 6 当該者電話番号: a mobile phone that can be reached is recommended (My HER-SYS SMS goes here). */
  phone: phone.optional(),
  /**
   * The same number typed a second time. A mistyped number sends the patient's SMS to a stranger
   * (Tottori, 2022-07-08), so a mobile number must be confirmed before the report is filed.
   */
  phoneConfirmation: phone.optional(),
  /** 7 当該者住所 (住民票のある住所等). */
  address: addressSchema.optional(),
  /** 7 当該者所在地と同じ: the address is the location above. */
  addressSameAsLocation: z.boolean().optional(),
  /** 7 電話番号 of the address. */
  addressPhone: phone.optional(),
  /** 7 当該者電話番号と同じ. */
  addressPhoneSameAsLocation: z.boolean().optional(),
  /** 8–9 保護者. */
  guardian: guardianSchema.optional(),
});

/** One diagnostic method with its specimen, collection date and result (paper form item 12). */
export const diagnosticMethodEntrySchema = z.strictObject({
  method: z.enum(codesOf(DIAGNOSTIC_METHODS)),
  specimen: z.enum(codesOf(SPECIMENS)).optional(),
  /** Free text when the specimen is その他. */
  specimenOther: line.optional(),
  /** 検体採取日. */
  collectionDate: isoDate.optional(),
  result: z.enum(codesOf(TEST_RESULTS)).optional(),
});

/** 10 診断情報 (paper form items 11–17). */
export const diagnosisSchema = z.strictObject({
  /** 診断（検案）年月日. */
  diagnosisDate: isoDate.optional(),
  /** 検体採取日 (the one the diagnosis is based on; the diagnosis date when no specimen was taken). */
  specimenCollectionDate: isoDate.optional(),
  /** 発病年月日 (患者（確定例） only). */
  onsetDate: isoDate.optional(),
  /** 死亡年月日 (death cases only). */
  deathDate: isoDate.optional(),
  /** 初診年月日: the first visit for this illness. */
  firstVisitDate: isoDate.optional(),
  /** 感染したと推定される年月日. */
  estimatedInfectionDate: isoDate.optional(),
  /** 症状: all that apply. */
  symptoms: z.array(z.enum(codesOf(SYMPTOMS))).max(32).optional(),
  /** その他の症状 (free text). */
  symptomOther: line.optional(),
  /** 酸素飽和度（室内気） in %. */
  spo2: z.number().optional(),
  /** 診断方法: all that apply. */
  methods: z.array(diagnosticMethodEntrySchema).max(16).optional(),
});

/** 感染原因・感染経路・感染地域 (paper form item 18 ① ②). */
export const infectionSchema = z.strictObject({
  /** 感染原因・感染経路: 確定 or 推定. */
  routeCertainty: z.enum(codesOf(CERTAINTIES)).optional(),
  /** 飛沫・飛沫核感染 / 接触感染 / その他. */
  route: z.enum(codesOf(INFECTION_ROUTES)).optional(),
  /** 感染源の種類・状況, 接触した人・物の種類・状況, or the その他 text. */
  routeDetail: line.optional(),
  /** 感染地域: 確定 or 推定. */
  regionCertainty: z.enum(codesOf(CERTAINTIES)).optional(),
  /** 日本国内 / 国外. */
  area: z.enum(codesOf(INFECTION_AREAS)).optional(),
  /** 国内: 都道府県 (JIS X 0401). */
  prefectureCode: z.string().regex(/^\d{2}$/).optional(),
  /** 国内: 市区町村. */
  city: line.optional(),
  /** 国外: every country, when several. */
  countries: line.optional(),
  /** 国外: 詳細地域. */
  regionDetail: line.optional(),
  /** 渡航期間: 出国日. */
  departureDate: isoDate.optional(),
  /** 渡航期間: 入国日. */
  entryDate: isoDate.optional(),
  /** 国外居住者: only the entry date is needed. */
  residentAbroad: z.boolean().optional(),
});

/** One dose of the paper form's per-dose vaccination history. */
export const vaccineDoseSchema = z.strictObject({
  /** Which dose (1st, 2nd…). */
  dose: z.number().int().min(1).max(10),
  /** 有・無・不明. */
  given: yesNoUnknown.optional(),
  vaccine: z.enum(codesOf(VACCINES)).optional(),
  /** 製造会社 / product in free text when the vaccine is その他. */
  vaccineOther: line.optional(),
  /** 接種年月日. */
  date: isoDate.optional(),
  /** 接種年月日 不明. */
  dateUnknown: z.boolean().optional(),
});

/** 11 新型コロナウイルスワクチン接種歴. */
export const vaccinationSchema = z.strictObject({
  /** 接種回数 (0 for never vaccinated), or 'unknown' (不明). */
  doseCount: z.union([z.number().int().min(0).max(10), z.literal('unknown')]).optional(),
  /** 最近の接種年月日. */
  latestDate: isoDate.optional(),
  /** 最近の接種ワクチン. */
  latestVaccine: z.enum(codesOf(VACCINES)).optional(),
  /** The product in free text when the latest vaccine is その他. */
  latestVaccineOther: line.optional(),
  /** Per-dose detail as the paper form has it (optional; the summary above is what ver.2 asks). */
  doses: z.array(vaccineDoseSchema).max(10).optional(),
});

/** 12 重症化リスク因子となる疾患等. */
export const riskFactorsSchema = z.strictObject({
  /** 有・無・不明. */
  presence: yesNoUnknown.optional(),
  /** The numbered items that apply (when 有). Items 11 and 12 are 免疫機能の低下 and 妊婦. */
  items: z.array(z.enum(codesOf(RISK_FACTORS))).max(RISK_FACTORS.length).optional(),
  /** 13 その他 (free text). */
  other: line.optional(),
});

/** 13 発生届出時点の重症度 and the other item-19 questions of the paper form. */
export const clinicalSchema = z.strictObject({
  /** 重症度. */
  severity: z.enum(codesOf(SEVERITIES)).optional(),
  /** 届出時点の入院の必要性の有無. */
  hospitalizationNeeded: yesNo.optional(),
  /** 届出時点の入院の有無. */
  hospitalized: yesNo.optional(),
  /** 入院年月日 (入院例のみ). */
  admissionDate: isoDate.optional(),
  /** 入院医療機関 (carried over by 連続登録(引継ぎ)). */
  inpatientInstitution: line.optional(),
  /** 治療薬の投与の必要性の有無. */
  antiviralNeeded: yesNo.optional(),
  /** 酸素投与の必要性の有無. */
  oxygenNeeded: yesNo.optional(),
  /** 電話や情報通信機器を用いた診療の有無. */
  telemedicine: yesNo.optional(),
  /** 補足情報. */
  supplementary: text.optional(),
});

/** 届出先保健所 and 担当保健所. */
export const healthCentersSchema = z.strictObject({
  /** 届出先保健所: where the report is filed (nearest to the diagnosing doctor). */
  notified: facilityRefSchema.optional(),
  /** 担当保健所: the one that manages the case (usually by the patient's location). */
  responsible: facilityRefSchema.optional(),
});

/**
 * A warning the user saw and chose to continue past (e.g. in 日付の整合性確認). Kept in the report so
 * the server, the audit log and the PDF can show what was knowingly overridden.
 */
export const confirmedWarningSchema = z.strictObject({
  /** The issue code that was confirmed. */
  code: z.string().min(1).max(64),
  /** The issue path it was raised on. */
  path: z.string().max(128),
  /** When it was confirmed (ISO 8601 date-time). */
  confirmedAt: z.string().max(40),
  /** Why the user continued (optional). */
  reason: line.optional(),
});

/** The whole 発生届. */
export const occurrenceReportSchema = z.strictObject({
  /** Version of this data model. */
  schemaVersion: z.literal(2).optional(),
  /** 報告年月日. */
  reportDate: isoDate.optional(),
  reporter: reporterSchema.optional(),
  patient: patientSchema.optional(),
  diagnosis: diagnosisSchema.optional(),
  infection: infectionSchema.optional(),
  vaccination: vaccinationSchema.optional(),
  riskFactors: riskFactorsSchema.optional(),
  clinical: clinicalSchema.optional(),
  healthCenters: healthCentersSchema.optional(),
  confirmedWarnings: z.array(confirmedWarningSchema).max(64).optional(),
});

export type OccurrenceReport = z.infer<typeof occurrenceReportSchema>;
export type Reporter = z.infer<typeof reporterSchema>;
export type Patient = z.infer<typeof patientSchema>;
export type Guardian = z.infer<typeof guardianSchema>;
export type Diagnosis = z.infer<typeof diagnosisSchema>;
export type DiagnosticMethodEntry = z.infer<typeof diagnosticMethodEntrySchema>;
export type Infection = z.infer<typeof infectionSchema>;
export type Vaccination = z.infer<typeof vaccinationSchema>;
export type VaccineDose = z.infer<typeof vaccineDoseSchema>;
export type RiskFactors = z.infer<typeof riskFactorsSchema>;
export type Clinical = z.infer<typeof clinicalSchema>;
export type HealthCenters = z.infer<typeof healthCentersSchema>;
export type ConfirmedWarning = z.infer<typeof confirmedWarningSchema>;

/** A new, empty report (the form's starting value). */
export function emptyReport(): OccurrenceReport {
  return { schemaVersion: 2 };
}
