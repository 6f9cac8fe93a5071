/**
 * Types of the authentication module: its tables (SQLite and PostgreSQL through Kysely), the user context it
 * sets, the SMS/voice provider it sends codes through, and its configuration.
 *
 * Timestamps are ISO 8601 UTC strings and booleans are 0/1 integers in both dialects, like the rest of the
 * server's schema, so no driver converts time zones or types.
 */
import type { Kysely } from 'kysely';

export type FacilityKind = 'outpatient' | 'inpatient' | 'healthCenter' | 'prefecture';

/** What `requireSession()` puts in the context (the same shape as the server's development user). */
export interface AuthUser {
  userId: string;
  loginId: string;
  displayName: string;
  facilityKind: FacilityKind;
  facilityCode: string;
  facilityName: string;
  role: string;
  /** The public id of the current session (for "this device" in the session list). */
  sessionId: string;
}

export interface AuthAccountTable {
  id: string;
  /** As issued, NFKC-normalized and lower-cased: unique. */
  login_id: string;
  user_id: string;
  display_name: string;
  facility_kind: FacilityKind;
  facility_code: string;
  facility_name: string;
  role: string;
  /** `scrypt$<N>$<r>$<p>$<salt b64url>$<hash b64url>`: the parameters travel with each hash. */
  password_hash: string;
  must_change_password: number;
  password_changed_at: string;
  disabled_at: string | null;
  /** E.164 (`+819012345678`), set when verified. */
  phone: string | null;
  phone_verified_at: string | null;
  /** Whether the phone can receive SMS (Japanese mobile numbers only); landlines get voice calls only. */
  phone_sms_capable: number;
  /** Facility policy: phone codes allowed (switched off only when a stronger factor is registered). */
  sms_enabled: number;
  voice_enabled: number;
  issued_by: string | null;
  created_at: string;
  updated_at: string;
}

/** One sign-in (or re-authentication) in progress: the state machine of the manual's steps. */
export interface AuthAttemptTable {
  id: string;
  /** SHA-256 of the attempt token the client holds. */
  token_hash: string;
  /** The login ID as typed (normalized); the throttle key. */
  login_id: string;
  /** Null when the ID does not exist: the attempt runs on, and fails at the password like a wrong one. */
  account_id: string | null;
  purpose: 'signIn' | 'reauth';
  /** For `reauth`: the session being re-authenticated. */
  session_id: string | null;
  state: AttemptState;
  ip: string;
  user_agent: string;
  /** The second factor that completed the attempt (sms, voice, totp, webauthn). */
  factor: string | null;
  created_at: string;
  expires_at: string;
}

export type AttemptState = 'password' | 'enrollPhone' | 'secondFactor' | 'changePassword' | 'done' | 'failed';

/** Progressive-delay counters per account and per address, shared by every server instance. */
export interface AuthThrottleTable {
  key: string;
  failures: number;
  window_started_at: string;
  next_allowed_at: string;
  updated_at: string;
}

export interface AuthChallengeTable {
  id: string;
  attempt_id: string | null;
  session_id: string | null;
  account_id: string | null;
  /** enrollPhone | signIn | changePhone | webauthnRegister | webauthnAuthenticate */
  step: string;
  /** sms | voice | webauthn */
  method: string;
  /** HMAC-SHA256 of the code (keyed, bound to the challenge id); the WebAuthn challenge for WebAuthn. */
  code_hash: string;
  /** The number being verified (E.164), for phone registration and change. */
  phone: string | null;
  tries: number;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

export interface AuthSessionTable {
  /** Public id (listing, ending one). */
  id: string;
  /** SHA-256 of the cookie value. */
  token_hash: string;
  account_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  /** When the user last proved password + second factor (sign-in or re-authentication). */
  reauth_at: string;
  ip: string;
  user_agent: string;
  ended_at: string | null;
}

export interface WebauthnCredentialTable {
  /** Credential id, base64url. */
  id: string;
  account_id: string;
  name: string;
  public_key: string;
  counter: number;
  transports: string;
  created_at: string;
  last_used_at: string | null;
}

export interface TotpSecretTable {
  account_id: string;
  /** AES-256-GCM encrypted base32 secret: `iv.tag.ciphertext` (base64url). */
  secret_enc: string;
  confirmed_at: string | null;
  /** The last accepted time step (a code is never accepted twice). */
  last_step: number;
  created_at: string;
}

export interface AuthDatabase {
  auth_accounts: AuthAccountTable;
  auth_attempts: AuthAttemptTable;
  auth_throttle: AuthThrottleTable;
  auth_challenges: AuthChallengeTable;
  auth_sessions: AuthSessionTable;
  webauthn_credentials: WebauthnCredentialTable;
  totp_secrets: TotpSecretTable;
}

export type AuthDb = Kysely<AuthDatabase>;

/**
 * Sends codes. Structural, so the server's own notifier (or a real SMS gateway adapter) fits as is.
 * `to` is E.164 (`+819012345678`).
 */
export interface SmsSender {
  sendSms(to: string, text: string): Promise<unknown>;
}
export interface VoiceCaller {
  call(to: string, speech: string): Promise<unknown>;
}

/** Where a facility is (for "may this health center issue that clinic's account"). */
export interface FacilityInfo {
  kind: FacilityKind;
  code: string;
  name: string;
  /** Outpatient / inpatient: the health center the institution belongs to. */
  healthCenterCode?: string;
  /** Health center: its prefecture. Prefecture: its own code. */
  prefectureCode?: string;
}

export interface FacilityDirectory {
  find(kind: FacilityKind, code: string): Promise<FacilityInfo | undefined>;
}

export type PasswordPreset = 'nist' | 'mhlw-strict';

export interface Clock {
  now(): Date;
}
