/**
 * The back end `<hersys-sign-in>` drives: an interface (so an EMR can plug in its own), and a fetch-based
 * client for the reference server's `/api/auth/*` routes.
 */
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/browser';

/** A second factor the account can use. */
export type SignInMethod = 'webauthn' | 'totp' | 'sms' | 'voice';

/** The user the sign-in produced (the reference server's user context). */
export interface SignedInUser {
  userId: string;
  loginId: string;
  displayName: string;
  facilityKind: 'outpatient' | 'inpatient' | 'healthCenter' | 'prefecture';
  facilityCode: string;
  role: string;
  sessionId?: string;
}

/** Where the sign-in goes next, as the server says. */
export type SignInStep =
  | { next: 'password'; attemptId: string; loginId?: string }
  | { next: 'enrollPhone'; smsEnabled?: boolean; voiceEnabled?: boolean }
  | { next: 'secondFactor'; methods: SignInMethod[]; phoneHint?: string | null }
  | { next: 'changePassword' }
  | { next: 'done'; user?: SignedInUser; offerSecurityKey?: boolean; reauthenticated?: boolean };

/** A code was sent (SMS or voice call). */
export interface CodeSent {
  method: 'sms' | 'voice';
  /** The masked number, e.g. `+81 90-****-5678`. */
  sentTo: string;
  expiresAt?: string;
}

/** A problem of one field (the server's `Issue` shape). */
export interface SignInIssue {
  path: string;
  code: string;
  params?: Record<string, string | number>;
}

/** A refusal of the back end. `code` selects the message (`invalid_credentials`, `slow_down`, …). */
export class SignInError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: {
      status?: number;
      retryAfterSeconds?: number;
      triesLeft?: number;
      issues?: SignInIssue[];
    } = {},
  ) {
    super(message);
    this.name = 'SignInError';
  }
}

/**
 * The operations of the sign-in. Every method rejects with a {@link SignInError} when the back end refuses
 * (other rejections are shown as a network error).
 */
export interface SignInApi {
  /** ③ The login ID. Never reveals whether it exists. */
  start(loginId: string): Promise<{ attemptId: string }>;
  /** ④ The password. */
  password(attemptId: string, password: string): Promise<SignInStep>;
  /** ⑥ First sign-in: register a Japanese number and send a code to it. */
  registerPhone(attemptId: string, phone: string, method: 'sms' | 'voice'): Promise<CodeSent>;
  /** Later sign-ins: send a code to the registered phone. */
  sendCode(attemptId: string, method: 'sms' | 'voice'): Promise<CodeSent>;
  /** ⑦⑧ The code (SMS, voice) or an authenticator app's code (`totp`). */
  verifyCode(attemptId: string, code: string, method?: 'sms' | 'voice' | 'totp'): Promise<SignInStep>;
  /** ⑩ Replace the initial password. */
  changeInitialPassword(attemptId: string, currentPassword: string, newPassword: string): Promise<SignInStep>;
  /** WebAuthn as the second factor. Optional: without it the security-key method is not offered. */
  securityKeyOptions?(attemptId: string): Promise<PublicKeyCredentialRequestOptionsJSON>;
  securityKeyVerify?(attemptId: string, response: AuthenticationResponseJSON): Promise<SignInStep>;
  /** Registering a security key after sign-in. Optional. */
  registerSecurityKeyOptions?(): Promise<PublicKeyCredentialCreationOptionsJSON>;
  registerSecurityKeyVerify?(response: RegistrationResponseJSON, name: string): Promise<void>;
  /** Re-authentication of the signed-in user (`mode="reauth"`): a new attempt at the password step. Optional. */
  reauth?(): Promise<{ attemptId: string; loginId: string }>;
  /** 「アカウントにアクセスできない場合」: whom to ask (by locale). Optional. */
  help?(): Promise<{ ja: string; en: string }>;
}

export interface SignInClientOptions {
  /** Prefix of the routes (default `''`: same origin). */
  baseUrl?: string;
  fetch?: typeof fetch;
}

/**
 * The reference server's client: JSON over `fetch` with the session cookie, and the CSRF token (fetched once
 * from `GET /api/auth/csrf`, sent as `X-CSRF-Token`) on every state-changing request.
 */
export function createSignInClient(options: SignInClientOptions = {}): SignInApi {
  const base = options.baseUrl ?? '';
  const doFetch =
    options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  let csrf: Promise<string> | undefined;

  async function call<T>(method: string, path: string, body?: unknown, retried = false): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (method !== 'GET') {
      csrf ??= doFetch(`${base}/api/auth/csrf`, { credentials: 'same-origin' })
        .then((r) => r.json() as Promise<{ token: string }>)
        .then((j) => j.token)
        .catch((err: unknown) => {
          csrf = undefined;
          throw err;
        });
      headers['x-csrf-token'] = await csrf;
      headers['content-type'] = 'application/json';
    }
    const res = await doFetch(`${base}${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    let data: unknown;
    try {
      data = await res.json();
    } catch {
      data = undefined;
    }
    if (res.ok) return data as T;
    const err = (data ?? {}) as {
      error?: { code?: string; message?: string };
      retryAfterSeconds?: number;
      triesLeft?: number;
      issues?: SignInIssue[];
    };
    const code = err.error?.code ?? 'unknown';
    // A stale CSRF cookie (e.g. cleared by the browser): fetch a fresh token once.
    if (code === 'csrf_failed' && !retried) {
      csrf = undefined;
      return call<T>(method, path, body, true);
    }
    throw new SignInError(code, err.error?.message ?? res.statusText, {
      status: res.status,
      retryAfterSeconds: err.retryAfterSeconds ?? (Number(res.headers.get('retry-after')) || undefined),
      triesLeft: err.triesLeft,
      issues: err.issues,
    });
  }

  return {
    start: (loginId) => call('POST', '/api/auth/login-id', { loginId }),
    password: (attemptId, password) => call('POST', '/api/auth/password', { attemptId, password }),
    registerPhone: (attemptId, phone, method) =>
      call('POST', '/api/auth/phone', { attemptId, phone, method }),
    sendCode: (attemptId, method) => call('POST', '/api/auth/send-code', { attemptId, method }),
    verifyCode: (attemptId, code, method) =>
      call('POST', '/api/auth/verify', method === 'totp' ? { attemptId, code, method } : { attemptId, code }),
    changeInitialPassword: (attemptId, currentPassword, newPassword) =>
      call('POST', '/api/auth/change-initial-password', { attemptId, currentPassword, newPassword }),
    securityKeyOptions: (attemptId) => call('POST', '/api/auth/webauthn/authenticate/options', { attemptId }),
    securityKeyVerify: (attemptId, response) =>
      call('POST', '/api/auth/webauthn/authenticate/verify', { attemptId, response }),
    reauth: () => call('POST', '/api/auth/reauth', {}),
    registerSecurityKeyOptions: () => call('POST', '/api/auth/webauthn/register/options', {}),
    registerSecurityKeyVerify: async (response, name) => {
      await call('POST', '/api/auth/webauthn/register/verify', { response, name });
    },
    help: async () =>
      (await call<{ cannotAccessAccount: { ja: string; en: string } }>('GET', '/api/auth/help'))
        .cannotAccessAccount,
  };
}
