import * as z from 'zod/mini';
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
  doctorFamilyName: z.optional(line),
  /** 医師の氏名 (名). */
  doctorGivenName: z.optional(line),
  /** 従事する病院・診療所の名称. */
  institutionName: z.optional(line),
  /** The institution's code in the host system (医療機関コード or the server's id), when picked from a list. */
  institutionCode: z.optional(z.string().check(z.maxLength(32))),
  /** 上記病院・診療所の所在地(※). */
  institutionAddress: z.optional(line),
  /** 電話番号(※). */
  institutionPhone: z.optional(phone),
  /**
   * The footnote case (※): the doctor does not work at a hospital or clinic, so the address and phone
   * above are the doctor's own.
   */
  notAtInstitution: z.optional(z.boolean()),
  /** 診療時間外の電話番号: a number the health center can reach outside clinic hours. */
  outOfHoursPhone: z.optional(phone),
});

/** 8–9 保護者 (only for minors). */
export const guardianSchema = z.strictObject({
  /** 8 保護者氏名. */
  name: z.optional(line),
  /** 9 保護者電話番号. */
  phone: z.optional(phone),
  /** 保護者住所 (paper form item 10). */
  address: z.optional(line),
});

/** 1–9: the diagnosed person. */
export const patientSchema = z.strictObject({
  /** 1 診断（検案）した者（死体）の類型. */
  category: z.optional(z.enum(codesOf(CATEGORIES))),
  /** 2 当該者氏名 (姓). */
  familyName: z.optional(line),
  /** 2 当該者氏名 (名). */
  givenName: z.optional(line),
  /** 2 フリガナ (姓), full-width katakana. */
  familyNameKana: z.optional(line),
  /** 2 フリガナ (名), full-width katakana. */
  givenNameKana: z.optional(line),
  /** 3 性別. */
  sex: z.optional(z.enum(codesOf(SEXES))),
  /** 4 生年月日. */
  dateOfBirth: z.optional(isoDate),
  /** 当該者職業 (paper form item 6): the actual job (調理師, 保育士…), not 会社員. */
  occupation: z.optional(line),
  /** 6 当該者所在地: where the person actually is now (home, hotel, hospital…). */
  location: z.optional(addressSchema),
  /** 6 当該者電話番号: a mobile phone that can be reached is recommended (My HER-SYS SMS goes here). */
  phone: z.optional(phone),
  /**
   * The same number typed a second time. A mistyped number sends the patient's SMS to a stranger
   * (Tottori, 2022-07-08), so a mobile number must be confirmed before the report is filed.
   */
  phoneConfirmation: z.optional(phone),
  /** 7 当該者住所 (住民票のある住所等). */
  address: z.optional(addressSchema),
  /** 7 当該者所在地と同じ: the address is the location above. */
  addressSameAsLocation: z.optional(z.boolean()),
  /** 7 電話番号 of the address. */
  addressPhone: z.optional(phone),
  /** 7 当該者電話番号と同じ. */
  addressPhoneSameAsLocation: z.optional(z.boolean()),
  /** 8–9 保護者. */
  guardian: z.optional(guardianSchema),
});

/** One diagnostic method with its specimen, collection date and result (paper form item 12). */
export const diagnosticMethodEntrySchema = z.strictObject({
  method: z.enum(codesOf(DIAGNOSTIC_METHODS)),
  specimen: z.optional(z.enum(codesOf(SPECIMENS))),
  /** Free text when the specimen is その他. */
  specimenOther: z.optional(line),
  /** 検体採取日. */
  collectionDate: z.optional(isoDate),
  result: z.optional(z.enum(codesOf(TEST_RESULTS))),
});

/** 10 診断情報 (paper form items 11–17). */
export const diagnosisSchema = z.strictObject({
  /** 診断（検案）年月日. */
  diagnosisDate: z.optional(isoDate),
  /** 検体採取日 (the one the diagnosis is based on; the diagnosis date when no specimen was taken). */
  specimenCollectionDate: z.optional(isoDate),
  /** 発病年月日 (患者（確定例） only). */
  onsetDate: z.optional(isoDate),
  /** 死亡年月日 (death cases only). */
  deathDate: z.optional(isoDate),
  /** 初診年月日: the first visit for this illness. */
  firstVisitDate: z.optional(isoDate),
  /** 感染したと推定される年月日. */
  estimatedInfectionDate: z.optional(isoDate),
  /** 症状: all that apply. */
  symptoms: z.optional(z.array(z.enum(codesOf(SYMPTOMS))).check(z.maxLength(32))),
  /** その他の症状 (free text). */
  symptomOther: z.optional(line),
  /** 酸素飽和度（室内気） in %. */
  spo2: z.optional(z.number()),
  /** 診断方法: all that apply. */
  methods: z.optional(z.array(diagnosticMethodEntrySchema).check(z.maxLength(16))),
});

/** 感染原因・感染経路・感染地域 (paper form item 18 ① ②). */
export const infectionSchema = z.strictObject({
  /** 感染原因・感染経路: 確定 or 推定. */
  routeCertainty: z.optional(z.enum(codesOf(CERTAINTIES))),
  /** 飛沫・飛沫核感染 / 接触感染 / その他. */
  route: z.optional(z.enum(codesOf(INFECTION_ROUTES))),
  /** 感染源の種類・状況, 接触した人・物の種類・状況, or the その他 text. */
  routeDetail: z.optional(line),
  /** 感染地域: 確定 or 推定. */
  regionCertainty: z.optional(z.enum(codesOf(CERTAINTIES))),
  /** 日本国内 / 国外. */
  area: z.optional(z.enum(codesOf(INFECTION_AREAS))),
  /** 国内: 都道府県 (JIS X 0401). */
  prefectureCode: z.optional(z.string().check(z.regex(/^\d{2}$/))),
  /** 国内: 市区町村. */
  city: z.optional(line),
  /** 国外: every country, when several. */
  countries: z.optional(line),
  /** 国外: 詳細地域. */
  regionDetail: z.optional(line),
  /** 渡航期間: 出国日. */
  departureDate: z.optional(isoDate),
  /** 渡航期間: 入国日. */
  entryDate: z.optional(isoDate),
  /** 国外居住者: only the entry date is needed. */
  residentAbroad: z.optional(z.boolean()),
});

/** One dose of the paper form's per-dose vaccination history. */
export const vaccineDoseSchema = z.strictObject({
  /** Which dose (1st, 2nd…). */
  dose: z.number().check(z.int(), z.minimum(1), z.maximum(10)),
  /** 有・無・不明. */
  given: z.optional(yesNoUnknown),
  vaccine: z.optional(z.enum(codesOf(VACCINES))),
  /** 製造会社 / product in free text when the vaccine is その他. */
  vaccineOther: z.optional(line),
  /** 接種年月日. */
  date: z.optional(isoDate),
  /** 接種年月日 不明. */
  dateUnknown: z.optional(z.boolean()),
});

/** 11 新型コロナウイルスワクチン接種歴. */
export const vaccinationSchema = z.strictObject({
  /** 接種回数 (0 for never vaccinated), or 'unknown' (不明). */
  doseCount: z.optional(
    z.union([z.number().check(z.int(), z.minimum(0), z.maximum(10)), z.literal('unknown')]),
  ),
  /** 最近の接種年月日. */
  latestDate: z.optional(isoDate),
  /** 最近の接種ワクチン. */
  latestVaccine: z.optional(z.enum(codesOf(VACCINES))),
  /** The product in free text when the latest vaccine is その他. */
  latestVaccineOther: z.optional(line),
  /** Per-dose detail as the paper form has it (optional; the summary above is what ver.2 asks). */
  doses: z.optional(z.array(vaccineDoseSchema).check(z.maxLength(10))),
});

/** 12 重症化リスク因子となる疾患等. */
export const riskFactorsSchema = z.strictObject({
  /** 有・無・不明. */
  presence: z.optional(yesNoUnknown),
  /** The numbered items that apply (when 有). Items 11 and 12 are 免疫機能の低下 and 妊婦. */
  items: z.optional(z.array(z.enum(codesOf(RISK_FACTORS))).check(z.maxLength(RISK_FACTORS.length))),
  /** 13 その他 (free text). */
  other: z.optional(line),
});

/** 13 発生届出時点の重症度 and the other item-19 questions of the paper form. */
export const clinicalSchema = z.strictObject({
  /** 重症度. */
  severity: z.optional(z.enum(codesOf(SEVERITIES))),
  /** 届出時点の入院の必要性の有無. */
  hospitalizationNeeded: z.optional(yesNo),
  /** 届出時点の入院の有無. */
  hospitalized: z.optional(yesNo),
  /** 入院年月日 (入院例のみ). */
  admissionDate: z.optional(isoDate),
  /** 入院医療機関 (carried over by 連続登録(引継ぎ)). */
  inpatientInstitution: z.optional(line),
  /** 治療薬の投与の必要性の有無. */
  antiviralNeeded: z.optional(yesNo),
  /** 酸素投与の必要性の有無. */
  oxygenNeeded: z.optional(yesNo),
  /** 電話や情報通信機器を用いた診療の有無. */
  telemedicine: z.optional(yesNo),
  /** 補足情報. */
  supplementary: z.optional(text),
});

/** 届出先保健所 and 担当保健所. */
export const healthCentersSchema = z.strictObject({
  /** 届出先保健所: where the report is filed (nearest to the diagnosing doctor). */
  notified: z.optional(facilityRefSchema),
  /** 担当保健所: the one that manages the case (usually by the patient's location). */
  responsible: z.optional(facilityRefSchema),
});

/**
 * A warning the user saw and chose to continue past (e.g. in 日付の整合性確認). Kept in the report so
 * the server, the audit log and the PDF can show what was knowingly overridden.
 */
export const confirmedWarningSchema = z.strictObject({
  /** The issue code that was confirmed. */
  code: z.string().check(z.minLength(1), z.maxLength(64)),
  /** The issue path it was raised on. */
  path: z.string().check(z.maxLength(128)),
  /** When it was confirmed (ISO 8601 date-time). */
  confirmedAt: z.string().check(z.maxLength(40)),
  /** Why the user continued (optional). */
  reason: z.optional(line),
});

/** The whole 発生届. */
export const occurrenceReportSchema = z.strictObject({
  /** Version of this data model. */
  schemaVersion: z.optional(z.literal(2)),
  /** 報告年月日. */
  reportDate: z.optional(isoDate),
  reporter: z.optional(reporterSchema),
  patient: z.optional(patientSchema),
  diagnosis: z.optional(diagnosisSchema),
  infection: z.optional(infectionSchema),
  vaccination: z.optional(vaccinationSchema),
  riskFactors: z.optional(riskFactorsSchema),
  clinical: z.optional(clinicalSchema),
  healthCenters: z.optional(healthCentersSchema),
  confirmedWarnings: z.optional(z.array(confirmedWarningSchema).check(z.maxLength(64))),
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
