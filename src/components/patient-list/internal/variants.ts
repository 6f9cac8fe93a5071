import type { PatientListQuery, PatientListRow, PatientListVariant } from '../../../schema/index.js';

/** A filter of the list form. */
export type FilterKey =
  | 'healthCenter'
  | 'localId'
  | 'herSysId'
  | 'kana'
  | 'name'
  | 'dateOfBirth'
  | 'phone'
  | 'passportNumber'
  | 'reportDate'
  | 'diagnosisDate'
  | 'status'
  | 'severity'
  | 'treatmentDate'
  | 'residence';

/** A column of the result table. */
export type ColumnKey =
  | keyof Pick<
      PatientListRow,
      | 'herSysId'
      | 'localId'
      | 'name'
      | 'diagnosisDate'
      | 'reportDate'
      | 'infectionClass'
      | 'status'
      | 'severity'
      | 'residence'
      | 'placeName'
      | 'testDate'
      | 'testMethod'
      | 'testResult'
      | 'institution'
      | 'hospital'
      | 'admissionDate'
      | 'dischargeDate'
      | 'lastObservationDate'
      | 'lastTemperature'
      | 'lastSpo2'
      | 'dateOfBirth'
    >
  | 'period';

/** What a list screen shows: its filter groups, columns and whether the 感染区分 tabs apply. */
export interface VariantSpec {
  groups: { key: 'idManagement' | 'report' | 'measures'; filters: FilterKey[] }[];
  columns: ColumnKey[];
  tabs: boolean;
}

const ID_FILTERS: FilterKey[] = [
  'healthCenter',
  'localId',
  'herSysId',
  'kana',
  'name',
  'dateOfBirth',
  'phone',
  'passportNumber',
];

const REGISTERED: VariantSpec = {
  groups: [
    { key: 'idManagement', filters: ID_FILTERS },
    { key: 'report', filters: ['reportDate', 'diagnosisDate'] },
    { key: 'measures', filters: ['status', 'severity', 'treatmentDate', 'residence'] },
  ],
  columns: [
    'herSysId',
    'localId',
    'name',
    'diagnosisDate',
    'infectionClass',
    'status',
    'severity',
    'period',
    'residence',
    'placeName',
  ],
  tabs: true,
};

/** The menu's list screens (the manual's 登録情報一覧 and the others of the menu). */
export const VARIANTS: Readonly<Record<PatientListVariant, VariantSpec>> = {
  registered: REGISTERED,
  legacy: REGISTERED,
  tests: {
    groups: [
      { key: 'idManagement', filters: ['healthCenter', 'herSysId', 'kana', 'name', 'dateOfBirth'] },
      { key: 'report', filters: ['diagnosisDate'] },
    ],
    columns: [
      'herSysId',
      'name',
      'dateOfBirth',
      'testDate',
      'testMethod',
      'testResult',
      'diagnosisDate',
      'status',
    ],
    tabs: false,
  },
  reports: {
    groups: [
      { key: 'idManagement', filters: ID_FILTERS },
      { key: 'report', filters: ['reportDate', 'diagnosisDate'] },
    ],
    columns: ['herSysId', 'name', 'reportDate', 'diagnosisDate', 'institution', 'infectionClass', 'status'],
    tabs: true,
  },
  observation: {
    groups: [
      { key: 'idManagement', filters: ['healthCenter', 'herSysId', 'kana', 'name', 'phone'] },
      { key: 'measures', filters: ['status', 'residence'] },
    ],
    columns: [
      'herSysId',
      'name',
      'period',
      'lastObservationDate',
      'lastTemperature',
      'lastSpo2',
      'status',
      'residence',
    ],
    tabs: false,
  },
  inpatients: {
    groups: [
      { key: 'idManagement', filters: ['herSysId', 'kana', 'name', 'dateOfBirth'] },
      { key: 'measures', filters: ['severity', 'treatmentDate'] },
    ],
    columns: ['herSysId', 'name', 'hospital', 'admissionDate', 'dischargeDate', 'severity', 'status'],
    tabs: false,
  },
};

/** The query keys of a filter (ranges have two). */
export function queryKeysOf(filter: FilterKey): (keyof PatientListQuery)[] {
  switch (filter) {
    case 'reportDate':
      return ['reportDateFrom', 'reportDateTo'];
    case 'diagnosisDate':
      return ['diagnosisDateFrom', 'diagnosisDateTo'];
    case 'treatmentDate':
      return ['treatmentDateFrom', 'treatmentDateTo'];
    default:
      return [filter];
  }
}
