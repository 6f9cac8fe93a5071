/**
 * The one set of migrations, for SQLite and PostgreSQL, written with Kysely's schema builder. Dialect
 * differences are isolated in `sortable` (prefix search columns need byte order in PostgreSQL).
 */
import {
  Migrator,
  sql,
  type ColumnDefinitionBuilder,
  type Kysely,
  type Migration,
  type MigrationProvider,
} from 'kysely';
import { recordMigrations } from '../records/migrations.js';
import { auditMigrations } from '../audit/chain.js';
import { searchMigrations } from './search-migrations.js';
import { createHerSysIdSequence } from '../services/her-sys-ids.js';
import type { Dialect, Db } from './types.js';

/** Search keys most patients do not have: indexed only where present (migration 730). */
const SPARSE_SEARCH_KEYS = ['passport_norm', 'local_id', 'treatment_date'] as const;

function migrations(dialect: Dialect): Record<string, Migration> {
  /** A text column compared byte-wise (so `>= 'ヤマ' AND < 'ヤマ\uffff'` is a prefix match using the index). */
  const sortable = (c: ColumnDefinitionBuilder) =>
    dialect === 'postgres' ? c.modifyEnd(sql`collate "C"`) : c;

  return {
    '0001_initial': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('prefectures')
          .addColumn('code', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('email', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('health_centers')
          .addColumn('code', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('prefecture_code', 'text', (c) => c.notNull().references('prefectures.code'))
          .addColumn('email', 'text', (c) => c.notNull())
          .addColumn('area', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('institutions')
          .addColumn('code', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('address', 'text', (c) => c.notNull())
          .addColumn('phone', 'text', (c) => c.notNull())
          .addColumn('email', 'text', (c) => c.notNull())
          .addColumn('health_center_code', 'text', (c) => c.notNull().references('health_centers.code'))
          .execute();
        await db.schema
          .createTable('users')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('login_id', 'text', (c) => c.notNull().unique())
          .addColumn('display_name', 'text', (c) => c.notNull())
          .addColumn('facility_kind', 'text', (c) => c.notNull())
          .addColumn('facility_code', 'text', (c) => c.notNull())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('patients')
          .addColumn('her_sys_id', 'text', (c) => c.primaryKey())
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('data', 'text', (c) => c.notNull())
          .addColumn('family_name', 'text', (c) => c.notNull())
          .addColumn('given_name', 'text', (c) => c.notNull())
          .addColumn('name_norm', 'text', (c) => sortable(c.notNull()))
          .addColumn('kana_norm', 'text', (c) => sortable(c.notNull()))
          .addColumn('date_of_birth', 'text')
          .addColumn('phone_digits', 'text')
          .addColumn('passport_norm', 'text')
          .addColumn('local_id', 'text')
          .addColumn('infection_category', 'text')
          .addColumn('status', 'text')
          .addColumn('severity', 'text')
          .addColumn('residence', 'text')
          .addColumn('treatment_date', 'text')
          .addColumn('period_start', 'text')
          .addColumn('sort_date', 'text', (c) => c.notNull())
          .addColumn('latest_report_id', 'text')
          .addColumn('report_date', 'text')
          .addColumn('diagnosis_date', 'text')
          .addColumn('owner_facility', 'text', (c) => c.notNull())
          .addColumn('notified_hc', 'text')
          .addColumn('responsible_hc', 'text')
          .addColumn('prefecture_code', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
        // The list is always scoped (facility) and sorted by sort_date desc: one index per scope column,
        // ending with the sort key, so "first page, no filter" is an index range scan that stops after 10 rows.
        for (const scope of ['owner_facility', 'notified_hc', 'responsible_hc', 'prefecture_code']) {
          await db.schema
            .createIndex(`patients_${scope}_sort`)
            .on('patients')
            .columns([scope, 'sort_date desc', 'her_sys_id desc'])
            .execute();
        }
        // Selective filters: exact or prefix lookups, the planner starts from these and checks the scope.
        for (const col of [
          'kana_norm',
          'name_norm',
          'date_of_birth',
          'phone_digits',
          'passport_norm',
          'local_id',
        ]) {
          await db.schema.createIndex(`patients_${col}`).on('patients').column(col).execute();
        }
        for (const col of ['report_date', 'diagnosis_date', 'treatment_date']) {
          await db.schema.createIndex(`patients_${col}`).on('patients').column(col).execute();
        }

        await db.schema
          .createTable('reports')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.her_sys_id'))
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('data', 'text', (c) => c.notNull())
          .addColumn('report_date', 'text')
          .addColumn('diagnosis_date', 'text')
          .addColumn('category', 'text')
          .addColumn('severity', 'text')
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('notified_hc', 'text')
          .addColumn('responsible_hc', 'text')
          .addColumn('prefecture_code', 'text')
          .addColumn('created_by_facility', 'text', (c) => c.notNull())
          .addColumn('first_reported_by', 'text', (c) => c.notNull())
          .addColumn('first_reported_at', 'text', (c) => c.notNull())
          .addColumn('updated_by', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addColumn('hc_confirmed_by', 'text')
          .addColumn('hc_confirmed_at', 'text')
          .addColumn('deleted_by', 'text')
          .addColumn('deleted_at', 'text')
          .addColumn('deleted_reason', 'text')
          .execute();
        await db.schema
          .createIndex('reports_patient')
          .on('reports')
          .columns(['patient_id', 'first_reported_at'])
          .execute();
        await db.schema
          .createIndex('reports_facility')
          .on('reports')
          .columns(['created_by_facility', 'first_reported_at'])
          .execute();

        await db.schema
          .createTable('audit_log')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('user_id', 'text', (c) => c.notNull())
          .addColumn('facility_code', 'text', (c) => c.notNull())
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('entity', 'text', (c) => c.notNull())
          .addColumn('entity_id', 'text', (c) => c.notNull())
          .addColumn('version', 'integer')
          .addColumn('old_data', 'text')
          .addColumn('new_data', 'text')
          .execute();
        await db.schema
          .createIndex('audit_log_entity')
          .on('audit_log')
          .columns(['entity', 'entity_id', 'at'])
          .execute();

        await db.schema
          .createTable('idempotency_keys')
          .addColumn('scope', 'text', (c) => c.notNull())
          .addColumn('key', 'text', (c) => c.notNull())
          .addColumn('request_hash', 'text', (c) => c.notNull())
          .addColumn('status_code', 'integer')
          .addColumn('response', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('idempotency_keys_pk', ['scope', 'key'])
          .execute();

        await db.schema
          .createTable('outbox')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('payload', 'text', (c) => c.notNull())
          .addColumn('report_id', 'text')
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('attempts', 'integer', (c) => c.notNull())
          .addColumn('next_attempt_at', 'text', (c) => c.notNull())
          .addColumn('lease_owner', 'text')
          .addColumn('lease_until', 'text')
          .addColumn('sent_at', 'text')
          .addColumn('last_error', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('outbox_due')
          .on('outbox')
          .columns(['status', 'next_attempt_at'])
          .execute();
        await db.schema.createIndex('outbox_report').on('outbox').column('report_id').execute();

        await db.schema
          .createTable('observation_invites')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('token_hash', 'text', (c) => c.notNull().unique())
          .addColumn('patient_id', 'text', (c) => c.notNull())
          .addColumn('report_id', 'text', (c) => c.notNull())
          .addColumn('phone_digits', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .addColumn('used_at', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
      },
      async down(db: Kysely<unknown>) {
        for (const t of [
          'observation_invites',
          'outbox',
          'idempotency_keys',
          'audit_log',
          'reports',
          'patients',
          'users',
          'institutions',
          'health_centers',
          'prefectures',
        ]) {
          await db.schema.dropTable(t).ifExists().execute();
        }
      },
    },
    ...recordMigrations(dialect),
    ...auditMigrations(),
    ...searchMigrations(),
    // The outbox's messages in a table of their own (db/types.ts OutboxPayloadTable): the worker's two updates
    // per delivery rewrite only the small delivery-state row. With the due-time index limited to undelivered
    // rows — with the worker's 300-row passes, 12.3 → 8.8 WAL pages per 報告 (the WAL of 2,000 filings counted frame by frame).
    '720_outbox_0001_payloads': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('outbox_payloads')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('payload', 'text', (c) => c.notNull())
          .execute();
        await sql`insert into outbox_payloads (id, payload) select id, payload from outbox`.execute(db);
        await db.schema.alterTable('outbox').dropColumn('payload').execute();
        // Only the rows still to deliver are looked up by due time: a delivered row leaves the index instead of
        // moving to a 'sent' part of it that grows for ever.
        await db.schema.dropIndex('outbox_due').execute();
        await db.schema
          .createIndex('outbox_due')
          .on('outbox')
          .column('next_attempt_at')
          .where(sql.ref('status'), '=', 'pending')
          .execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema
          .alterTable('outbox')
          .addColumn('payload', 'text', (c) => c.notNull().defaultTo('{}'))
          .execute();
        await sql`update outbox set payload = (select p.payload from outbox_payloads p where p.id = outbox.id) where id in (select id from outbox_payloads)`.execute(
          db,
        );
        await db.schema.dropTable('outbox_payloads').execute();
        await db.schema.dropIndex('outbox_due').execute();
        await db.schema
          .createIndex('outbox_due')
          .on('outbox')
          .columns(['status', 'next_attempt_at'])
          .execute();
      },
    },
    // Indexes a filing wrote to for nothing. The search's passport, local-ID and treatment-date indexes hold only
    // the patients that have one (most have none: a NULL key was still inserted, one b-tree each per new
    // patient), and every search on them compares the column, which implies it is not NULL, so both databases
    // still use them. The outbox's index by report was read by no query: four entries per 報告.
    '730_indexes_0001_sparse_search_keys': {
      async up(db: Kysely<unknown>) {
        for (const col of SPARSE_SEARCH_KEYS) {
          await db.schema.dropIndex(`patients_${col}`).execute();
          await db.schema
            .createIndex(`patients_${col}`)
            .on('patients')
            .column(col)
            .where(sql.ref(col), 'is not', null)
            .execute();
        }
        await db.schema.dropIndex('outbox_report').execute();
      },
      async down(db: Kysely<unknown>) {
        for (const col of SPARSE_SEARCH_KEYS) {
          await db.schema.dropIndex(`patients_${col}`).execute();
          await db.schema.createIndex(`patients_${col}`).on('patients').column(col).execute();
        }
        await db.schema.createIndex('outbox_report').on('outbox').column('report_id').execute();
      },
    },
    // HER-SYS IDs in ascending order (services/her-sys-ids.ts). SQLite reads the largest ID in the write
    // transaction and needs nothing; PostgreSQL draws blocks from a sequence that starts after every ID issued.
    '710_ids_0001_her_sys_id_sequence': {
      async up(db: Kysely<unknown>) {
        if (dialect === 'postgres') await createHerSysIdSequence(db);
      },
      async down(db: Kysely<unknown>) {
        if (dialect === 'postgres') await sql`drop sequence if exists her_sys_id_seq`.execute(db);
      },
    },
  };
}

/** Brings the schema up to date. Safe with several instances starting at once (Kysely's migration lock). */
export async function migrateToLatest(
  db: Db,
  dialect: Dialect,
  options: { upTo?: string } = {},
): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => migrations(dialect) };
  const migrator = new Migrator({ db, provider });
  // upTo: a database as an earlier version left it (tests of a migration's data step).
  const { error, results } = options.upTo
    ? await migrator.migrateTo(options.upTo)
    : await migrator.migrateToLatest();
  for (const r of results ?? []) {
    if (r.status === 'Error') console.error(`[db] migration ${r.migrationName} failed`);
  }
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
