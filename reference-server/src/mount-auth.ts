/**
 * Issue 6 wired to the server (docs/security.md §5): the auth module on the server's database, its issued
 * accounts becoming `users` rows, its events written to the server's hash-chained audit log, and (development)
 * the demo users getting accounts with initial passwords kept in DATA_DIR so they can be shown at every start
 * until they are changed. `main.ts` and the tests use this one function, so the tests run the real wiring.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import {
  createAuthApp,
  ensureAuthAccounts,
  kyselyFacilityDirectory,
  migrateAuthToLatest,
  smsProviderMessenger,
  type AuthApp,
  type AuthConfig,
  type SmsSender,
  type VoiceCaller,
} from './auth/index.js';
import { appendAudit } from './audit/chain.js';
import type { DbHandle } from './db/types.js';
import { outboxRecorder } from './outbox/dev-recorder.js';
import { systemClock, type Clock } from './lib/time.js';

export interface MountAuthOptions {
  handle: DbHandle;
  clock?: Clock;
  /** Production: `smsProviderMessenger(sms)`; development (default): codes on /dev/outbox. */
  messenger?: SmsSender & VoiceCaller;
  secret: string;
  publicUrl: string;
  /** Extra settings (tests: cheaper scrypt, their own client address). */
  config?: Partial<AuthConfig>;
}

export async function mountAuth(o: MountAuthOptions): Promise<AuthApp> {
  const { handle } = o;
  await migrateAuthToLatest(handle.db); // own bookkeeping tables: auth_migration, auth_migration_lock
  const codes = o.messenger ?? smsProviderMessenger(outboxRecorder(handle.db, o.clock ?? systemClock));
  return createAuthApp({
    db: handle.db,
    sms: codes,
    voice: codes,
    clock: o.clock,
    facilities: kyselyFacilityDirectory(handle.db),
    config: {
      secret: o.secret,
      origins: [o.publicUrl],
      rpId: new URL(o.publicUrl).hostname,
      ...o.config,
      onAccountIssued: async (a) => {
        await handle.db
          .insertInto('users')
          .values({
            id: a.userId,
            login_id: a.loginId,
            display_name: a.displayName,
            facility_kind: a.facilityKind as 'outpatient',
            facility_code: a.facilityCode,
            role: a.role,
            created_at: a.createdAt,
          })
          .onConflict((oc) => oc.column('id').doNothing())
          .execute();
      },
      audit: async (e) => {
        const { ip, userAgent, detail, outcome, loginId, accountId } = e;
        // Who: the acting user (account management), else the account's user; an ID that does not exist is
        // recorded as typed (`login:<id>`).
        const account = accountId
          ? ((await handle.db
              .selectFrom('auth_accounts' as never)
              .select(['user_id', 'facility_code'] as never[])
              .where('id' as never, '=', accountId as never)
              .executeTakeFirst()) as { user_id: string; facility_code: string } | undefined)
          : undefined;
        await handle.db.transaction().execute((trx) =>
          appendAudit(trx, [
            {
              at: e.at,
              userId: e.actorUserId ?? account?.user_id ?? (loginId ? `login:${loginId}` : '-'),
              facilityCode: account?.facility_code ?? '-',
              action: `auth.${e.action}`,
              entity: 'auth',
              entityId: loginId ?? '-',
              version: null,
              outcome,
              source: { ip, userAgent },
              newData: detail && Object.keys(detail).length ? detail : undefined,
            },
          ]),
        );
      },
    },
  });
}

/**
 * Development: accounts for the demo users. New initial passwords are kept in `file` (mode 600) so that every
 * start can print them while the account still has to change it. Returns what to print.
 */
export async function ensureDemoAccounts(
  auth: AuthApp,
  handle: DbHandle,
  file: string,
): Promise<{ loginId: string; displayName: string; initialPassword?: string }[]> {
  const known: Record<string, string> = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>)
    : {};
  const users = await handle.db.selectFrom('users').selectAll().execute();
  const created = await ensureAuthAccounts(auth, handle.db, users);
  if (created.length) {
    for (const a of created) known[a.loginId] = a.initialPassword;
    writeFileSync(file, JSON.stringify(known, null, 2), { mode: 0o600 });
  }
  const accounts = await handle.db
    .selectFrom('auth_accounts' as never)
    .select(['login_id', 'display_name', 'must_change_password'] as never[])
    .execute();
  const pending = new Map(
    (accounts as unknown as { login_id: string; display_name: string; must_change_password: number }[]).map(
      (a) => [a.login_id, a],
    ),
  );
  return users
    .filter((u) => pending.has(u.login_id.toLowerCase()))
    .map((u) => {
      const a = pending.get(u.login_id.toLowerCase())!;
      return {
        loginId: u.login_id,
        displayName: u.display_name,
        initialPassword: a.must_change_password ? known[u.login_id] : undefined,
      };
    });
}
