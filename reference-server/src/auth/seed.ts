/** Accounts for existing users (the demo users of development, or a migration from another sign-in). */
import type { AuthApp } from './app.js';
import type { AuthDb, FacilityKind } from './types.js';
import type { Kysely } from 'kysely';

export interface ExistingUser {
  id: string;
  login_id: string;
  display_name: string;
  facility_kind: FacilityKind;
  facility_code: string;
  role: string;
}

/**
 * Issues an account (a fresh random initial password, to be changed at the first sign-in) for each user that
 * has none. Returns the new accounts with their initial passwords: show them once (development: the console).
 */
export async function ensureAuthAccounts(
  auth: AuthApp,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the host's database.
  db: Kysely<any>,
  users: readonly ExistingUser[],
): Promise<{ loginId: string; initialPassword: string }[]> {
  const existing = new Set(
    (await (db as unknown as AuthDb).selectFrom('auth_accounts').select('login_id').execute()).map(
      (r) => r.login_id,
    ),
  );
  const created: { loginId: string; initialPassword: string }[] = [];
  for (const u of users) {
    if (existing.has(u.login_id.toLowerCase())) continue;
    created.push(
      await auth.issueAccount({
        loginId: u.login_id,
        displayName: u.display_name,
        facilityKind: u.facility_kind,
        facilityCode: u.facility_code,
        role: u.role,
        userId: u.id,
      }),
    );
  }
  return created;
}
