/**
 * hersys-sdk/schema: the 発生届 data model, its code lists, and the rules and helpers every layer uses.
 * Framework-agnostic: imports only zod and date-fns. See docs/schema.md.
 */
export * from './codes/index.js';
export * from './report/primitives.js';
export * from './report/occurrence-report.js';
export * from './issues.js';
