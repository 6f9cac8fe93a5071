/** Password hashing and policy, codes and TOTP: the pure parts of the auth module. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { base32Encode, Keys, matchTotp, newCode, totpAt } from '../src/auth/crypto.js';
import {
  checkPassword,
  generateInitialPassword,
  hashPassword,
  verifyPassword,
} from '../src/auth/password.js';
import { maskPhone, normalizeLoginId } from '../src/auth/app.js';

const codes = (pw: string, opts = {}) => checkPassword(pw, opts).map((i) => i.code);

describe('password policy (NIST SP 800-63B / ASVS 2.1)', () => {
  test('length: 12 to 128 characters of any Unicode, counted after NFKC', () => {
    assert.deepEqual(codes('kx9#28475'), ['password.tooShort']);
    assert.deepEqual(codes('kx9#2847561930'), []);
    assert.deepEqual(codes('x'.repeat(129)), ['password.tooLong']);
    const long = '雪解けの川を渡る青い鳥と古い灯台の話をしよう'.repeat(3); // 66 characters
    assert.equal([...long].length, 66);
    assert.deepEqual(codes(long), []);
    assert.deepEqual(codes('とりのこえ、かぜのおと'), ['password.tooShort']); // 11 characters
    assert.deepEqual(codes(''), ['password.required']);
    assert.deepEqual(codes('abc\u0000defghijklmn'), ['password.invalidCharacters']);
  });

  test('no composition rules by default: a long passphrase of lower-case words is fine', () => {
    assert.deepEqual(codes('correct horse battery staple'), []);
    assert.deepEqual(codes('kawa no nagare wa taezu shite'), []);
  });

  test('common passwords and their decorations are refused, in any case and with substitutions', () => {
    for (const pw of [
      'password1234',
      'Password2024!',
      'P@ssw0rd12345',
      'qwertyuiop12',
      '1qaz2wsx3edc4rfv',
      'abcdefghijkl',
      '123456789012',
      'aaaaaaaaaaaa',
      'abcabcabcabc',
      'iloveyou2024!!',
      'sakura-sakura-1',
      'doraemon19850412',
      'tanakataro1985',
      'あいうえおかきくけこさし',
    ]) {
      assert.deepEqual(codes(pw), ['password.common'], pw);
    }
  });

  test('context words: HER-SYS, 保健所, the login ID and the facility name', () => {
    const ctx = { contextWords: ['clinic-tanaka', '東京中央クリニック'] };
    for (const pw of [
      'HER-SYS保健所2024',
      'hersys12345678',
      '保健所のパスワード1234',
      'clinic-tanaka-2024',
      '東京中央クリニック2024',
    ]) {
      assert.deepEqual(codes(pw, ctx), ['password.context'], pw);
    }
    // A context word inside an otherwise strong passphrase is fine.
    assert.deepEqual(codes('hersys de mitsuketa aoi kasa', ctx), []);
  });

  test('a deployment blocklist and the current password', () => {
    assert.deepEqual(codes('zq8#Lm2v!Pw7', { extraBlocklist: new Set(['zq8#lm2v!pw7']) }), [
      'password.common',
    ]);
    assert.deepEqual(codes('zq8#Lm2v!Pw7', { currentPassword: 'zq8#Lm2v!Pw7' }), ['password.sameAsCurrent']);
  });

  test('mhlw-strict: 13+ characters mixing letters, digits and symbols (documented deviation)', () => {
    assert.deepEqual(codes('kx9#28475619', { preset: 'mhlw-strict' }), ['password.tooShort']);
    assert.deepEqual(codes('correct horse battery staple', { preset: 'mhlw-strict' }), [
      'password.composition',
    ]);
    assert.deepEqual(codes('kx9#2847561930', { preset: 'mhlw-strict' }), []);
  });

  test('generated initial passwords pass both presets and differ', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const pw = generateInitialPassword();
      assert.deepEqual(codes(pw), [], pw);
      assert.deepEqual(codes(pw, { preset: 'mhlw-strict' }), [], pw);
      seen.add(pw);
    }
    assert.equal(seen.size, 50);
  });
});

describe('password hashing (scrypt)', () => {
  test('parameters travel with the hash; NFKC input matches; a weaker hash asks for a rehash', async () => {
    const stored = await hashPassword('ｐａｓｓ　ｗｏｒｄ　１２３', { N: 2 ** 14, r: 8, p: 1 });
    assert.match(stored, /^scrypt\$16384\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    assert.deepEqual(await verifyPassword('pass word 123', stored, { N: 2 ** 14, r: 8, p: 1 }), {
      ok: true,
      needsRehash: false,
    });
    assert.deepEqual(await verifyPassword('pass word 124', stored, { N: 2 ** 14, r: 8, p: 1 }), {
      ok: false,
      needsRehash: false,
    });
    assert.deepEqual(await verifyPassword('pass word 123', stored, { N: 2 ** 15, r: 8, p: 1 }), {
      ok: true,
      needsRehash: true,
    });
    assert.notEqual(
      await hashPassword('same', { N: 1024, r: 8, p: 1 }),
      await hashPassword('same', { N: 1024, r: 8, p: 1 }),
    );
    assert.deepEqual(await verifyPassword('x', 'bcrypt$garbage'), { ok: false, needsRehash: false });
    assert.deepEqual(await verifyPassword('x', 'scrypt$99999999$8$1$AA$AA'), {
      ok: false,
      needsRehash: false,
    });
  });

  test("the default cost is OWASP's (N=2^17, r=8, p=1)", async () => {
    assert.match(await hashPassword('zq8#Lm2v!Pw7'), /^scrypt\$131072\$8\$1\$/);
  });
});

describe('codes and TOTP', () => {
  test('6-digit codes from the CSPRNG, leading zeros kept, roughly uniform', () => {
    const firstDigits = new Map<string, number>();
    for (let i = 0; i < 5000; i++) {
      const c = newCode();
      assert.match(c, /^\d{6}$/);
      firstDigits.set(c[0]!, (firstDigits.get(c[0]!) ?? 0) + 1);
    }
    assert.equal(firstDigits.size, 10);
    for (const n of firstDigits.values()) assert.ok(n > 350 && n < 650, String(n));
  });

  test('code hashes are keyed and bound to their challenge', () => {
    const k = new Keys('x'.repeat(32));
    assert.notEqual(k.hashCode('a', '123456'), k.hashCode('b', '123456'));
    assert.notEqual(k.hashCode('a', '123456'), new Keys('y'.repeat(32)).hashCode('a', '123456'));
    assert.throws(() => new Keys('short'), /32 bytes/);
    assert.equal(k.decrypt(k.encrypt('JBSWY3DPEHPK3PXP')), 'JBSWY3DPEHPK3PXP');
  });

  test('TOTP matches RFC 6238 (SHA-1 vector) and accepts ±1 step only', () => {
    const secret = base32Encode(Buffer.from('12345678901234567890'));
    assert.equal(totpAt(secret, Math.floor(59 / 30)), '287082');
    assert.equal(totpAt(secret, Math.floor(1111111109 / 30)), '081804');
    const now = new Date(1111111109 * 1000);
    assert.equal(matchTotp(secret, '081804', now), Math.floor(1111111109 / 30));
    assert.equal(matchTotp(secret, totpAt(secret, Math.floor(1111111109 / 30) + 2), now), undefined);
  });

  test('login IDs and phone hints', () => {
    assert.equal(normalizeLoginId(' ＣＬＩＮＩＣ '), 'clinic');
    assert.equal(maskPhone('+819012345678'), '+81 90-****-5678');
    assert.equal(maskPhone('+81312345678'), '+81 3-****-5678');
  });
});
