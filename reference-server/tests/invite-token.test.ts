/** The invitation SMS link's token (lib/invite-token.ts). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inviteTokenKey, newInviteToken } from '../src/lib/invite-token.js';
import { newRowId } from '../src/lib/ids.js';
import { sha256 } from '../src/lib/keys.js';

test('a token names its invitation and holds 128 random bits; its key is found from it alone', () => {
  const id = newRowId();
  const a = newInviteToken(id);
  const b = newInviteToken(id);
  assert.match(a.token, /^[A-Za-z0-9_-]{44}$/);
  assert.notEqual(a.token, b.token, 'the random part differs');
  assert.equal(a.key, `${id}:${sha256(a.token)}`);
  assert.ok(!a.key.includes(a.token), 'the token itself is not stored');
  assert.equal(inviteTokenKey(a.token), a.key);
  const tokens = new Set(Array.from({ length: 5000 }, () => newInviteToken(id).token));
  assert.equal(tokens.size, 5000);
});

test('keys of invitations made in later milliseconds sort later (they append to the unique index)', async () => {
  // Row ids are ordered by their millisecond (lib/ids.ts); within one, a batch's keys share the index's last pages.
  const keys: string[] = [];
  for (let i = 0; i < 30; i++) {
    keys.push(newInviteToken(newRowId()).key);
    await new Promise((r) => setTimeout(r, 2));
  }
  assert.deepEqual([...keys].sort(), keys);
});

test('earlier 43-character tokens keep their key; anything else has none', () => {
  const legacy = 'A'.repeat(43);
  assert.equal(inviteTokenKey(legacy), sha256(legacy));
  for (const bad of [
    '',
    'short',
    'A'.repeat(45),
    `${'A'.repeat(43)}!`,
    '../../etc/passwd-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  ])
    assert.equal(inviteTokenKey(bad), undefined, bad);
});
