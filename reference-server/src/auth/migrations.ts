/**
 * The authentication module's tables, as Kysely migrations keyed `100_auth_*` so they sort after the server's
 * own (`0001_…`). Two ways to run them:
 *
 * - merged into the server's migrator: `{ ...migrations(dialect), ...authMigrations() }`;
 * - on their own, with separate bookkeeping tables: `await migrateAuthToLatest(db)`.
 *
 * No foreign key points into the server's tables (`users`, facilities), so the module stands alone.
 */
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';

/** Any host database: migrations only use the schema builder. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely<DB> is invariant in DB.
type AnyDb = any;

/** The auth tables' migrations (`dialect` is accepted for symmetry with the server's modules; none differs). */
export function authMigrations(_dialect?: 'sqlite' | 'postgres'): Record<string, Migration> {
  return {
    '100_auth_initial': {
      async up(db: Kysely<AnyDb>) {
        await db.schema
          .createTable('auth_accounts')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('login_id', 'text', (c) => c.notNull().unique())
          .addColumn('user_id', 'text', (c) => c.notNull())
          .addColumn('display_name', 'text', (c) => c.notNull())
          .addColumn('facility_kind', 'text', (c) => c.notNull())
          .addColumn('facility_code', 'text', (c) => c.notNull())
          .addColumn('facility_name', 'text', (c) => c.notNull())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('must_change_password', 'integer', (c) => c.notNull())
          .addColumn('password_changed_at', 'text', (c) => c.notNull())
          .addColumn('disabled_at', 'text')
          .addColumn('phone', 'text')
          .addColumn('phone_verified_at', 'text')
          .addColumn('phone_sms_capable', 'integer', (c) => c.notNull())
          .addColumn('sms_enabled', 'integer', (c) => c.notNull())
          .addColumn('voice_enabled', 'integer', (c) => c.notNull())
          .addColumn('issued_by', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('auth_accounts_user').on('auth_accounts').column('user_id').execute();
        await db.schema
          .createIndex('auth_accounts_facility')
          .on('auth_accounts')
          .columns(['facility_kind', 'facility_code'])
          .execute();

        await db.schema
          .createTable('auth_attempts')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('token_hash', 'text', (c) => c.notNull().unique())
          .addColumn('login_id', 'text', (c) => c.notNull())
          .addColumn('account_id', 'text')
          .addColumn('purpose', 'text', (c) => c.notNull())
          .addColumn('session_id', 'text')
          .addColumn('state', 'text', (c) => c.notNull())
          .addColumn('ip', 'text', (c) => c.notNull())
          .addColumn('user_agent', 'text', (c) => c.notNull())
          .addColumn('factor', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('auth_attempts_expires')
          .on('auth_attempts')
          .column('expires_at')
          .execute();

        await db.schema
          .createTable('auth_throttle')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('failures', 'integer', (c) => c.notNull())
          .addColumn('window_started_at', 'text', (c) => c.notNull())
          .addColumn('next_allowed_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('auth_challenges')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('attempt_id', 'text')
          .addColumn('session_id', 'text')
          .addColumn('account_id', 'text')
          .addColumn('step', 'text', (c) => c.notNull())
          .addColumn('method', 'text', (c) => c.notNull())
          .addColumn('code_hash', 'text', (c) => c.notNull())
          .addColumn('phone', 'text')
          .addColumn('tries', 'integer', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .addColumn('used_at', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('auth_challenges_attempt')
          .on('auth_challenges')
          .column('attempt_id')
          .execute();
        await db.schema
          .createIndex('auth_challenges_session')
          .on('auth_challenges')
          .column('session_id')
          .execute();
        await db.schema
          .createIndex('auth_challenges_account')
          .on('auth_challenges')
          .columns(['account_id', 'created_at'])
          .execute();

        await db.schema
          .createTable('auth_sessions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('token_hash', 'text', (c) => c.notNull().unique())
          .addColumn('account_id', 'text', (c) => c.notNull().references('auth_accounts.id'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('last_seen_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .addColumn('reauth_at', 'text', (c) => c.notNull())
          .addColumn('ip', 'text', (c) => c.notNull())
          .addColumn('user_agent', 'text', (c) => c.notNull())
          .addColumn('ended_at', 'text')
          .execute();
        await db.schema
          .createIndex('auth_sessions_account')
          .on('auth_sessions')
          .column('account_id')
          .execute();

        await db.schema
          .createTable('webauthn_credentials')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('account_id', 'text', (c) => c.notNull().references('auth_accounts.id'))
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('public_key', 'text', (c) => c.notNull())
          .addColumn('counter', 'bigint', (c) => c.notNull())
          .addColumn('transports', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('last_used_at', 'text')
          .execute();
        await db.schema
          .createIndex('webauthn_credentials_account')
          .on('webauthn_credentials')
          .column('account_id')
          .execute();

        await db.schema
          .createTable('totp_secrets')
          .addColumn('account_id', 'text', (c) => c.primaryKey().references('auth_accounts.id'))
          .addColumn('secret_enc', 'text', (c) => c.notNull())
          .addColumn('confirmed_at', 'text')
          .addColumn('last_step', 'integer', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
      },
      async down(db: Kysely<AnyDb>) {
        for (const t of [
          'totp_secrets',
          'webauthn_credentials',
          'auth_sessions',
          'auth_challenges',
          'auth_throttle',
          'auth_attempts',
          'auth_accounts',
        ]) {
          await db.schema.dropTable(t).ifExists().execute();
        }
      },
    },
  };
}

/**
 * Runs only the auth migrations, recorded in their own tables (`auth_migration`, `auth_migration_lock`), so
 * they can be applied next to any other migrator without either one seeing the other's entries as missing.
 */
export async function migrateAuthToLatest(db: Kysely<AnyDb>): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => authMigrations() };
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: 'auth_migration',
    migrationLockTableName: 'auth_migration_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  for (const r of results ?? []) {
    if (r.status === 'Error') console.error(`[auth] migration ${r.migrationName} failed`);
  }
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
