/**
 * Who is calling. Issue 6 (sign-in, roles) replaces `devUserMiddleware` with a session middleware that
 * sets the same `currentUser`; nothing else changes.
 */
import type { MiddlewareHandler } from 'hono';
import type { AuditSource } from './audit/chain.js';
import type { Db } from './db/types.js';
import { ApiError } from './lib/errors.js';

export type FacilityKind = 'outpatient' | 'inpatient' | 'healthCenter' | 'prefecture';

export interface CurrentUser {
  userId: string;
  loginId: string;
  displayName: string;
  facilityKind: FacilityKind;
  facilityCode: string;
  facilityName: string;
  role: string;
  /** Where the current request comes from, for the audit log (the app sets it per request). */
  source?: AuditSource;
}

export interface AppEnv {
  Variables: {
    currentUser: CurrentUser | undefined;
    requestId: string;
  };
}

/** Loads a user row with its facility's name. */
export async function loadUser(db: Db, loginId: string): Promise<CurrentUser | undefined> {
  const u = await db.selectFrom('users').selectAll().where('login_id', '=', loginId).executeTakeFirst();
  if (!u) return undefined;
  let facilityName = u.facility_code;
  if (u.facility_kind === 'healthCenter') {
    facilityName =
      (
        await db
          .selectFrom('health_centers')
          .select('name')
          .where('code', '=', u.facility_code)
          .executeTakeFirst()
      )?.name ?? facilityName;
  } else if (u.facility_kind === 'prefecture') {
    facilityName =
      (
        await db
          .selectFrom('prefectures')
          .select('name')
          .where('code', '=', u.facility_code)
          .executeTakeFirst()
      )?.name ?? facilityName;
  } else {
    facilityName =
      (
        await db
          .selectFrom('institutions')
          .select('name')
          .where('code', '=', u.facility_code)
          .executeTakeFirst()
      )?.name ?? facilityName;
  }
  return {
    userId: u.id,
    loginId: u.login_id,
    displayName: u.display_name,
    facilityKind: u.facility_kind,
    facilityCode: u.facility_code,
    facilityName,
    role: u.role,
  };
}

/**
 * Development mode: every request is the demo user `defaultLogin`; the header `X-Dev-User: <loginId>`
 * acts as another demo account. `createApp` refuses this in production, and so does `main.ts`.
 */
export function devUserMiddleware(db: Db, defaultLogin: string): MiddlewareHandler<AppEnv> {
  const cache = new Map<string, CurrentUser>();
  return async (c, next) => {
    const login = c.req.header('x-dev-user') || defaultLogin;
    if (login.length > 64) throw new ApiError(401, 'unauthenticated', 'Unknown development user.');
    let user = cache.get(login);
    if (!user) {
      user = await loadUser(db, login);
      if (!user) throw new ApiError(401, 'unauthenticated', `No demo account "${login}".`);
      cache.set(login, user);
    }
    c.set('currentUser', user);
    await next();
  };
}

/** The signed-in user, or 401. */
export function requireUser(u: CurrentUser | undefined): CurrentUser {
  if (!u) throw new ApiError(401, 'unauthenticated', 'Sign in first.');
  return u;
}

export function isHealthAuthority(u: CurrentUser): boolean {
  return u.facilityKind === 'healthCenter' || u.facilityKind === 'prefecture';
}
