/**
 * Sign-in, sessions and account issuance for the reference server, as one mountable Hono sub-app.
 *
 * The sign-in follows the HER-SYS manual (サインインの手順 ①–⑪) as a server-side state machine: every step
 * names the attempt it belongs to and is refused unless the attempt is in the state that step needs, so no
 * step (above all the second factor) can be skipped by calling a later endpoint directly.
 *
 * ```
 * login-id ─▶ password ─┬─▶ enrollPhone ─(phone, verify)─┬─▶ changePassword ─▶ done (session)
 *                       └─▶ secondFactor ─(code/TOTP/key)─┘
 * ```
 *
 * @see docs/security.md for what is protected and how, and how to mount it.
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import * as z from 'zod';
import { parsePhoneJP } from 'hersys-sdk/schema';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { AuthError, type AuthConfig, type AuthAuditEvent, type ResolvedConfig } from './config.js';
import { Keys, matchTotp, newCode, newId, newToken, newTotpSecret, safeEqual, sha256 } from './crypto.js';
import {
  checkPassword,
  DEFAULT_SCRYPT,
  generateInitialPassword,
  hashPassword,
  verifyPassword,
  type PasswordIssue,
} from './password.js';
import { DEFAULT_THROTTLE, Throttle } from './throttle.js';
import type {
  AuthAccountTable,
  AuthAttemptTable,
  AuthDatabase,
  AuthDb,
  AuthSessionTable,
  AuthUser,
  Clock,
  FacilityDirectory,
  FacilityKind,
  SmsSender,
  VoiceCaller,
} from './types.js';
import type { Kysely } from 'kysely';

export interface AuthAppOptions {
  /** The server's Kysely instance (any database type: the module only touches its own tables). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the host's database type: the module only touches its own tables.
  db: Kysely<any>;
  sms: SmsSender;
  voice: VoiceCaller;
  clock?: Clock;
  config: AuthConfig;
  /** Where facilities are (issuance permissions, names). Default: none known (issuance refused). */
  facilities?: FacilityDirectory;
}

/** The sub-app plus the middleware the host app puts in front of its own routes. */
export interface AuthApp extends Hono {
  /** 401 without a valid session; else sets the user context (`c.get('currentUser')`). */
  requireSession(): MiddlewareHandler;
  /** 403 for a state-changing request without a matching CSRF token or from another origin. */
  csrfProtection(): MiddlewareHandler;
  /** 401 `reauth_required` unless the user proved password + second factor within `recentAuthSeconds`. */
  requireRecentAuth(): MiddlewareHandler;
  /**
   * One middleware for the host's API: CSRF protection and a session on every route under it, except the
   * auth routes (they guard themselves) and `publicPaths` (exact paths, or patterns).
   */
  protectApi(options?: { publicPaths?: (string | RegExp)[] }): MiddlewareHandler;
  /** Deletes expired attempts, challenges, throttle counters and long-ended sessions. */
  purgeExpired(): Promise<void>;
  /** Issues an account without an acting user (seeding, CLI). Returns the initial password. */
  issueAccount(
    input: IssueInput & { issuedBy?: string | null },
  ): Promise<{ loginId: string; initialPassword: string }>;
  readonly cookieNames: { session: string; csrf: string };
}

export interface IssueInput {
  loginId: string;
  displayName: string;
  facilityKind: FacilityKind;
  facilityCode: string;
  facilityName?: string;
  role?: string;
  userId?: string;
  initialPassword?: string;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const LOGIN_ID = /^[a-z0-9][a-z0-9._@-]{2,63}$/;

/** The login ID as compared and stored: NFKC (full-width typing works), trimmed, lower case. */
export function normalizeLoginId(text: string): string {
  return text.normalize('NFKC').trim().toLowerCase();
}

/** `+819012345678` → `+81 90-****-5678`. */
export function maskPhone(e164: string): string {
  const domestic = '0' + e164.replace(/^\+81/, '');
  const parsed = parsePhoneJP(domestic);
  const parts = (parsed.ok ? parsed.formatted : domestic).split('-');
  if (parts.length < 2) return `+81 ****${domestic.slice(-4)}`;
  const masked = parts.map((p, i) =>
    i === 0 ? p.replace(/^0/, '') : i === parts.length - 1 ? p : '*'.repeat(p.length),
  );
  return `+81 ${masked.join('-')}`;
}

function resolveConfig(config: AuthConfig): ResolvedConfig {
  const https = config.origins.length > 0 && config.origins.every((o) => o.startsWith('https://'));
  const codeSeconds = Math.min(config.codeSeconds ?? 300, 300);
  return {
    secret: config.secret,
    origins: config.origins,
    rpId: config.rpId,
    rpName: config.rpName ?? 'HER-SYS',
    secureCookies: config.secureCookies ?? https,
    sessionIdleSeconds: config.sessionIdleSeconds ?? 900,
    sessionAbsoluteSeconds: config.sessionAbsoluteSeconds ?? 43_200,
    recentAuthSeconds: config.recentAuthSeconds ?? 600,
    attemptSeconds: config.attemptSeconds ?? 900,
    codeSeconds,
    codesPerHour: config.codesPerHour ?? 10,
    initialPasswordDays: config.initialPasswordDays ?? 14,
    clientIp: config.clientIp,
    trustProxy: config.trustProxy ?? false,
    contextKey: config.contextKey ?? 'currentUser',
    support: config.support ?? {
      ja: 'IDやパスワードが分からない、電話番号が変わった、アカウントが無効になった場合は、IDを発行した管轄の保健所（保健所のアカウントは都道府県）にお問い合わせください。保健所がパスワードを再発行し、必要なら二段階認証の登録をリセットします。',
      en: 'If you do not know your ID or password, your phone number changed or your account was disabled, ask the health center that issued your ID (health-center accounts: the prefecture). They reissue the password and, if needed, reset the two-step verification.',
    },
    audit: config.audit,
    onAccountIssued: config.onAccountIssued,
    password: {
      preset: config.password?.preset ?? 'nist',
      scrypt: config.password?.scrypt ?? DEFAULT_SCRYPT,
      extraBlocklist: new Set(
        [...(config.password?.extraBlocklist ?? [])].map((p) => p.normalize('NFKC').toLowerCase()),
      ),
    },
    throttle: { ...DEFAULT_THROTTLE, ...config.throttle },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Request bodies

const str = (max: number) => z.string().max(max);
/** A sign-in step's body: the attempt it belongs to (exported for the OpenAPI document). */
export const AttemptBody = z.strictObject({ attemptId: str(200).min(1) });
/** The request bodies of the auth routes, by route (exported for the OpenAPI document). */
export const Bodies = {
  loginId: z.strictObject({ loginId: str(256).min(1) }),
  password: AttemptBody.extend({ password: str(1024).min(1) }),
  phone: AttemptBody.extend({ phone: str(40).min(1), method: z.enum(['sms', 'voice']) }),
  sendCode: AttemptBody.extend({ method: z.enum(['sms', 'voice']) }),
  verify: AttemptBody.extend({ code: str(20).min(1), method: z.enum(['sms', 'voice', 'totp']).optional() }),
  changeInitial: AttemptBody.extend({ currentPassword: str(1024).min(1), newPassword: str(1024).min(1) }),
  webauthnVerify: AttemptBody.extend({ response: z.record(z.string(), z.unknown()) }),
  registerVerify: z.strictObject({ response: z.record(z.string(), z.unknown()), name: str(64).optional() }),
  totpConfirm: z.strictObject({ code: str(20).min(1) }),
  changePhone: z.strictObject({ phone: str(40).min(1), method: z.enum(['sms', 'voice']) }),
  changePhoneVerify: z.strictObject({ code: str(20).min(1) }),
  changePassword: z.strictObject({ currentPassword: str(1024).min(1), newPassword: str(1024).min(1) }),
  issue: z.strictObject({
    loginId: str(256).min(1),
    displayName: str(100).min(1),
    facilityKind: z.enum(['outpatient', 'inpatient', 'healthCenter', 'prefecture']),
    facilityCode: str(20).min(1),
    role: str(40).optional(),
    initialPassword: str(1024).optional(),
  }),
  reset: z.strictObject({ resetSecondFactors: z.boolean().optional() }),
  policy: z.strictObject({ smsEnabled: z.boolean(), voiceEnabled: z.boolean() }),
};

async function body<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type.trim())) {
    throw new AuthError(415, 'unsupported_media_type', 'Send the body as application/json.');
  }
  const text = await c.req.text();
  if (text.length > 64 * 1024) throw new AuthError(413, 'payload_too_large', 'The body is too large.');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AuthError(400, 'invalid_json', 'The request body is not valid JSON.');
  }
  const r = schema.safeParse(value);
  if (!r.success) {
    throw new AuthError(400, 'validation_failed', 'The request has errors.', {
      issues: r.error.issues.map((i) => ({
        path: i.path.map(String).join('.'),
        code:
          i.code === 'unrecognized_keys' ? 'unknownField' : i.code === 'invalid_type' ? 'type' : 'invalid',
        severity: 'error',
      })),
    });
  }
  return r.data;
}

const passwordIssues = (issues: PasswordIssue[], path: string) =>
  issues.map((i) => ({
    path,
    code: i.code,
    severity: 'error' as const,
    ...(i.params ? { params: i.params } : {}),
  }));

// ---------------------------------------------------------------------------------------------------------

export function createAuthApp(options: AuthAppOptions): AuthApp {
  const db = options.db as unknown as AuthDb;
  const clock = options.clock ?? { now: () => new Date() };
  const cfg = resolveConfig(options.config);
  const keys = new Keys(cfg.secret);
  const throttle = new Throttle(db, cfg.throttle);
  const facilities = options.facilities;
  const cookieNames = cfg.secureCookies
    ? { session: '__Host-hersys-session', csrf: '__Host-hersys-csrf' }
    : { session: 'hersys-session', csrf: 'hersys-csrf' };
  const cookieBase = { path: '/', secure: cfg.secureCookies, sameSite: 'Lax' as const };
  let dummyHash: Promise<string> | undefined;
  let warnedNoIp = false;

  const app = new Hono() as AuthApp;

  function respond(c: Context, err: unknown): Response {
    if (err instanceof AuthError) {
      for (const [k, v] of Object.entries(err.headers)) c.header(k, v);
      return c.json({ error: { code: err.code, message: err.message }, ...err.extra }, err.status);
    }
    console.error('[auth] unexpected error:', err);
    return c.json({ error: { code: 'internal_error', message: 'An internal error occurred.' } }, 500);
  }
  app.onError((err, c) => respond(c, err));

  /**
   * The exported middleware answer refusals themselves (they do not throw), so they work in front of the
   * host's routes whatever its error handler does.
   */
  const guard =
    (check: (c: Context) => Promise<void>): MiddlewareHandler =>
    async (c, next) => {
      try {
        await check(c);
      } catch (err) {
        return respond(c, err);
      }
      await next();
    };

  const nowIso = () => clock.now().toISOString();
  const plus = (seconds: number) => new Date(clock.now().getTime() + seconds * 1000).toISOString();

  function ipOf(c: Context): string {
    if (cfg.clientIp) return cfg.clientIp(c) || 'unknown';
    if (cfg.trustProxy) {
      const hops = (c.req.header('x-forwarded-for') ?? '')
        .split(',')
        .map((h) => h.trim())
        .filter(Boolean);
      if (hops.length) return hops[hops.length - 1]!;
    }
    const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
    const peer = env?.incoming?.socket?.remoteAddress;
    if (!peer && !warnedNoIp) {
      warnedNoIp = true;
      console.warn(
        '[auth] the client address is unknown: per-address throttling is off (set config.clientIp).',
      );
    }
    return peer ?? 'unknown';
  }
  const uaOf = (c: Context) => (c.req.header('user-agent') ?? '').slice(0, 300);

  async function audit(c: Context, event: Omit<AuthAuditEvent, 'at' | 'ip' | 'userAgent'>): Promise<void> {
    if (!cfg.audit) return;
    try {
      await cfg.audit({ at: nowIso(), ip: ipOf(c), userAgent: uaOf(c), ...event });
    } catch (err) {
      console.error('[auth] audit hook failed:', err);
    }
  }

  // -------------------------------------------------------------------------------------------------------
  // CSRF: double-submit token (cookie + X-CSRF-Token header) AND Origin / Sec-Fetch-Site, on every state change.

  function csrfProtection(): MiddlewareHandler {
    return guard(async (c) => {
      if (SAFE_METHODS.has(c.req.method)) return;
      const site = c.req.header('sec-fetch-site');
      if (site && site !== 'same-origin' && site !== 'none') {
        throw new AuthError(403, 'csrf_failed', 'Cross-site requests are refused.');
      }
      const origin = c.req.header('origin');
      if (origin && origin !== new URL(c.req.url).origin && !cfg.origins.includes(origin)) {
        throw new AuthError(403, 'csrf_failed', 'Requests from this origin are refused.');
      }
      const cookie = getCookie(c, cookieNames.csrf);
      const header = c.req.header('x-csrf-token');
      if (!cookie || !header || !safeEqual(cookie, header)) {
        throw new AuthError(
          403,
          'csrf_failed',
          'The CSRF token is missing or wrong. Reload the page and try again.',
        );
      }
    });
  }

  function issueCsrf(c: Context): string {
    const existing = getCookie(c, cookieNames.csrf);
    if (existing && /^[\w-]{43}$/.test(existing)) return existing;
    const token = newToken();
    setCookie(c, cookieNames.csrf, token, { ...cookieBase, httpOnly: false });
    return token;
  }

  // -------------------------------------------------------------------------------------------------------
  // Sessions

  type SessionRow = { session: AuthSessionTable; account: AuthAccountTable };

  async function loadSession(c: Context): Promise<SessionRow | undefined> {
    const token = getCookie(c, cookieNames.session);
    if (!token || token.length > 100) return undefined;
    const session = await db
      .selectFrom('auth_sessions')
      .selectAll()
      .where('token_hash', '=', sha256(token))
      .executeTakeFirst();
    if (!session || session.ended_at) return undefined;
    const now = clock.now();
    const idleLimit = new Date(session.last_seen_at).getTime() + cfg.sessionIdleSeconds * 1000;
    const account = await db
      .selectFrom('auth_accounts')
      .selectAll()
      .where('id', '=', session.account_id)
      .executeTakeFirst();
    if (
      !account ||
      account.disabled_at ||
      now.toISOString() >= session.expires_at ||
      now.getTime() >= idleLimit
    ) {
      await db
        .updateTable('auth_sessions')
        .set({ ended_at: now.toISOString() })
        .where('id', '=', session.id)
        .execute();
      return undefined;
    }
    if (now.getTime() - new Date(session.last_seen_at).getTime() > 15_000) {
      await db
        .updateTable('auth_sessions')
        .set({ last_seen_at: now.toISOString() })
        .where('id', '=', session.id)
        .execute();
    }
    return { session, account };
  }

  const userOf = (account: AuthAccountTable, sessionId: string): AuthUser => ({
    userId: account.user_id,
    loginId: account.login_id,
    displayName: account.display_name,
    facilityKind: account.facility_kind,
    facilityCode: account.facility_code,
    facilityName: account.facility_name,
    role: account.role,
    sessionId,
  });

  function requireSession(): MiddlewareHandler {
    return guard(async (c) => {
      const found = await loadSession(c);
      if (!found) {
        if (getCookie(c, cookieNames.session)) deleteCookie(c, cookieNames.session, cookieBase);
        throw new AuthError(401, 'unauthenticated', 'Sign in to continue.');
      }
      c.set(cfg.contextKey as never, userOf(found.account, found.session.id) as never);
      c.set('authSession' as never, found as never);
    });
  }

  function requireRecentAuth(): MiddlewareHandler {
    return guard(async (c) => {
      const found = (c.get('authSession' as never) as SessionRow | undefined) ?? (await loadSession(c));
      if (!found) throw new AuthError(401, 'unauthenticated', 'Sign in to continue.');
      const age = clock.now().getTime() - new Date(found.session.reauth_at).getTime();
      if (age > cfg.recentAuthSeconds * 1000) {
        throw new AuthError(
          401,
          'reauth_required',
          'Confirm it is you: sign in again with your password and second factor.',
        );
      }
    });
  }

  const sessionOf = (c: Context) => c.get('authSession' as never) as SessionRow;

  async function createSession(c: Context, account: AuthAccountTable): Promise<string> {
    const token = newToken();
    const id = newId();
    const t = nowIso();
    await db
      .insertInto('auth_sessions')
      .values({
        id,
        token_hash: sha256(token),
        account_id: account.id,
        created_at: t,
        last_seen_at: t,
        expires_at: plus(cfg.sessionAbsoluteSeconds),
        reauth_at: t,
        ip: ipOf(c),
        user_agent: uaOf(c),
        ended_at: null,
      })
      .execute();
    // A new id after sign-in (the old cookie, if any, is ended and replaced).
    const old = getCookie(c, cookieNames.session);
    if (old)
      await db
        .updateTable('auth_sessions')
        .set({ ended_at: t })
        .where('token_hash', '=', sha256(old))
        .where('ended_at', 'is', null)
        .execute();
    setCookie(c, cookieNames.session, token, {
      ...cookieBase,
      httpOnly: true,
      maxAge: cfg.sessionAbsoluteSeconds,
    });
    return id;
  }

  async function endSessions(accountId: string, exceptId?: string): Promise<void> {
    let q = db
      .updateTable('auth_sessions')
      .set({ ended_at: nowIso() })
      .where('account_id', '=', accountId)
      .where('ended_at', 'is', null);
    if (exceptId) q = q.where('id', '!=', exceptId);
    await q.execute();
  }

  // -------------------------------------------------------------------------------------------------------
  // Attempts

  async function loadAttempt(attemptToken: string, states: readonly AuthAttemptTable['state'][]) {
    const attempt = await db
      .selectFrom('auth_attempts')
      .selectAll()
      .where('token_hash', '=', sha256(attemptToken))
      .executeTakeFirst();
    if (
      !attempt ||
      attempt.expires_at <= nowIso() ||
      attempt.state === 'failed' ||
      attempt.state === 'done'
    ) {
      throw new AuthError(
        401,
        'attempt_expired',
        'This sign-in has expired. Start again with your login ID.',
      );
    }
    if (!states.includes(attempt.state)) {
      throw new AuthError(409, 'wrong_step', 'This step is not available now.', { next: attempt.state });
    }
    const account = attempt.account_id
      ? await db
          .selectFrom('auth_accounts')
          .selectAll()
          .where('id', '=', attempt.account_id)
          .executeTakeFirst()
      : undefined;
    // The account may have been disabled since the password step.
    if (attempt.state !== 'password' && (!account || account.disabled_at)) {
      throw new AuthError(
        401,
        'attempt_expired',
        'This sign-in has expired. Start again with your login ID.',
      );
    }
    return { attempt, account };
  }

  async function setState(
    attemptId: string,
    state: AuthAttemptTable['state'],
    factor?: string,
  ): Promise<void> {
    await db
      .updateTable('auth_attempts')
      .set({ state, ...(factor ? { factor } : {}) })
      .where('id', '=', attemptId)
      .execute();
  }

  async function factorsOf(account: AuthAccountTable) {
    const keysCount = await db
      .selectFrom('webauthn_credentials')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_id', '=', account.id)
      .executeTakeFirst();
    const totp = await db
      .selectFrom('totp_secrets')
      .select('confirmed_at')
      .where('account_id', '=', account.id)
      .executeTakeFirst();
    const hasPhone = !!account.phone_verified_at && !!account.phone;
    const methods: string[] = [];
    if (Number(keysCount?.n ?? 0) > 0) methods.push('webauthn');
    if (totp?.confirmed_at) methods.push('totp');
    if (hasPhone && account.sms_enabled && account.phone_sms_capable) methods.push('sms');
    if (hasPhone && account.voice_enabled) methods.push('voice');
    return {
      methods,
      phoneHint: hasPhone ? maskPhone(account.phone!) : null,
      hasStrongFactor: methods.includes('webauthn') || methods.includes('totp'),
      webauthnCount: Number(keysCount?.n ?? 0),
    };
  }

  /** The password was right: where next. */
  async function afterPassword(attempt: AuthAttemptTable, account: AuthAccountTable) {
    const f = await factorsOf(account);
    if (attempt.purpose === 'signIn' && f.methods.length === 0) {
      await setState(attempt.id, 'enrollPhone');
      return {
        next: 'enrollPhone' as const,
        smsEnabled: !!account.sms_enabled,
        voiceEnabled: !!account.voice_enabled,
      };
    }
    if (f.methods.length === 0)
      throw new AuthError(409, 'no_second_factor', 'No second factor is registered.');
    await setState(attempt.id, 'secondFactor');
    return { next: 'secondFactor' as const, methods: f.methods, phoneHint: f.phoneHint };
  }

  /** The second factor was right: change the initial password, or finish. */
  async function afterSecondFactor(
    c: Context,
    attempt: AuthAttemptTable,
    account: AuthAccountTable,
    factor: string,
  ) {
    if (attempt.purpose === 'signIn' && account.must_change_password) {
      await setState(attempt.id, 'changePassword', factor);
      return c.json({ next: 'changePassword' });
    }
    return finish(c, attempt, account, factor);
  }

  async function finish(c: Context, attempt: AuthAttemptTable, account: AuthAccountTable, factor: string) {
    await setState(attempt.id, 'done', factor);
    if (attempt.purpose === 'reauth' && attempt.session_id) {
      await db
        .updateTable('auth_sessions')
        .set({ reauth_at: nowIso() })
        .where('id', '=', attempt.session_id)
        .execute();
      await audit(c, {
        action: 'reauth.completed',
        outcome: 'success',
        loginId: account.login_id,
        accountId: account.id,
        detail: { factor },
      });
      return c.json({ next: 'done', reauthenticated: true });
    }
    const sessionId = await createSession(c, account);
    const f = await factorsOf(account);
    await audit(c, {
      action: 'signIn.completed',
      outcome: 'success',
      loginId: account.login_id,
      accountId: account.id,
      detail: { factor, sessionId },
    });
    return c.json({
      next: 'done',
      user: userOf(account, sessionId),
      offerSecurityKey: f.webauthnCount === 0,
    });
  }

  // -------------------------------------------------------------------------------------------------------
  // Codes (SMS / voice)

  async function sendCode(
    c: Context,
    target: { attemptId?: string; sessionId?: string; accountId: string },
    step: string,
    method: 'sms' | 'voice',
    phoneE164: string,
  ) {
    const hourAgo = new Date(clock.now().getTime() - 3600_000).toISOString();
    const recent = await db
      .selectFrom('auth_challenges')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_id', '=', target.accountId)
      .where('method', 'in', ['sms', 'voice'])
      .where('created_at', '>', hourAgo)
      .executeTakeFirst();
    if (Number(recent?.n ?? 0) >= cfg.codesPerHour) {
      throw new AuthError(
        429,
        'too_many_codes',
        'Too many codes were sent. Wait an hour, or ask your health center.',
        { retryAfterSeconds: 3600 },
        { 'Retry-After': '3600' },
      );
    }
    // Only the newest code of an attempt counts.
    let stale = db
      .updateTable('auth_challenges')
      .set({ used_at: nowIso() })
      .where('used_at', 'is', null)
      .where('method', 'in', ['sms', 'voice']);
    stale = target.attemptId
      ? stale.where('attempt_id', '=', target.attemptId)
      : stale.where('session_id', '=', target.sessionId!);
    await stale.execute();
    const id = newId();
    const code = newCode();
    const expiresAt = plus(cfg.codeSeconds);
    await db
      .insertInto('auth_challenges')
      .values({
        id,
        attempt_id: target.attemptId ?? null,
        session_id: target.sessionId ?? null,
        account_id: target.accountId,
        step,
        method,
        code_hash: keys.hashCode(id, code),
        phone: phoneE164,
        tries: 0,
        expires_at: expiresAt,
        used_at: null,
        created_at: nowIso(),
      })
      .execute();
    const minutes = Math.round(cfg.codeSeconds / 60);
    try {
      if (method === 'sms') {
        await options.sms.sendSms(
          phoneE164,
          `HER-SYS 確認コード: ${code}（${minutes}分間有効）。このコードを他人に教えないでください。`,
        );
      } else {
        const spoken = code.split('').join('、');
        await options.voice.call(
          phoneE164,
          `HER-SYS の確認コードをお知らせします。${spoken}。繰り返します。${spoken}。`,
        );
      }
    } catch (err) {
      console.error('[auth] code delivery failed:', err);
      await db.updateTable('auth_challenges').set({ used_at: nowIso() }).where('id', '=', id).execute();
      throw new AuthError(
        422,
        'delivery_failed',
        'The code could not be sent. Check the number or choose the other method.',
      );
    }
    return { next: 'verifyCode' as const, method, sentTo: maskPhone(phoneE164), expiresAt, codeLength: 6 };
  }

  /** Checks a code against the newest open challenge of the attempt or session. Throws on any refusal. */
  /** Records a phone number whose code was just answered, and whether SMS can reach it. */
  async function storeVerifiedPhone(accountId: string, phoneE164: string): Promise<void> {
    const now = nowIso();
    await db
      .updateTable('auth_accounts')
      .set({
        phone: phoneE164,
        phone_verified_at: now,
        phone_sms_capable: parsePhoneJP('0' + phoneE164.replace(/^\+81/, '')).smsCapable ? 1 : 0,
        updated_at: now,
      })
      .where('id', '=', accountId)
      .execute();
  }

  async function checkCode(
    c: Context,
    where: { attemptId?: string; sessionId?: string },
    steps: string[],
    code: string,
    loginId: string,
  ) {
    let q = db
      .selectFrom('auth_challenges')
      .selectAll()
      .where('step', 'in', steps)
      .where('method', 'in', ['sms', 'voice']);
    q = where.attemptId
      ? q.where('attempt_id', '=', where.attemptId)
      : q.where('session_id', '=', where.sessionId!);
    const ch = await q.orderBy('created_at', 'desc').limit(1).executeTakeFirst();
    if (!ch) throw new AuthError(409, 'no_code', 'Request a code first.');
    if (ch.used_at)
      throw new AuthError(
        410,
        'code_used',
        'This code has already been used or replaced. Request a new code.',
      );
    if (ch.expires_at <= nowIso())
      throw new AuthError(410, 'code_expired', 'The code has expired. Request a new code.');
    if (ch.tries >= 5)
      throw new AuthError(410, 'code_exhausted', 'Too many wrong codes. Request a new code.');
    const verdict = await throttle.admit(loginId, ipOf(c), clock.now());
    if (!verdict.ok) throw throttled(verdict.retryAfterSeconds, verdict.reason);
    const digits = code.normalize('NFKC').replace(/\s/g, '');
    if (!/^\d{6}$/.test(digits) || !safeEqual(keys.hashCode(ch.id, digits), ch.code_hash)) {
      await db
        .updateTable('auth_challenges')
        .set((eb) => ({ tries: eb('tries', '+', 1) }))
        .where('id', '=', ch.id)
        .execute();
      await throttle.fail(loginId, ipOf(c), clock.now());
      const triesLeft = Math.max(0, 5 - ch.tries - 1);
      await audit(c, {
        action: 'signIn.code.failed',
        outcome: 'failure',
        loginId,
        accountId: ch.account_id,
        detail: { triesLeft },
      });
      throw new AuthError(
        401,
        'invalid_code',
        triesLeft > 0 ? 'The code is not correct.' : 'The code is not correct. Request a new code.',
        { triesLeft },
      );
    }
    const used = await db
      .updateTable('auth_challenges')
      .set({ used_at: nowIso() })
      .where('id', '=', ch.id)
      .where('used_at', 'is', null)
      .where('tries', '<', 5)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) {
      // Used concurrently by another request: count it as a failure (it releases this try's hold too).
      await throttle.fail(loginId, ipOf(c), clock.now());
      throw new AuthError(410, 'code_used', 'This code has already been used. Request a new code.');
    }
    await throttle.succeed(loginId);
    return ch;
  }

  function throttled(retryAfterSeconds: number, reason: 'account' | 'ip') {
    return new AuthError(
      429,
      reason === 'ip' ? 'too_many_attempts' : 'slow_down',
      reason === 'ip'
        ? 'Too many failed sign-ins from this network. Try again later.'
        : `Too many failed attempts. Wait ${retryAfterSeconds} seconds and try again.`,
      { retryAfterSeconds },
      { 'Retry-After': String(retryAfterSeconds) },
    );
  }

  function parseJapanPhone(text: string, method: 'sms' | 'voice'): { e164: string; smsCapable: boolean } {
    const trimmed = text.normalize('NFKC').trim();
    // The form has a fixed Japan (+81) prefix; accept the number with or without its leading 0 or +81.
    const domestic = trimmed.startsWith('+') || trimmed.startsWith('0') ? trimmed : '0' + trimmed;
    const p = parsePhoneJP(domestic);
    const issue = (code: string) =>
      new AuthError(400, 'validation_failed', 'The phone number cannot be used.', {
        issues: [{ path: 'phone', code, severity: 'error' }],
      });
    if (!p.ok || p.kind === 'international') throw issue('phone.invalid');
    if (!['mobile', 'landline', 'ip'].includes(p.kind)) throw issue('phone.notReachable');
    if (method === 'sms' && !p.smsCapable) throw issue('phone.smsNeedsMobile');
    return { e164: '+81' + p.digits.slice(1), smsCapable: p.smsCapable };
  }

  function methodAllowed(account: AuthAccountTable, method: 'sms' | 'voice') {
    if ((method === 'sms' && !account.sms_enabled) || (method === 'voice' && !account.voice_enabled)) {
      throw new AuthError(
        403,
        'method_disabled',
        'Your facility has switched this method off. Use another one.',
      );
    }
  }

  // -------------------------------------------------------------------------------------------------------
  // Routes: the sign-in steps

  app.use('/api/auth/*', async (c, next) => {
    c.header('Cache-Control', 'no-store');
    await next();
  });
  app.use('/api/auth/*', csrfProtection());

  app.get('/api/auth/csrf', (c) => c.json({ token: issueCsrf(c), header: 'X-CSRF-Token' }));

  app.get('/api/auth/help', (c) => c.json({ cannotAccessAccount: cfg.support, forgotPassword: cfg.support }));

  app.post('/api/auth/login-id', async (c) => {
    const { loginId: typed } = await body(c, Bodies.loginId);
    const loginId = normalizeLoginId(typed);
    const account = LOGIN_ID.test(loginId)
      ? await db.selectFrom('auth_accounts').select('id').where('login_id', '=', loginId).executeTakeFirst()
      : undefined;
    const token = newToken();
    await db
      .insertInto('auth_attempts')
      .values({
        id: newId(),
        token_hash: sha256(token),
        login_id: loginId.slice(0, 128),
        account_id: account?.id ?? null,
        purpose: 'signIn',
        session_id: null,
        state: 'password',
        ip: ipOf(c),
        user_agent: uaOf(c),
        factor: null,
        created_at: nowIso(),
        expires_at: plus(cfg.attemptSeconds),
      })
      .execute();
    // Housekeeping now and then (also callable from a worker: `auth.purgeExpired()`).
    if (Math.random() < 0.01)
      void purgeExpired().catch((err: unknown) => console.error('[auth] purge failed:', err));
    // Same answer whether or not the ID exists.
    return c.json({ attemptId: token, next: 'password', loginId });
  });

  app.post('/api/auth/password', async (c) => {
    const input = await body(c, Bodies.password);
    const { attempt, account } = await loadAttempt(input.attemptId, ['password']);
    const verdict = await throttle.admit(attempt.login_id, ipOf(c), clock.now());
    if (!verdict.ok) {
      await audit(c, {
        action: 'signIn.throttled',
        outcome: 'failure',
        loginId: attempt.login_id,
        accountId: attempt.account_id,
        detail: { reason: verdict.reason },
      });
      throw throttled(verdict.retryAfterSeconds, verdict.reason);
    }
    dummyHash ??= hashPassword('not-a-real-password-' + newToken(), cfg.password.scrypt);
    const stored = account?.password_hash ?? (await dummyHash);
    const { ok, needsRehash } = await verifyPassword(input.password, stored, cfg.password.scrypt);
    if (!ok || !account || account.disabled_at) {
      await throttle.fail(attempt.login_id, ipOf(c), clock.now());
      await audit(c, {
        action: 'signIn.password.failed',
        outcome: 'failure',
        loginId: attempt.login_id,
        accountId: attempt.account_id,
        detail: { reason: !account ? 'unknownId' : account.disabled_at ? 'disabled' : 'wrongPassword' },
      });
      throw new AuthError(401, 'invalid_credentials', 'The login ID or password is incorrect.');
    }
    await throttle.succeed(attempt.login_id);
    // ASVS 2.3.1: an initial (issued or reset) password expires if it is not used in time.
    const issuedAgo = clock.now().getTime() - new Date(account.password_changed_at).getTime();
    if (account.must_change_password && issuedAgo > cfg.initialPasswordDays * 86_400_000) {
      await setState(attempt.id, 'failed');
      await audit(c, {
        action: 'signIn.initialPassword.expired',
        outcome: 'failure',
        loginId: account.login_id,
        accountId: account.id,
      });
      throw new AuthError(
        401,
        'initial_password_expired',
        'The initial password has expired. Ask your health center to issue a new one.',
      );
    }
    if (needsRehash) {
      await db
        .updateTable('auth_accounts')
        .set({ password_hash: await hashPassword(input.password, cfg.password.scrypt) })
        .where('id', '=', account.id)
        .execute();
    }
    return c.json(await afterPassword(attempt, account));
  });

  // ⑥ First sign-in: register the phone (Japan +81) and send a code by SMS or a voice call.
  app.post('/api/auth/phone', async (c) => {
    const input = await body(c, Bodies.phone);
    const { attempt, account } = await loadAttempt(input.attemptId, ['enrollPhone']);
    methodAllowed(account!, input.method);
    const phone = parseJapanPhone(input.phone, input.method);
    return c.json(
      await sendCode(
        c,
        { attemptId: attempt.id, accountId: account!.id },
        'enrollPhone',
        input.method,
        phone.e164,
      ),
    );
  });

  // Later sign-ins: a code to the registered phone.
  app.post('/api/auth/send-code', async (c) => {
    const input = await body(c, Bodies.sendCode);
    const { attempt, account } = await loadAttempt(input.attemptId, ['secondFactor']);
    const f = await factorsOf(account!);
    if (!f.methods.includes(input.method)) {
      throw new AuthError(
        403,
        'method_disabled',
        'This method is not available for your account. Use another one.',
      );
    }
    return c.json(
      await sendCode(
        c,
        { attemptId: attempt.id, accountId: account!.id },
        'signIn',
        input.method,
        account!.phone!,
      ),
    );
  });

  app.post('/api/auth/verify', async (c) => {
    const input = await body(c, Bodies.verify);
    const { attempt, account } = await loadAttempt(input.attemptId, ['enrollPhone', 'secondFactor']);
    const acct = account!;
    if (input.method === 'totp') {
      if (attempt.state !== 'secondFactor')
        throw new AuthError(409, 'wrong_step', 'This step is not available now.', { next: attempt.state });
      await checkTotp(c, acct, input.code);
      return afterSecondFactor(c, attempt, acct, 'totp');
    }
    const step = attempt.state === 'enrollPhone' ? 'enrollPhone' : 'signIn';
    const ch = await checkCode(c, { attemptId: attempt.id }, [step], input.code, attempt.login_id);
    if (step === 'enrollPhone') {
      await storeVerifiedPhone(acct.id, ch.phone!);
      await audit(c, {
        action: 'factor.phone.registered',
        outcome: 'success',
        loginId: acct.login_id,
        accountId: acct.id,
        detail: { method: ch.method },
      });
      // ⑨ 完了: the client shows it, then the password change (⑩).
      const res = await afterSecondFactor(c, attempt, acct, ch.method);
      return res;
    }
    return afterSecondFactor(c, attempt, acct, ch.method);
  });

  /** The decrypted TOTP secret; a secret sealed under another server secret is a refusal, not a 500. */
  function totpSecret(sealed: string): string {
    try {
      return keys.decrypt(sealed);
    } catch {
      console.error('[auth] a TOTP secret cannot be decrypted: was HERSYS_AUTH_SECRET changed?');
      throw new AuthError(
        403,
        'method_disabled',
        'The authenticator app registration cannot be used. Choose another method, or ask your health center to reset it.',
      );
    }
  }

  async function checkTotp(c: Context, account: AuthAccountTable, code: string): Promise<void> {
    const row = await db
      .selectFrom('totp_secrets')
      .selectAll()
      .where('account_id', '=', account.id)
      .executeTakeFirst();
    if (!row?.confirmed_at)
      throw new AuthError(403, 'method_disabled', 'No authenticator app is registered.');
    const secret = totpSecret(row.secret_enc);
    const verdict = await throttle.admit(account.login_id, ipOf(c), clock.now());
    if (!verdict.ok) throw throttled(verdict.retryAfterSeconds, verdict.reason);
    const digits = code.normalize('NFKC').replace(/\s/g, '');
    const step = /^\d{6}$/.test(digits) ? matchTotp(secret, digits, clock.now()) : undefined;
    // A code is accepted once: a step at or before the last accepted one is a replay.
    const claimed =
      step === undefined
        ? 0
        : Number(
            (
              await db
                .updateTable('totp_secrets')
                .set({ last_step: step })
                .where('account_id', '=', account.id)
                .where('last_step', '<', step)
                .executeTakeFirst()
            ).numUpdatedRows,
          );
    if (claimed !== 1) {
      await throttle.fail(account.login_id, ipOf(c), clock.now());
      await audit(c, {
        action: 'signIn.totp.failed',
        outcome: 'failure',
        loginId: account.login_id,
        accountId: account.id,
      });
      throw new AuthError(401, 'invalid_code', 'The code is not correct.');
    }
    await throttle.succeed(account.login_id);
  }

  // ⑩ The initial password is replaced before the first session.
  app.post('/api/auth/change-initial-password', async (c) => {
    const input = await body(c, Bodies.changeInitial);
    const { attempt, account } = await loadAttempt(input.attemptId, ['changePassword']);
    const acct = account!;
    const verdict = await throttle.admit(attempt.login_id, ipOf(c), clock.now());
    if (!verdict.ok) throw throttled(verdict.retryAfterSeconds, verdict.reason);
    const current = await verifyPassword(input.currentPassword, acct.password_hash, cfg.password.scrypt);
    if (!current.ok) {
      await throttle.fail(attempt.login_id, ipOf(c), clock.now());
      throw new AuthError(400, 'validation_failed', 'The current password is not correct.', {
        issues: [{ path: 'currentPassword', code: 'password.wrongCurrent', severity: 'error' }],
      });
    }
    await throttle.succeed(attempt.login_id);
    await setNewPassword(acct, input.newPassword, input.currentPassword);
    await endSessions(acct.id);
    const fresh = await db
      .selectFrom('auth_accounts')
      .selectAll()
      .where('id', '=', acct.id)
      .executeTakeFirstOrThrow();
    return finish(c, attempt, fresh, attempt.factor ?? 'phone');
  });

  async function setNewPassword(account: AuthAccountTable, newPassword: string, currentPassword: string) {
    const issues = checkPassword(newPassword, {
      preset: cfg.password.preset,
      contextWords: [
        account.login_id,
        account.facility_name,
        account.display_name,
        ...account.display_name.split(/\s+/u),
      ],
      currentPassword,
      extraBlocklist: cfg.password.extraBlocklist,
    });
    if (issues.length) {
      throw new AuthError(400, 'validation_failed', 'Choose another password.', {
        issues: passwordIssues(issues, 'newPassword'),
      });
    }
    await db
      .updateTable('auth_accounts')
      .set({
        password_hash: await hashPassword(newPassword, cfg.password.scrypt),
        must_change_password: 0,
        password_changed_at: nowIso(),
        updated_at: nowIso(),
      })
      .where('id', '=', account.id)
      .execute();
  }

  // WebAuthn as the second factor.
  app.post('/api/auth/webauthn/authenticate/options', async (c) => {
    const input = await body(c, AttemptBody);
    const { attempt, account } = await loadAttempt(input.attemptId, ['secondFactor']);
    const creds = await db
      .selectFrom('webauthn_credentials')
      .select(['id', 'transports'])
      .where('account_id', '=', account!.id)
      .execute();
    if (creds.length === 0) throw new AuthError(403, 'method_disabled', 'No security key is registered.');
    const opts = await generateAuthenticationOptions({
      rpID: cfg.rpId,
      allowCredentials: creds.map((k) => ({ id: k.id, transports: JSON.parse(k.transports) as string[] })),
      userVerification: 'preferred',
    });
    await db
      .updateTable('auth_challenges')
      .set({ used_at: nowIso() })
      .where('attempt_id', '=', attempt.id)
      .where('method', '=', 'webauthn')
      .where('used_at', 'is', null)
      .execute();
    await db
      .insertInto('auth_challenges')
      .values({
        id: newId(),
        attempt_id: attempt.id,
        session_id: null,
        account_id: account!.id,
        step: 'webauthnAuthenticate',
        method: 'webauthn',
        code_hash: opts.challenge,
        phone: null,
        tries: 0,
        expires_at: plus(cfg.codeSeconds),
        used_at: null,
        created_at: nowIso(),
      })
      .execute();
    return c.json(opts);
  });

  app.post('/api/auth/webauthn/authenticate/verify', async (c) => {
    const input = await body(c, Bodies.webauthnVerify);
    const { attempt, account } = await loadAttempt(input.attemptId, ['secondFactor']);
    const acct = account!;
    const ch = await db
      .selectFrom('auth_challenges')
      .selectAll()
      .where('attempt_id', '=', attempt.id)
      .where('step', '=', 'webauthnAuthenticate')
      .where('used_at', 'is', null)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    if (!ch || ch.expires_at <= nowIso())
      throw new AuthError(410, 'code_expired', 'The security-key request has expired. Try again.');
    const response = input.response as unknown as AuthenticationResponseJSON;
    const cred =
      typeof response.id === 'string'
        ? await db
            .selectFrom('webauthn_credentials')
            .selectAll()
            .where('id', '=', response.id)
            .where('account_id', '=', acct.id)
            .executeTakeFirst()
        : undefined;
    const verdict = await throttle.admit(attempt.login_id, ipOf(c), clock.now());
    if (!verdict.ok) throw throttled(verdict.retryAfterSeconds, verdict.reason);
    let verified = false;
    let newCounter = 0;
    if (cred) {
      try {
        const r = await verifyAuthenticationResponse({
          response,
          expectedChallenge: ch.code_hash,
          expectedOrigin: cfg.origins,
          expectedRPID: cfg.rpId,
          credential: {
            id: cred.id,
            publicKey: Buffer.from(cred.public_key, 'base64url'),
            counter: Number(cred.counter),
            transports: JSON.parse(cred.transports) as never,
          },
          requireUserVerification: false,
        });
        verified = r.verified;
        newCounter = r.authenticationInfo.newCounter;
      } catch {
        verified = false;
      }
    }
    const used = await db
      .updateTable('auth_challenges')
      .set({ used_at: nowIso() })
      .where('id', '=', ch.id)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (!verified || Number(used.numUpdatedRows) !== 1) {
      await throttle.fail(attempt.login_id, ipOf(c), clock.now());
      await audit(c, {
        action: 'signIn.webauthn.failed',
        outcome: 'failure',
        loginId: acct.login_id,
        accountId: acct.id,
      });
      throw new AuthError(401, 'invalid_credential', 'The security key was not accepted.');
    }
    await throttle.succeed(attempt.login_id);
    await db
      .updateTable('webauthn_credentials')
      .set({ counter: newCounter, last_used_at: nowIso() })
      .where('id', '=', cred!.id)
      .execute();
    return afterSecondFactor(c, attempt, acct, 'webauthn');
  });

  // -------------------------------------------------------------------------------------------------------
  // Routes: signed in

  app.get('/api/auth/me', requireSession(), async (c) => {
    const { account, session } = sessionOf(c);
    const f = await factorsOf(account);
    const creds = await db
      .selectFrom('webauthn_credentials')
      .select(['id', 'name', 'created_at', 'last_used_at'])
      .where('account_id', '=', account.id)
      .execute();
    return c.json({
      user: userOf(account, session.id),
      factors: {
        phone: account.phone ? maskPhone(account.phone) : null,
        methods: f.methods,
        smsEnabled: !!account.sms_enabled,
        voiceEnabled: !!account.voice_enabled,
        securityKeys: creds.map((k) => ({
          id: k.id,
          name: k.name,
          createdAt: k.created_at,
          lastUsedAt: k.last_used_at,
        })),
      },
      session: { id: session.id, expiresAt: session.expires_at, reauthAt: session.reauth_at },
    });
  });

  app.post('/api/auth/logout', async (c) => {
    const found = await loadSession(c);
    if (found) {
      await db
        .updateTable('auth_sessions')
        .set({ ended_at: nowIso() })
        .where('id', '=', found.session.id)
        .execute();
      await audit(c, {
        action: 'session.ended',
        outcome: 'success',
        loginId: found.account.login_id,
        accountId: found.account.id,
        detail: { by: 'signOut' },
      });
    }
    deleteCookie(c, cookieNames.session, cookieBase);
    return c.json({ signedOut: true });
  });

  app.get('/api/auth/sessions', requireSession(), async (c) => {
    const { account, session } = sessionOf(c);
    const now = clock.now();
    const idleCut = new Date(now.getTime() - cfg.sessionIdleSeconds * 1000).toISOString();
    const rows = await db
      .selectFrom('auth_sessions')
      .select(['id', 'created_at', 'last_seen_at', 'expires_at', 'ip', 'user_agent'])
      .where('account_id', '=', account.id)
      .where('ended_at', 'is', null)
      .where('expires_at', '>', now.toISOString())
      .where('last_seen_at', '>', idleCut)
      .orderBy('created_at', 'desc')
      .execute();
    return c.json({
      items: rows.map((r) => ({
        id: r.id,
        createdAt: r.created_at,
        lastSeenAt: r.last_seen_at,
        expiresAt: r.expires_at,
        ip: r.ip,
        userAgent: r.user_agent,
        current: r.id === session.id,
      })),
    });
  });

  app.delete('/api/auth/sessions/:id', requireSession(), async (c) => {
    const { account, session } = sessionOf(c);
    const id = c.req.param('id');
    const r = await db
      .updateTable('auth_sessions')
      .set({ ended_at: nowIso() })
      .where('id', '=', id)
      .where('account_id', '=', account.id)
      .where('ended_at', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AuthError(404, 'not_found', 'The session was not found.');
    if (id === session.id) deleteCookie(c, cookieNames.session, cookieBase);
    await audit(c, {
      action: 'session.ended',
      outcome: 'success',
      loginId: account.login_id,
      accountId: account.id,
      detail: { sessionId: id },
    });
    return c.json({ ended: true });
  });

  // Re-authentication: the same steps (password, second factor) for the current session.
  app.post('/api/auth/reauth', requireSession(), async (c) => {
    const { account, session } = sessionOf(c);
    const token = newToken();
    await db
      .insertInto('auth_attempts')
      .values({
        id: newId(),
        token_hash: sha256(token),
        login_id: account.login_id,
        account_id: account.id,
        purpose: 'reauth',
        session_id: session.id,
        state: 'password',
        ip: ipOf(c),
        user_agent: uaOf(c),
        factor: null,
        created_at: nowIso(),
        expires_at: plus(cfg.attemptSeconds),
      })
      .execute();
    return c.json({ attemptId: token, next: 'password', loginId: account.login_id });
  });

  app.post('/api/auth/password/change', requireSession(), async (c) => {
    const input = await body(c, Bodies.changePassword);
    const { account, session } = sessionOf(c);
    const verdict = await throttle.admit(account.login_id, ipOf(c), clock.now());
    if (!verdict.ok) throw throttled(verdict.retryAfterSeconds, verdict.reason);
    const current = await verifyPassword(input.currentPassword, account.password_hash, cfg.password.scrypt);
    if (!current.ok) {
      await throttle.fail(account.login_id, ipOf(c), clock.now());
      throw new AuthError(400, 'validation_failed', 'The current password is not correct.', {
        issues: [{ path: 'currentPassword', code: 'password.wrongCurrent', severity: 'error' }],
      });
    }
    await throttle.succeed(account.login_id);
    await setNewPassword(account, input.newPassword, input.currentPassword);
    await endSessions(account.id, session.id);
    await audit(c, {
      action: 'password.changed',
      outcome: 'success',
      loginId: account.login_id,
      accountId: account.id,
    });
    return c.json({ changed: true });
  });

  // Second factors (re-authentication required).
  app.post('/api/auth/webauthn/register/options', requireSession(), requireRecentAuth(), async (c) => {
    const { account, session } = sessionOf(c);
    const existing = await db
      .selectFrom('webauthn_credentials')
      .select(['id', 'transports'])
      .where('account_id', '=', account.id)
      .execute();
    const opts = await generateRegistrationOptions({
      rpName: cfg.rpName,
      rpID: cfg.rpId,
      userName: account.login_id,
      userDisplayName: account.display_name,
      userID: new TextEncoder().encode(account.id),
      attestationType: 'none',
      excludeCredentials: existing.map((k) => ({
        id: k.id,
        transports: JSON.parse(k.transports) as string[],
      })),
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
    });
    await db
      .insertInto('auth_challenges')
      .values({
        id: newId(),
        attempt_id: null,
        session_id: session.id,
        account_id: account.id,
        step: 'webauthnRegister',
        method: 'webauthn',
        code_hash: opts.challenge,
        phone: null,
        tries: 0,
        expires_at: plus(cfg.codeSeconds),
        used_at: null,
        created_at: nowIso(),
      })
      .execute();
    return c.json(opts);
  });

  app.post('/api/auth/webauthn/register/verify', requireSession(), requireRecentAuth(), async (c) => {
    const input = await body(c, Bodies.registerVerify);
    const { account, session } = sessionOf(c);
    const ch = await db
      .selectFrom('auth_challenges')
      .selectAll()
      .where('session_id', '=', session.id)
      .where('step', '=', 'webauthnRegister')
      .where('used_at', 'is', null)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    if (!ch || ch.expires_at <= nowIso())
      throw new AuthError(410, 'code_expired', 'The registration request has expired. Try again.');
    await db.updateTable('auth_challenges').set({ used_at: nowIso() }).where('id', '=', ch.id).execute();
    let info;
    try {
      const r = await verifyRegistrationResponse({
        response: input.response as unknown as RegistrationResponseJSON,
        expectedChallenge: ch.code_hash,
        expectedOrigin: cfg.origins,
        expectedRPID: cfg.rpId,
        requireUserVerification: false,
      });
      info = r.verified ? r.registrationInfo : undefined;
    } catch {
      info = undefined;
    }
    if (!info) throw new AuthError(400, 'invalid_credential', 'The security key could not be registered.');
    const cred = info.credential;
    await db
      .insertInto('webauthn_credentials')
      .values({
        id: cred.id,
        account_id: account.id,
        name: input.name?.trim() || 'セキュリティキー',
        public_key: Buffer.from(cred.publicKey).toString('base64url'),
        counter: cred.counter,
        transports: JSON.stringify(cred.transports ?? []),
        created_at: nowIso(),
        last_used_at: null,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    await audit(c, {
      action: 'factor.webauthn.registered',
      outcome: 'success',
      loginId: account.login_id,
      accountId: account.id,
    });
    return c.json({ registered: true, id: cred.id }, 201);
  });

  app.delete('/api/auth/webauthn/:id', requireSession(), requireRecentAuth(), async (c) => {
    const { account } = sessionOf(c);
    const f = await factorsOf(account);
    if (f.methods.length <= 1 && f.methods[0] === 'webauthn' && f.webauthnCount <= 1) {
      throw new AuthError(409, 'last_factor', 'This is your only second factor. Register another one first.');
    }
    const r = await db
      .deleteFrom('webauthn_credentials')
      .where('id', '=', c.req.param('id'))
      .where('account_id', '=', account.id)
      .executeTakeFirst();
    if (Number(r.numDeletedRows) !== 1)
      throw new AuthError(404, 'not_found', 'The security key was not found.');
    await audit(c, {
      action: 'factor.webauthn.removed',
      outcome: 'success',
      loginId: account.login_id,
      accountId: account.id,
    });
    return c.json({ removed: true });
  });

  app.post('/api/auth/totp/setup', requireSession(), requireRecentAuth(), async (c) => {
    const { account } = sessionOf(c);
    const secret = newTotpSecret();
    await db
      .deleteFrom('totp_secrets')
      .where('account_id', '=', account.id)
      .where('confirmed_at', 'is', null)
      .execute();
    const existing = await db
      .selectFrom('totp_secrets')
      .select('account_id')
      .where('account_id', '=', account.id)
      .executeTakeFirst();
    if (existing)
      throw new AuthError(
        409,
        'already_registered',
        'An authenticator app is already registered. Remove it first.',
      );
    await db
      .insertInto('totp_secrets')
      .values({
        account_id: account.id,
        secret_enc: keys.encrypt(secret),
        confirmed_at: null,
        last_step: 0,
        created_at: nowIso(),
      })
      .execute();
    const label = encodeURIComponent(`${cfg.rpName}:${account.login_id}`);
    return c.json({
      secret,
      otpauthUri: `otpauth://totp/${label}?secret=${secret}&issuer=${encodeURIComponent(cfg.rpName)}&algorithm=SHA1&digits=6&period=30`,
    });
  });

  app.post('/api/auth/totp/confirm', requireSession(), requireRecentAuth(), async (c) => {
    const input = await body(c, Bodies.totpConfirm);
    const { account } = sessionOf(c);
    const row = await db
      .selectFrom('totp_secrets')
      .selectAll()
      .where('account_id', '=', account.id)
      .executeTakeFirst();
    if (!row || row.confirmed_at)
      throw new AuthError(409, 'wrong_step', 'Start the authenticator setup first.');
    const step = matchTotp(totpSecret(row.secret_enc), input.code.normalize('NFKC').trim(), clock.now());
    if (step === undefined)
      throw new AuthError(401, 'invalid_code', 'The code is not correct. Check the time on your device.');
    await db
      .updateTable('totp_secrets')
      .set({ confirmed_at: nowIso(), last_step: step })
      .where('account_id', '=', account.id)
      .execute();
    await audit(c, {
      action: 'factor.totp.registered',
      outcome: 'success',
      loginId: account.login_id,
      accountId: account.id,
    });
    return c.json({ registered: true });
  });

  app.delete('/api/auth/totp', requireSession(), requireRecentAuth(), async (c) => {
    const { account } = sessionOf(c);
    const f = await factorsOf(account);
    if (f.methods.length === 1 && f.methods[0] === 'totp') {
      throw new AuthError(409, 'last_factor', 'This is your only second factor. Register another one first.');
    }
    await db.deleteFrom('totp_secrets').where('account_id', '=', account.id).execute();
    await audit(c, {
      action: 'factor.totp.removed',
      outcome: 'success',
      loginId: account.login_id,
      accountId: account.id,
    });
    return c.json({ removed: true });
  });

  app.post('/api/auth/factors/phone', requireSession(), requireRecentAuth(), async (c) => {
    const input = await body(c, Bodies.changePhone);
    const { account, session } = sessionOf(c);
    methodAllowed(account, input.method);
    const phone = parseJapanPhone(input.phone, input.method);
    return c.json(
      await sendCode(
        c,
        { sessionId: session.id, accountId: account.id },
        'changePhone',
        input.method,
        phone.e164,
      ),
    );
  });

  app.post('/api/auth/factors/phone/verify', requireSession(), requireRecentAuth(), async (c) => {
    const input = await body(c, Bodies.changePhoneVerify);
    const { account, session } = sessionOf(c);
    const ch = await checkCode(c, { sessionId: session.id }, ['changePhone'], input.code, account.login_id);
    await storeVerifiedPhone(account.id, ch.phone!);
    await audit(c, {
      action: 'factor.phone.changed',
      outcome: 'success',
      loginId: account.login_id,
      accountId: account.id,
    });
    return c.json({ phone: maskPhone(ch.phone!) });
  });

  // -------------------------------------------------------------------------------------------------------
  // Account issuance (health center → institutions in its area; prefecture → its health centers)

  async function mayManage(actor: AuthAccountTable, kind: FacilityKind, code: string): Promise<boolean> {
    if (!facilities) return false;
    const target = await facilities.find(kind, code);
    if (!target) return false;
    if (actor.facility_kind === 'healthCenter') {
      return (
        (kind === 'outpatient' || kind === 'inpatient') && target.healthCenterCode === actor.facility_code
      );
    }
    if (actor.facility_kind === 'prefecture') {
      return kind === 'healthCenter' && target.prefectureCode === actor.facility_code;
    }
    return false;
  }

  async function manageable(c: Context, loginIdParam: string) {
    const { account: actor } = sessionOf(c);
    const target = await db
      .selectFrom('auth_accounts')
      .selectAll()
      .where('login_id', '=', normalizeLoginId(loginIdParam))
      .executeTakeFirst();
    // Accounts the actor may not manage are "not found" (no enumeration of other areas' IDs).
    if (!target || !(await mayManage(actor, target.facility_kind, target.facility_code))) {
      throw new AuthError(404, 'not_found', 'No account with this login ID in your area.');
    }
    return { actor, target };
  }

  async function issue(input: IssueInput & { issuedBy?: string | null }, facilityName: string) {
    const loginId = normalizeLoginId(input.loginId);
    const problems: { path: string; code: string; severity: 'error' }[] = [];
    if (!LOGIN_ID.test(loginId))
      problems.push({ path: 'loginId', code: 'loginId.invalid', severity: 'error' });
    const initialPassword = input.initialPassword ?? generateInitialPassword();
    const pwIssues = checkPassword(initialPassword, {
      preset: cfg.password.preset,
      contextWords: [loginId, facilityName, input.displayName],
      extraBlocklist: cfg.password.extraBlocklist,
    });
    problems.push(...passwordIssues(pwIssues, 'initialPassword'));
    if (problems.length)
      throw new AuthError(400, 'validation_failed', 'The account has errors.', { issues: problems });
    const t = nowIso();
    const id = newId();
    const row: AuthAccountTable = {
      id,
      login_id: loginId,
      user_id: input.userId ?? `u-${id}`,
      display_name: input.displayName.trim(),
      facility_kind: input.facilityKind,
      facility_code: input.facilityCode,
      facility_name: facilityName,
      role:
        input.role ??
        (input.facilityKind === 'outpatient' || input.facilityKind === 'inpatient' ? 'doctor' : 'staff'),
      password_hash: await hashPassword(initialPassword, cfg.password.scrypt),
      must_change_password: 1,
      password_changed_at: t,
      disabled_at: null,
      phone: null,
      phone_verified_at: null,
      phone_sms_capable: 0,
      sms_enabled: 1,
      voice_enabled: 1,
      issued_by: input.issuedBy ?? null,
      created_at: t,
      updated_at: t,
    };
    const inserted = await db
      .insertInto('auth_accounts')
      .values(row)
      .onConflict((oc) => oc.column('login_id').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) {
      throw new AuthError(409, 'login_id_taken', 'This login ID is already in use. Choose another one.', {
        issues: [{ path: 'loginId', code: 'loginId.taken', severity: 'error' }],
      });
    }
    if (cfg.onAccountIssued) {
      await cfg.onAccountIssued({
        accountId: id,
        userId: row.user_id,
        loginId,
        displayName: row.display_name,
        facilityKind: row.facility_kind,
        facilityCode: row.facility_code,
        facilityName,
        role: row.role,
        issuedBy: row.issued_by,
        createdAt: t,
      });
    }
    return { row, initialPassword };
  }

  const accountJson = (a: AuthAccountTable) => ({
    loginId: a.login_id,
    userId: a.user_id,
    displayName: a.display_name,
    facilityKind: a.facility_kind,
    facilityCode: a.facility_code,
    facilityName: a.facility_name,
    role: a.role,
    mustChangePassword: !!a.must_change_password,
    disabled: !!a.disabled_at,
    phoneRegistered: !!a.phone_verified_at,
    smsEnabled: !!a.sms_enabled,
    voiceEnabled: !!a.voice_enabled,
    createdAt: a.created_at,
  });

  app.post('/api/auth/accounts', requireSession(), async (c) => {
    const input = await body(c, Bodies.issue);
    const { account: actor } = sessionOf(c);
    if (actor.facility_kind !== 'healthCenter' && actor.facility_kind !== 'prefecture') {
      throw new AuthError(403, 'forbidden', 'Only health centers and prefectures issue accounts.');
    }
    if (!(await mayManage(actor, input.facilityKind, input.facilityCode))) {
      throw new AuthError(
        403,
        'forbidden',
        'You may not issue accounts for this facility (outside your area, or an unknown facility).',
        {
          issues: [{ path: 'facilityCode', code: 'facility.notInArea', severity: 'error' }],
        },
      );
    }
    const facility = (await facilities!.find(input.facilityKind, input.facilityCode))!;
    const { row, initialPassword } = await issue({ ...input, issuedBy: actor.user_id }, facility.name);
    await audit(c, {
      action: 'account.issued',
      outcome: 'success',
      loginId: row.login_id,
      accountId: row.id,
      actorUserId: actor.user_id,
    });
    return c.json({ account: accountJson(row), initialPassword }, 201);
  });

  app.get('/api/auth/accounts', requireSession(), async (c) => {
    const { account: actor } = sessionOf(c);
    if (actor.facility_kind !== 'healthCenter' && actor.facility_kind !== 'prefecture') {
      throw new AuthError(403, 'forbidden', 'Only health centers and prefectures manage accounts.');
    }
    const kinds: FacilityKind[] =
      actor.facility_kind === 'healthCenter' ? ['outpatient', 'inpatient'] : ['healthCenter'];
    const rows = await db
      .selectFrom('auth_accounts')
      .selectAll()
      .where('facility_kind', 'in', kinds)
      .orderBy('login_id')
      .limit(1000)
      .execute();
    const visible = [];
    for (const r of rows)
      if (await mayManage(actor, r.facility_kind, r.facility_code)) visible.push(accountJson(r));
    return c.json({ items: visible });
  });

  app.post('/api/auth/accounts/:loginId/reset', requireSession(), async (c) => {
    const input = await body(c, Bodies.reset);
    const { actor, target } = await manageable(c, c.req.param('loginId'));
    const initialPassword = generateInitialPassword();
    await db
      .updateTable('auth_accounts')
      .set({
        password_hash: await hashPassword(initialPassword, cfg.password.scrypt),
        must_change_password: 1,
        password_changed_at: nowIso(),
        updated_at: nowIso(),
        ...(input.resetSecondFactors ? { phone: null, phone_verified_at: null, phone_sms_capable: 0 } : {}),
      })
      .where('id', '=', target.id)
      .execute();
    if (input.resetSecondFactors) {
      await db.deleteFrom('webauthn_credentials').where('account_id', '=', target.id).execute();
      await db.deleteFrom('totp_secrets').where('account_id', '=', target.id).execute();
    }
    await endSessions(target.id);
    await throttle.succeed(target.login_id);
    await audit(c, {
      action: 'account.reset',
      outcome: 'success',
      loginId: target.login_id,
      accountId: target.id,
      actorUserId: actor.user_id,
      detail: { resetSecondFactors: !!input.resetSecondFactors },
    });
    return c.json({
      loginId: target.login_id,
      initialPassword,
      secondFactorsReset: !!input.resetSecondFactors,
    });
  });

  for (const action of ['disable', 'enable'] as const) {
    app.post(`/api/auth/accounts/:loginId/${action}`, requireSession(), async (c) => {
      const { actor, target } = await manageable(c, c.req.param('loginId'));
      await db
        .updateTable('auth_accounts')
        .set({ disabled_at: action === 'disable' ? nowIso() : null, updated_at: nowIso() })
        .where('id', '=', target.id)
        .execute();
      if (action === 'disable') await endSessions(target.id);
      await audit(c, {
        action: `account.${action}d`,
        outcome: 'success',
        loginId: target.login_id,
        accountId: target.id,
        actorUserId: actor.user_id,
      });
      const fresh = await db
        .selectFrom('auth_accounts')
        .selectAll()
        .where('id', '=', target.id)
        .executeTakeFirstOrThrow();
      return c.json({ account: accountJson(fresh) });
    });
  }

  // Facility policy: phone codes may be switched off only when a stronger factor is registered (ASVS 2.7 / 6.6.1).
  app.put('/api/auth/accounts/:loginId/policy', requireSession(), requireRecentAuth(), async (c) => {
    const input = await body(c, Bodies.policy);
    const { account: self } = sessionOf(c);
    const target =
      normalizeLoginId(c.req.param('loginId')) === self.login_id
        ? self
        : (await manageable(c, c.req.param('loginId'))).target;
    const f = await factorsOf(target);
    if ((!input.smsEnabled || !input.voiceEnabled) && !f.hasStrongFactor) {
      throw new AuthError(
        409,
        'stronger_factor_required',
        'Register a security key or an authenticator app before switching phone codes off.',
      );
    }
    await db
      .updateTable('auth_accounts')
      .set({
        sms_enabled: input.smsEnabled ? 1 : 0,
        voice_enabled: input.voiceEnabled ? 1 : 0,
        updated_at: nowIso(),
      })
      .where('id', '=', target.id)
      .execute();
    await audit(c, {
      action: 'account.policy',
      outcome: 'success',
      loginId: target.login_id,
      accountId: target.id,
      actorUserId: self.user_id,
      detail: input,
    });
    return c.json({ smsEnabled: input.smsEnabled, voiceEnabled: input.voiceEnabled });
  });

  app.all('/api/auth/*', () => {
    throw new AuthError(404, 'not_found', 'No such auth endpoint.');
  });

  /**
   * Deletes what is no longer needed: attempts and challenges a day after they expired, throttle counters
   * whose hour is over, sessions 90 days after they ended (kept that long for the session history).
   */
  async function purgeExpired(): Promise<void> {
    const now = clock.now().getTime();
    const ago = (ms: number) => new Date(now - ms).toISOString();
    await db.deleteFrom('auth_challenges').where('expires_at', '<', ago(86_400_000)).execute();
    await db.deleteFrom('auth_attempts').where('expires_at', '<', ago(86_400_000)).execute();
    await db
      .deleteFrom('auth_throttle')
      .where('updated_at', '<', ago(2 * 3600_000))
      .where('next_allowed_at', '<', ago(0))
      .execute();
    await db
      .deleteFrom('auth_sessions')
      .where((eb) =>
        eb.or([eb('ended_at', '<', ago(90 * 86_400_000)), eb('expires_at', '<', ago(90 * 86_400_000))]),
      )
      .execute();
  }

  function protectApi(options: { publicPaths?: (string | RegExp)[] } = {}): MiddlewareHandler {
    const session = requireSession();
    const csrf = csrfProtection();
    const open = options.publicPaths ?? [];
    return async (c, next) => {
      const path = c.req.path;
      if (
        path.startsWith('/api/auth/') ||
        open.some((p) => (typeof p === 'string' ? p === path : p.test(path)))
      ) {
        return next();
      }
      let passed = false;
      const refused = await csrf(c, async () => {
        passed = true;
      });
      if (!passed) return refused ?? undefined;
      passed = false;
      const unauth = await session(c, async () => {
        passed = true;
      });
      if (!passed) return unauth ?? undefined;
      await next();
    };
  }

  return Object.assign(app, {
    requireSession,
    csrfProtection,
    requireRecentAuth,
    protectApi,
    purgeExpired,
    cookieNames,
    async issueAccount(input: IssueInput & { issuedBy?: string | null }) {
      const facility = facilities ? await facilities.find(input.facilityKind, input.facilityCode) : undefined;
      const { row, initialPassword } = await issue(
        input,
        input.facilityName ?? facility?.name ?? input.facilityCode,
      );
      return { loginId: row.login_id, initialPassword };
    },
  });
}

export type { AuthDatabase };
