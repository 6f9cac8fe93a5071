/**
 * The reference server's authentication module: sign-in with two-step verification (as the HER-SYS manual
 * shows it), sessions, CSRF protection, re-authentication and account issuance. See docs/security.md.
 */
export {
  createAuthApp,
  normalizeLoginId,
  maskPhone,
  type AuthApp,
  type AuthAppOptions,
  type IssueInput,
} from './app.js';
export { AuthError, type AuthConfig, type AuthAuditEvent, type IssuedAccount } from './config.js';
export { authMigrations, migrateAuthToLatest } from './migrations.js';
export {
  checkPassword,
  hashPassword,
  verifyPassword,
  generateInitialPassword,
  type PasswordIssue,
} from './password.js';
export { ensureAuthAccounts, type ExistingUser } from './seed.js';
export { kyselyFacilityDirectory, staticFacilityDirectory } from './facilities.js';
export {
  recordingMessenger,
  smsProviderMessenger,
  type RecordedMessage,
  type OutboxSmsProvider,
} from './messenger.js';
export type * from './types.js';
