/**
 * Migrations of the patient record (issue 7): the record's sections, the duplicate-check keys and the rows
 * the menu's lists query. Named `200_records_*` so they sort after the core migrations (`0001_…`); added to
 * the core migrator with one spread in `db/migrations.ts`. Append new ones at the end of the list.
 */
import { sql, type ColumnDefinitionBuilder, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../db/types.js';

export function recordMigrations(dialect: Dialect): Record<string, Migration> {
  const sortable = (c: ColumnDefinitionBuilder) =>
    dialect === 'postgres' ? c.modifyEnd(sql`collate "C"`) : c;
  return {
    '200_records_0001_sections_and_match_keys': {
      async up(db: Kysely<unknown>) {
        // One row per person whose record was opened or edited: the record-wide revision.
        await db.schema
          .createTable('patient_records')
          .addColumn('her_sys_id', 'text', (c) => c.primaryKey())
          .addColumn('version', 'integer', (c) => c.notNull())
          /** The patients.version last mirrored into the identity and measures sections. */
          .addColumn('patient_version', 'integer', (c) => c.notNull())
          /** `updated_at|id` of the last report applied to the record (自動反映). */
          .addColumn('report_cursor', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
        // One row per section: its data and the record revision at which it last changed.
        await db.schema
          .createTable('patient_record_sections')
          .addColumn('her_sys_id', 'text', (c) => c.notNull())
          .addColumn('section', 'text', (c) => c.notNull())
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('data', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addColumn('updated_by', 'text')
          .addPrimaryKeyConstraint('patient_record_sections_pk', ['her_sys_id', 'section'])
          .execute();

        // Duplicate check: the normalized keys of every person (duplicateKeys), one index per key.
        await db.schema
          .createTable('patient_match_keys')
          .addColumn('her_sys_id', 'text', (c) => c.primaryKey())
          .addColumn('patient_version', 'integer', (c) => c.notNull())
          .addColumn('kana_key', 'text', (c) => sortable(c))
          .addColumn('kana_key_swapped', 'text', (c) => sortable(c))
          .addColumn('name_key', 'text', (c) => sortable(c))
          .addColumn('name_key_swapped', 'text', (c) => sortable(c))
          .addColumn('dob', 'text')
          .addColumn('phone_digits', 'text')
          .addColumn('phone2_digits', 'text')
          .execute();
        for (const col of ['kana_key', 'name_key', 'dob', 'phone_digits', 'phone2_digits']) {
          await db.schema
            .createIndex(`patient_match_keys_${col}`)
            .on('patient_match_keys')
            .column(col)
            .execute();
        }
        // refreshMatchKeys() walks the patients changed since its last run.
        await db.schema
          .createIndex('patients_updated_at_records')
          .on('patients')
          .columns(['updated_at', 'her_sys_id'])
          .execute();
        await db.schema
          .createTable('records_state')
          .addColumn('name', 'text', (c) => c.primaryKey())
          .addColumn('value', 'text', (c) => c.notNull())
          .execute();

        // The menu's lists (検査結果一覧, 健康観察一覧, 入院状況一覧): one row per test / admission and one per
        // observed person, rewritten when the section is saved.
        await db.schema
          .createTable('record_list_rows')
          .addColumn('her_sys_id', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('row_id', 'text', (c) => c.notNull())
          /** The row's sort date (検体採取日, 入院年月日, last observation date). */
          .addColumn('date', 'text')
          .addColumn('end_date', 'text')
          .addColumn('code1', 'text')
          .addColumn('code2', 'text')
          .addColumn('text1', 'text')
          .addColumn('num1', 'real')
          .addColumn('num2', 'real')
          .addPrimaryKeyConstraint('record_list_rows_pk', ['her_sys_id', 'kind', 'row_id'])
          .execute();
        await db.schema
          .createIndex('record_list_rows_kind_date')
          .on('record_list_rows')
          .columns(['kind', 'date desc', 'her_sys_id'])
          .execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropIndex('patients_updated_at_records').ifExists().execute();
        for (const t of [
          'record_list_rows',
          'records_state',
          'patient_match_keys',
          'patient_record_sections',
          'patient_records',
        ]) {
          await db.schema.dropTable(t).ifExists().execute();
        }
      },
    },
    // Key indexes without the NULLs: a column that is mostly NULL (電話番号2, a person without kana) made
    // SQLite's statistics call its index unselective and scan the table instead (12 ms at 200,000 people).
    '200_records_0002_partial_key_indexes': {
      async up(db: Kysely<unknown>) {
        for (const col of KEY_COLUMNS) {
          await db.schema.dropIndex(`patient_match_keys_${col}`).ifExists().execute();
          await db.schema
            .createIndex(`patient_match_keys_${col}`)
            .on('patient_match_keys')
            .column(col)
            .where(sql.ref(col), 'is not', null)
            .execute();
        }
      },
      async down(db: Kysely<unknown>) {
        for (const col of KEY_COLUMNS) {
          await db.schema.dropIndex(`patient_match_keys_${col}`).ifExists().execute();
          await db.schema
            .createIndex(`patient_match_keys_${col}`)
            .on('patient_match_keys')
            .column(col)
            .execute();
        }
      },
    },
  };
}

const KEY_COLUMNS = ['kana_key', 'name_key', 'dob', 'phone_digits', 'phone2_digits'] as const;
