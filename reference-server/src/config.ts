export interface AppConfig {
  /** NODE_ENV === 'production'. */
  production: boolean;
  /** Development sign-in as a demo account (HERSYS_DEV_USER=1). Never allowed in production. */
  devUser: boolean;
  /** The demo account used in development mode. */
  devDefaultLogin: string;
  /** Base URL put into mail and SMS links, e.g. http://localhost:8787. */
  publicUrl: string;
  /** Sender of notification mails. */
  mailFrom: string;
  /** Put the whole report into notification mails (MAIL_FULL_CONTENT=1). Off by default: see docs/server.md. */
  mailFullContent: boolean;
  /** Largest accepted request body. */
  bodyLimitBytes: number;
  /** How long an SMS invitation link is valid. */
  inviteTtlDays: number;
  /** Behind a reverse proxy (TRUST_PROXY=1): the audit log's client address is the last X-Forwarded-For hop. */
  trustProxy: boolean;
}

export function defaultConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    production: false,
    devUser: false,
    devDefaultLogin: 'clinic',
    publicUrl: 'http://localhost:8787',
    mailFrom: 'HER-SYS reference server <no-reply@hersys.example>',
    mailFullContent: false,
    bodyLimitBytes: 256 * 1024,
    inviteTtlDays: 7,
    trustProxy: false,
    ...overrides,
  };
}
