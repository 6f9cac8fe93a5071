import {
  ACTIVITY_KINDS,
  COUNTRIES,
  DISCHARGE_OUTCOMES,
  LAB_TEST_METHODS,
  LAB_TEST_RESULTS,
  RECORD_SEVERITIES,
  RESIDENCE_TYPES,
  SPECIMENS,
  SYMPTOMS,
  type CodeEntry,
} from '../../../schema/index.js';

/** How a cell of a row table is edited. */
export type ColumnKind = 'text' | 'date' | 'select' | 'number' | 'multi' | 'textarea' | 'readonly';

/** One column of a row table (検査, 居所, 行動歴, 健康観察, 医療, 記録). */
export interface ColumnSpec {
  /** The row's field. */
  key: string;
  /** Label key under `record.fields`. */
  label: string;
  kind: ColumnKind;
  options?: readonly CodeEntry[];
  /** For numbers: the step (0.1 for temperature). */
  step?: string;
  min?: number;
  max?: number;
}

const countries: readonly CodeEntry[] = COUNTRIES.map((c) => ({ code: c.code, ja: c.ja, en: c.en }));

/** The row tables, by list path (section, or section.subList). */
export const ROW_TABLES: Readonly<Record<string, readonly ColumnSpec[]>> = {
  tests: [
    { key: 'method', label: 'method', kind: 'select', options: LAB_TEST_METHODS },
    { key: 'specimen', label: 'specimen', kind: 'select', options: SPECIMENS },
    { key: 'collectionDate', label: 'collectionDate', kind: 'date' },
    { key: 'resultDate', label: 'resultDate', kind: 'date' },
    { key: 'result', label: 'result', kind: 'select', options: LAB_TEST_RESULTS },
    { key: 'laboratory', label: 'laboratory', kind: 'text' },
  ],
  residences: [
    { key: 'type', label: 'type', kind: 'select', options: RESIDENCE_TYPES },
    { key: 'placeName', label: 'placeName', kind: 'text' },
    { key: 'startDate', label: 'startDate', kind: 'date' },
    { key: 'endDate', label: 'endDate', kind: 'date' },
    { key: 'note', label: 'note', kind: 'text' },
  ],
  activities: [
    { key: 'kind', label: 'kind', kind: 'select', options: ACTIVITY_KINDS },
    { key: 'startDate', label: 'startDate', kind: 'date' },
    { key: 'endDate', label: 'endDate', kind: 'date' },
    { key: 'place', label: 'place', kind: 'text' },
    { key: 'country', label: 'country', kind: 'select', options: countries },
    { key: 'detail', label: 'detail', kind: 'text' },
  ],
  'healthObservation.entries': [
    { key: 'date', label: 'date', kind: 'date' },
    { key: 'temperature', label: 'temperature', kind: 'number', step: '0.1', min: 30, max: 45 },
    { key: 'spo2', label: 'spo2', kind: 'number', step: '1', min: 0, max: 100 },
    { key: 'symptoms', label: 'symptoms', kind: 'multi', options: SYMPTOMS },
    { key: 'note', label: 'note', kind: 'text' },
  ],
  'medical.admissions': [
    { key: 'hospital', label: 'hospital', kind: 'text' },
    { key: 'admissionDate', label: 'admissionDate', kind: 'date' },
    { key: 'dischargeDate', label: 'dischargeDate', kind: 'date' },
    { key: 'outcome', label: 'outcome', kind: 'select', options: DISCHARGE_OUTCOMES },
  ],
  'medical.severities': [
    { key: 'date', label: 'date', kind: 'date' },
    { key: 'severity', label: 'severity', kind: 'select', options: RECORD_SEVERITIES },
    { key: 'treatment', label: 'treatment', kind: 'text' },
  ],
  notes: [
    { key: 'at', label: 'at', kind: 'readonly' },
    { key: 'author', label: 'author', kind: 'readonly' },
    { key: 'text', label: 'text', kind: 'textarea' },
  ],
};

/** The code list of a field (for showing codes by label in the stale-edit diff). */
export function optionsOf(key: string): readonly CodeEntry[] | undefined {
  for (const cols of Object.values(ROW_TABLES)) {
    const c = cols.find((x) => x.key === key && x.options);
    if (c) return c.options;
  }
  return undefined;
}
