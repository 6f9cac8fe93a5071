import type { CodeEntry } from '../codes/code-list.js';

/**
 * Code lists of the patient record (HER-SYS 閲覧・編集 and 登録情報一覧). Codes are stable machine values
 * stored by the server; `ja` follows the manual's wording.
 */

/** 現在のステータス (the record header and the list's column and filter). */
export const PATIENT_STATUSES = [
  { code: 'unspecified', ja: '指定なし', en: 'Not specified' },
  { code: 'closeContact', ja: '濃厚接触者', en: 'Close contact' },
  { code: 'awaitingResult', ja: '検査結果待ち', en: 'Awaiting test result' },
  { code: 'homeCare', ja: '自宅療養中', en: 'Recovering at home' },
  { code: 'hotelCare', ja: '宿泊療養中', en: 'Recovering in a hotel' },
  { code: 'facilityCare', ja: '社会福祉施設等療養中', en: 'Recovering in a care facility' },
  { code: 'admissionPending', ja: '入院調整中', en: 'Awaiting admission' },
  { code: 'hospitalized', ja: '入院中', en: 'In hospital' },
  { code: 'hospitalizedSevere', ja: '入院中（重症）', en: 'In hospital (severe)' },
  { code: 'released', ja: '療養解除', en: 'Released from care' },
  { code: 'observationEnded', ja: '健康観察終了', en: 'Observation ended' },
  { code: 'deceased', ja: '死亡', en: 'Deceased' },
  { code: 'noRecord', ja: '記録なし', en: 'No record' },
] as const satisfies readonly CodeEntry[];
export type PatientStatusCode = (typeof PATIENT_STATUSES)[number]['code'];

/** 感染区分 (the list's tabs and column). */
export const INFECTION_CLASSES = [
  { code: 'infected', ja: '感染者', en: 'Infected' },
  { code: 'closeContact', ja: '濃厚接触者', en: 'Close contact' },
  { code: 'omicronCloseContact', ja: 'オミクロン株濃厚接触者', en: 'Omicron close contact' },
] as const satisfies readonly CodeEntry[];
export type InfectionClassCode = (typeof INFECTION_CLASSES)[number]['code'];

/** 居所: where the person stays during a period. */
export const RESIDENCE_TYPES = [
  { code: 'home', ja: '自宅', en: 'Home' },
  { code: 'hotel', ja: '宿泊療養', en: 'Hotel (accommodation care)' },
  { code: 'hospital', ja: '医療機関', en: 'Medical institution' },
  { code: 'welfareFacility', ja: '社会福祉施設', en: 'Social welfare facility' },
  { code: 'other', ja: 'その他', en: 'Other' },
  { code: 'unknown', ja: '不明', en: 'Unknown' },
] as const satisfies readonly CodeEntry[];
export type ResidenceTypeCode = (typeof RESIDENCE_TYPES)[number]['code'];

/** 検査 methods of the 検査 tab. */
export const LAB_TEST_METHODS = [
  { code: 'pcr', ja: 'PCR検査', en: 'PCR' },
  { code: 'lamp', ja: 'LAMP法等の核酸増幅検査', en: 'LAMP / other NAAT' },
  { code: 'antigenQualitative', ja: '抗原定性検査', en: 'Qualitative antigen test' },
  { code: 'antigenQuantitative', ja: '抗原定量検査', en: 'Quantitative antigen test' },
  { code: 'isolation', ja: '分離・同定', en: 'Isolation and identification' },
  { code: 'other', ja: 'その他', en: 'Other' },
] as const satisfies readonly CodeEntry[];
export type LabTestMethodCode = (typeof LAB_TEST_METHODS)[number]['code'];

/** Results of the 検査 tab (a record may still wait for its result). */
export const LAB_TEST_RESULTS = [
  { code: 'positive', ja: '陽性', en: 'Positive' },
  { code: 'negative', ja: '陰性', en: 'Negative' },
  { code: 'pending', ja: '結果待ち', en: 'Pending' },
  { code: 'indeterminate', ja: '判定不能', en: 'Indeterminate' },
] as const satisfies readonly CodeEntry[];
export type LabTestResultCode = (typeof LAB_TEST_RESULTS)[number]['code'];

/** 行動歴 entry kinds. */
export const ACTIVITY_KINDS = [
  { code: 'activity', ja: '行動', en: 'Activity' },
  { code: 'domesticTravel', ja: '国内移動', en: 'Domestic travel' },
  { code: 'overseasTravel', ja: '海外渡航', en: 'Overseas travel' },
  { code: 'gathering', ja: '会食・集まり', en: 'Meal or gathering' },
  { code: 'workOrSchool', ja: '勤務・通学', en: 'Work or school' },
] as const satisfies readonly CodeEntry[];
export type ActivityKindCode = (typeof ACTIVITY_KINDS)[number]['code'];

/** 重症度 over time (医療 tab, list filter): the 手引き's grades plus 未選択 as the list shows it. */
export const RECORD_SEVERITIES = [
  { code: 'unselected', ja: '未選択', en: 'Not selected' },
  { code: 'asymptomatic', ja: '無症状', en: 'Asymptomatic' },
  { code: 'mild', ja: '軽症', en: 'Mild' },
  { code: 'moderate1', ja: '中等症Ⅰ', en: 'Moderate I' },
  { code: 'moderate2', ja: '中等症Ⅱ', en: 'Moderate II' },
  { code: 'severe', ja: '重症', en: 'Severe' },
] as const satisfies readonly CodeEntry[];
export type RecordSeverityCode = (typeof RECORD_SEVERITIES)[number]['code'];

/** How a hospital stay ended (医療 tab). */
export const DISCHARGE_OUTCOMES = [
  { code: 'recovered', ja: '軽快退院', en: 'Discharged, recovered' },
  { code: 'transferred', ja: '転院', en: 'Transferred' },
  { code: 'toHotelOrHome', ja: '宿泊・自宅療養へ移行', en: 'Moved to hotel or home care' },
  { code: 'deceased', ja: '死亡', en: 'Deceased' },
  { code: 'other', ja: 'その他', en: 'Other' },
] as const satisfies readonly CodeEntry[];
export type DischargeOutcomeCode = (typeof DISCHARGE_OUTCOMES)[number]['code'];

/** 性別 in ID管理: the report's codes plus 不明 (the record header shows 不明 when none is known). */
export const PERSON_SEXES = [
  { code: 'male', ja: '男', en: 'Male' },
  { code: 'female', ja: '女', en: 'Female' },
  { code: 'other', ja: 'その他', en: 'Other' },
  { code: 'unknown', ja: '不明', en: 'Unknown' },
] as const satisfies readonly CodeEntry[];
export type PersonSexCode = (typeof PERSON_SEXES)[number]['code'];

/**
 * The record's sections: one per editable tab (the 医療 tab also holds `measures`, the 措置判定記録: 感染区分,
 * 現在のステータス, 処置日, My HER-SYS), the name passed to the host's `save(section, …)`.
 */
export const RECORD_SECTIONS = [
  'identity',
  'basicInfo',
  'tests',
  'residences',
  'activities',
  'healthObservation',
  'medical',
  'measures',
  'notes',
] as const;
export type RecordSection = (typeof RECORD_SECTIONS)[number];
