/** Configuration, defaults and the error type of the auth module. */
import type { Context } from 'hono';
import type { ScryptParams } from './password.js';
import type { ThrottlePolicy } from './throttle.js';
import type { PasswordPreset } from './types.js';

export interface AuthConfig {
  /** At least 32 random bytes (e.g. `HERSYS_AUTH_SECRET`): keys the code hashes and encrypts TOTP secrets. */
  secret: string | Uint8Array;
  /** The origins the sign-in pages are served from, e.g. `['https://hersys.example.jp']` (CSRF and WebAuthn). */
  origins: string[];
  /** The WebAuthn relying-party id: the host name of the origins (e.g. `hersys.example.jp`, `localhost`). */
  rpId: string;
  /** Shown by authenticators (default `HER-SYS`). */
  rpName?: string;
  /**
   * Secure cookies with the `__Host-` prefix (default: true when every origin is https). Plain-http development
   * gets unprefixed, non-Secure cookies (`hersys-session`), because browsers refuse `__Host-` without Secure.
   */
  secureCookies?: boolean;
  /** Default 900 (15 minutes). */
  sessionIdleSeconds?: number;
  /** Default 43 200 (12 hours). */
  sessionAbsoluteSeconds?: number;
  /** How recent the last password + second factor must be for sensitive actions (default 600). */
  recentAuthSeconds?: number;
  /** How long a sign-in attempt lives (default 900). */
  attemptSeconds?: number;
  /** Code validity, at most 300 (default 300). */
  codeSeconds?: number;
  /** Codes sent per account per hour (default 10): stops SMS pumping and call flooding. */
  codesPerHour?: number;
  /** Days an issued or reset initial password stays usable (default 14; ASVS 2.3.1). */
  initialPasswordDays?: number;
  password?: {
    preset?: PasswordPreset;
    scrypt?: ScryptParams;
    /** Literal passwords to refuse in addition to the shipped list (e.g. a breach corpus). */
    extraBlocklist?: Iterable<string>;
  };
  throttle?: Partial<ThrottlePolicy>;
  /**
   * The client address. Default: the TCP peer (Node server), or the last `X-Forwarded-For` hop when
   * `trustProxy` is set. Tests may inject their own.
   */
  clientIp?: (c: Context) => string;
  trustProxy?: boolean;
  /** The context variable `requireSession()` sets (default `currentUser`, as the server's dev middleware). */
  contextKey?: string;
  /** 「アカウントにアクセスできない場合」: whom to ask. */
  support?: { ja: string; en: string };
  /** Called for every sign-in, refusal and account change (write it to the audit log). Errors are logged, not thrown. */
  audit?: (event: AuthAuditEvent) => Promise<void> | void;
  /** Called in the issuing transaction after an account is created (e.g. insert the server's `users` row). */
  onAccountIssued?: (account: IssuedAccount) => Promise<void> | void;
}

export interface IssuedAccount {
  accountId: string;
  userId: string;
  loginId: string;
  displayName: string;
  facilityKind: string;
  facilityCode: string;
  facilityName: string;
  role: string;
  issuedBy: string | null;
  createdAt: string;
}

export interface AuthAuditEvent {
  at: string;
  /** e.g. `signIn.password.failed`, `signIn.completed`, `session.ended`, `account.issued`. */
  action: string;
  outcome: 'success' | 'failure';
  loginId?: string;
  accountId?: string | null;
  /** The acting user for account management. */
  actorUserId?: string;
  ip: string;
  userAgent?: string;
  detail?: Record<string, unknown>;
}

export type ResolvedConfig = Required<
  Omit<AuthConfig, 'clientIp' | 'audit' | 'onAccountIssued' | 'password' | 'throttle' | 'trustProxy'>
> & {
  clientIp?: (c: Context) => string;
  trustProxy: boolean;
  audit?: AuthConfig['audit'];
  onAccountIssued?: AuthConfig['onAccountIssued'];
  password: { preset: PasswordPreset; scrypt: ScryptParams; extraBlocklist: Set<string> };
  throttle: ThrottlePolicy;
};

type Status = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429 | 500;

/** An error answered as `{ error: { code, message }, ...extra }` (the server's error shape). */
export class AuthError extends Error {
  constructor(
    readonly status: Status,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}
