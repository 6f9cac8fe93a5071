/**
 * The single-use link of the My HER-SYS invitation SMS. The token names its invitation and proves it was sent:
 * the invitation's row id (a time-ordered UUIDv7, not secret) then 128 random bits, 44 base64url characters.
 * What is stored is a lookup key, `<row id>:<SHA-256 of the token>`: the token itself never is.
 *
 * Why the id in front: the key is the table's unique index, and a key that began with a hash put every new
 * invitation at a random place in it — one more index page written per 報告 (1.06 of 8.6 WAL pages in the bench).
 * Beginning with the time-ordered id, a batch's invitations sit together at its end. Tokens of the earlier
 * form (43 characters, 256 random bits; keyed by their hash alone) still open their invitation.
 */
import { randomView } from './entropy.js';
import { uuidText } from './ids.js';
import { sha256 } from './keys.js';

const TOKEN = /^[A-Za-z0-9_-]{44}$/;
const LEGACY_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** A new token for the invitation whose row id is `inviteId`, and the key to store with it. */
export function newInviteToken(inviteId: string): { token: string; key: string } {
  const id = Buffer.from(inviteId.replace(/-/g, ''), 'hex');
  if (id.length !== 16) throw new Error(`not a UUID: ${inviteId}`);
  const token = id.toString('base64url') + randomView(16).toString('base64url');
  return { token, key: `${inviteId}:${sha256(token)}` };
}

/** The stored key a token is looked up by; undefined when it cannot be a token at all. */
export function inviteTokenKey(token: string): string | undefined {
  if (LEGACY_TOKEN.test(token)) return sha256(token);
  if (!TOKEN.test(token)) return undefined;
  return `${uuidText(Buffer.from(token.slice(0, 22), 'base64url'))}:${sha256(token)}`;
}
