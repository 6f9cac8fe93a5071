/** The patient record (ID管理 and the record's tabs), the list query, countries and the duplicate matcher. */
export * from './codes.js';
export * from './countries.js';
export * from './record.js';
export * from './validate.js';
export * from './merge.js';
export * from './duplicates.js';
export * from './list.js';
export * from './reflect.js';
