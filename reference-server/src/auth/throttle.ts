/**
 * Failed-attempt throttling in the database (so every server instance on one PostgreSQL shares it).
 *
 * - Per account (keyed by the login ID as typed, whether or not it exists, so the throttle never tells):
 *   progressive delay. The first 5 failures in an hour cost nothing, then 1, 2, 4, … seconds up to 45 s
 *   between tries. That bounds guessing to fewer than 100 failures per hour per account (NIST SP 800-63B
 *   §5.2.2) without ever locking the account: the real user is slowed, never shut out.
 * - Per address: after `ipFailuresPerHour` failures from one IP in the hour, that IP is refused until the hour
 *   ends. It blocks only the attacker's own address.
 *
 * A try is admitted by an atomic conditional UPDATE ("claim"), so a burst of parallel requests cannot slip
 * through between the check and the recording of the failure.
 */
import { sql } from 'kysely';
import type { AuthDb } from './types.js';

export interface ThrottlePolicy {
  /** Failures per account before the delay starts (default 5). */
  freeFailures: number;
  /** Longest delay between tries on one account, seconds (default 45). */
  maxDelaySeconds: number;
  /** Failures per hour from one address before it is blocked for the rest of the hour (default 100). */
  ipFailuresPerHour: number;
}

export const DEFAULT_THROTTLE: ThrottlePolicy = {
  freeFailures: 5,
  maxDelaySeconds: 45,
  ipFailuresPerHour: 100,
};

const WINDOW_MS = 3600_000;
/** How long a claimed try holds the account (covers the password hash time). */
const HOLD_MS = 1000;

export type ThrottleVerdict =
  { ok: true } | { ok: false; reason: 'account' | 'ip'; retryAfterSeconds: number };

export const accountKey = (loginId: string): string => `acct:${loginId}`;
export const ipKey = (ip: string): string => `ip:${ip}`;

function delayMs(failures: number, policy: ThrottlePolicy): number {
  if (failures <= policy.freeFailures) return 0;
  return Math.min(2 ** (failures - policy.freeFailures - 1) * 1000, policy.maxDelaySeconds * 1000);
}

export class Throttle {
  constructor(
    private readonly db: AuthDb,
    private readonly policy: ThrottlePolicy,
  ) {}

  private async ensureRow(key: string, now: Date): Promise<void> {
    const t = now.toISOString();
    await this.db
      .insertInto('auth_throttle')
      .values({ key, failures: 0, window_started_at: t, next_allowed_at: t, updated_at: t })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
  }

  /** Admits one try for `loginId` from `ip`, or says how long to wait. */
  async admit(loginId: string, ip: string, now: Date): Promise<ThrottleVerdict> {
    const t = now.toISOString();
    const windowStart = new Date(now.getTime() - WINDOW_MS).toISOString();
    // Without a known address (no TCP peer, untrusted proxy) every client would share one key, and one
    // attacker could block everybody: the per-address block is skipped, the per-account delay still holds.
    const ipRow =
      ip === 'unknown'
        ? undefined
        : await this.db
            .selectFrom('auth_throttle')
            .select(['failures', 'window_started_at'])
            .where('key', '=', ipKey(ip))
            .executeTakeFirst();
    if (ipRow && ipRow.window_started_at > windowStart && ipRow.failures >= this.policy.ipFailuresPerHour) {
      const until = new Date(ipRow.window_started_at).getTime() + WINDOW_MS;
      return {
        ok: false,
        reason: 'ip',
        retryAfterSeconds: Math.max(1, Math.ceil((until - now.getTime()) / 1000)),
      };
    }
    const key = accountKey(loginId);
    await this.ensureRow(key, now);
    const hold = new Date(now.getTime() + HOLD_MS).toISOString();
    const claimed = await this.db
      .updateTable('auth_throttle')
      .set({ next_allowed_at: hold, updated_at: t })
      .where('key', '=', key)
      .where('next_allowed_at', '<=', t)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 1) return { ok: true };
    const row = await this.db
      .selectFrom('auth_throttle')
      .select('next_allowed_at')
      .where('key', '=', key)
      .executeTakeFirst();
    const wait = row ? new Date(row.next_allowed_at).getTime() - now.getTime() : 1000;
    return { ok: false, reason: 'account', retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) };
  }

  /** Records a failure for the account and the address. */
  async fail(loginId: string, ip: string, now: Date): Promise<void> {
    for (const key of [accountKey(loginId), ipKey(ip)]) {
      await this.ensureRow(key, now);
      const t = now.toISOString();
      const windowStart = new Date(now.getTime() - WINDOW_MS).toISOString();
      const row = await this.db
        .updateTable('auth_throttle')
        .set({
          failures: sql<number>`CASE WHEN window_started_at <= ${windowStart} THEN 1 ELSE failures + 1 END`,
          window_started_at: sql<string>`CASE WHEN window_started_at <= ${windowStart} THEN ${t} ELSE window_started_at END`,
          updated_at: t,
        })
        .where('key', '=', key)
        .returning('failures')
        .executeTakeFirst();
      if (key.startsWith('acct:') && row) {
        const next = new Date(now.getTime() + delayMs(Number(row.failures), this.policy)).toISOString();
        await this.db
          .updateTable('auth_throttle')
          .set({ next_allowed_at: next })
          .where('key', '=', key)
          .execute();
      }
    }
  }

  /** A success clears the account's counter (not the address's: one good account must not launder an IP). */
  async succeed(loginId: string): Promise<void> {
    await this.db.deleteFrom('auth_throttle').where('key', '=', accountKey(loginId)).execute();
  }

  /** Releases the hold of an admitted try that ended without a verdict (e.g. a validation error). */
  async release(loginId: string, now: Date): Promise<void> {
    await this.db
      .updateTable('auth_throttle')
      .set({ next_allowed_at: now.toISOString() })
      .where('key', '=', accountKey(loginId))
      .where('failures', '<=', this.policy.freeFailures)
      .execute();
  }
}
