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
