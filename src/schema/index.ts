/**
 * hersys-sdk/schema: the 発生届 data model, its code lists, and the rules and helpers every layer uses.
 * Framework-agnostic: imports only zod and date-fns. See docs/schema.md.
 */
export * from './codes/index.js';
export * from './report/primitives.js';
export * from './report/occurrence-report.js';
export * from './issues.js';
export * from './iso-date.js';
export * from './wareki.js';
export * from './kana.js';
export * from './phone.js';
export * from './postal.js';
export * from './age.js';
export * from './issue-codes.js';
export * from './fields.js';
export * from './field-conditions.js';
export * from './eligibility.js';
export * from './observation-period.js';
export * from './structure.js';
export {
  checkDateConsistency,
  TIMELINE_FIELDS,
  TIMELINE_PATHS,
  reportDatePaths,
} from './rules/date-consistency.js';
export type { TimelineEntry, TimelineField, DateConsistencyResult } from './rules/date-consistency.js';
export { VACCINATION_START_DATE } from './rules/vaccination.js';
export { SPO2_RESPIRATORY_FAILURE } from './rules/clinical.js';
export * from './validate-report.js';
export * from './patient/index.js';
