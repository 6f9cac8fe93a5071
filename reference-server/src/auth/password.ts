/**
 * Password hashing (scrypt, parameters stored with each hash) and the password policy: NIST SP 800-63B §5.1.1.2
 * / ASVS 2.1 by default (12–128 characters of any Unicode, NFKC-normalized, checked against the local list of
 * common passwords and context words, no composition or rotation rules), or the `mhlw-strict` preset (MHLW
 * 医療情報システムの安全管理に関するガイドライン: 13+ characters mixing letters, digits and symbols), a documented
 * deviation some health centers require.
 */
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { COMMON_PASSWORD_ROOTS, CONTEXT_WORDS } from './common-passwords.js';
import type { PasswordPreset } from './types.js';

export interface ScryptParams {
  /** CPU/memory cost, a power of two (default 2^17, OWASP's recommendation). */
  N: number;
  r: number;
  p: number;
}

export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };

function scrypt(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = {
    N: params.N,
    r: params.r,
    p: params.p,
    maxmem: 256 * params.N * params.r + 1024 * 1024,
  };
  return new Promise((resolve, reject) =>
    scryptCb(password, salt, 32, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** The form a password is hashed and checked in: NFKC (so full-width and half-width input match). */
export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

/** `scrypt$N$r$p$salt$hash` (base64url). */
export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(normalizePassword(password), salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join(
    '$',
  );
}

/**
 * Checks a password against a stored hash in constant time. `needsRehash` says the stored parameters are
 * weaker than `current` (re-hash on the next successful sign-in).
 */
export async function verifyPassword(
  password: string,
  stored: string,
  current: ScryptParams = DEFAULT_SCRYPT,
): Promise<{ ok: boolean; needsRehash: boolean }> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return { ok: false, needsRehash: false };
  const [N, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0) || N > 2 ** 20)
    return { ok: false, needsRehash: false };
  const expected = Buffer.from(parts[5]!, 'base64url');
  const key = await scrypt(normalizePassword(password), Buffer.from(parts[4]!, 'base64url'), { N, r, p });
  const ok = key.length === expected.length && timingSafeEqual(key, expected);
  return { ok, needsRehash: ok && (N < current.N || r < current.r || p < current.p) };
}

// ---------------------------------------------------------------------------------------------------------
// Policy

export interface PasswordIssue {
  code:
    | 'password.required'
    | 'password.tooShort'
    | 'password.tooLong'
    | 'password.invalidCharacters'
    | 'password.common'
    | 'password.context'
    | 'password.sameAsCurrent'
    | 'password.composition';
  params?: Record<string, string | number>;
}

export interface PasswordCheckOptions {
  preset?: PasswordPreset;
  /** Words of this account: login ID, facility name, display name (refused as a password's substance). */
  contextWords?: readonly string[];
  /** The password being replaced (a new one must differ). */
  currentPassword?: string;
  /** Literal passwords a deployment adds (e.g. from a breach corpus). Compared case-insensitively after NFKC. */
  extraBlocklist?: ReadonlySet<string>;
}

export const PASSWORD_LIMITS = {
  nist: { min: 12, max: 128 },
  'mhlw-strict': { min: 13, max: 128 },
} as const;

const LEET: Record<string, string> = {
  '@': 'a',
  '4': 'a',
  '8': 'b',
  '(': 'c',
  '3': 'e',
  '6': 'g',
  '9': 'g',
  '1': 'i',
  '!': 'i',
  '|': 'l',
  '0': 'o',
  $: 's',
  '5': 's',
  '7': 't',
  '+': 't',
  '2': 'z',
  '%': 'x',
};

const WALKS = [
  '1234567890-=',
  'qwertyuiop[]',
  "asdfghjkl;'",
  'zxcvbnm,./',
  'abcdefghijklmnopqrstuvwxyz',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik,9ol.0p;/',
  'zaq1xsw2cde3vfr4bgt5nhy6mju7,ki8.lo9/;p0',
  'qazwsxedcrfvtgbyhnujmikolp',
  '!@#$%^&*()_+',
  'あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん',
  'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン',
  'いろはにほへとちりぬるをわかよたれそつねならむうゐのおくやまけふこえてあさきゆめみしゑひもせす',
];

let rootList: string[] | undefined;
function roots(): string[] {
  rootList ??= [
    ...new Set([...COMMON_PASSWORD_ROOTS, ...CONTEXT_WORDS].map((w) => w.normalize('NFKC').toLowerCase())),
  ]
    .filter((w) => [...w].length >= 3)
    .sort((a, b) => b.length - a.length);
  return rootList;
}

/** Marks [from, to) in `covered`. */
function cover(covered: boolean[], from: number, to: number): void {
  for (let i = from; i < to; i++) covered[i] = true;
}

function markWord(chars: string[], covered: boolean[], word: string): void {
  const w = [...word];
  if (w.length === 0 || w.length > chars.length) return;
  for (let i = 0; i + w.length <= chars.length; i++) {
    let match = true;
    for (let j = 0; j < w.length; j++) {
      if (chars[i + j] !== w[j]) {
        match = false;
        break;
      }
    }
    if (match) cover(covered, i, i + w.length);
  }
}

/** Runs of ≥ 3 characters that follow a keyboard row, the alphabet or the kana order (either direction). */
function markWalks(chars: string[], covered: boolean[]): void {
  for (const walk of WALKS) {
    const fwd = [...walk];
    const both = [fwd.join(''), [...fwd].reverse().join('')];
    for (const line of both) {
      for (let i = 0; i < chars.length; i++) {
        let len = 0;
        const pos = line.indexOf(chars[i]!);
        while (
          pos >= 0 &&
          i + len < chars.length &&
          line[pos + len] !== undefined &&
          line[pos + len] === chars[i + len]
        )
          len++;
        if (len >= 3) cover(covered, i, i + len);
      }
    }
  }
}

/** Repeated characters (aaa), digit sequences and repetitions, years, dates, short digit/symbol decorations. */
function markPatterns(chars: string[], covered: boolean[]): void {
  for (let i = 0; i < chars.length;) {
    let j = i + 1;
    while (j < chars.length && chars[j] === chars[i]) j++;
    if (j - i >= 3) cover(covered, i, j);
    i = j;
  }
  const text = chars.join('');
  for (const m of text.matchAll(/\d+/g)) {
    const d = m[0];
    const start = [...text.slice(0, m.index)].length;
    const predictable =
      d.length <= 4 ||
      /^(19|20)\d\d(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/.test(d) ||
      /^((19|20)\d\d)+$/.test(d) ||
      /^(\d{1,3})\1+$/.test(d);
    if (predictable) cover(covered, start, start + d.length);
  }
  for (const m of text.matchAll(/[^\p{L}\p{N}]+/gu)) {
    const start = [...text.slice(0, m.index)].length;
    const len = [...m[0]].length;
    if (len <= 2 || /^\s+$/u.test(m[0])) cover(covered, start, start + len);
  }
}

/** The shortest unit the text repeats (`abcabcabc` → `abc`), or the text itself. */
function repeatedUnit(text: string): string {
  const chars = [...text];
  for (let n = 1; n <= chars.length / 2; n++) {
    if (chars.length % n !== 0) continue;
    const unit = chars.slice(0, n).join('');
    if (unit.repeat(chars.length / n) === text) return unit;
  }
  return text;
}

/**
 * How many characters of `password` are not explained by common roots, context words, walks, sequences,
 * repetitions, dates and decorations.
 */
export function unpredictableLength(password: string, words: readonly string[]): number {
  const lower = repeatedUnit(password.normalize('NFKC').toLowerCase());
  const chars = [...lower];
  const leet = chars.map((c) => LEET[c] ?? c);
  const covered = chars.map(() => false);
  for (const w of words) {
    markWord(chars, covered, w);
    markWord(leet, covered, w);
  }
  markWalks(chars, covered);
  markPatterns(chars, covered);
  return covered.filter((c) => !c).length;
}

/**
 * Checks a new password. Returns every issue (empty = acceptable). Never throws; never logs the password.
 */
export function checkPassword(password: unknown, options: PasswordCheckOptions = {}): PasswordIssue[] {
  if (typeof password !== 'string' || password === '') return [{ code: 'password.required' }];
  const preset = options.preset ?? 'nist';
  const { min, max } = PASSWORD_LIMITS[preset];
  const pw = normalizePassword(password);
  const length = [...pw].length;
  const issues: PasswordIssue[] = [];
  if (length < min) issues.push({ code: 'password.tooShort', params: { min } });
  if (length > max) issues.push({ code: 'password.tooLong', params: { max } });
  // Control characters (other than none) and unpaired surrogates cannot be typed reliably.
  if (/[\p{Cc}\p{Cs}]/u.test(pw)) issues.push({ code: 'password.invalidCharacters' });
  if (issues.length) return issues;

  const context = (options.contextWords ?? [])
    .map((w) => w.normalize('NFKC').toLowerCase().trim())
    .filter((w) => [...w].length >= 3);
  const lower = pw.toLowerCase();
  const globalContext = CONTEXT_WORDS.map((w) => w.normalize('NFKC').toLowerCase());
  const contextHit = [...context, ...globalContext].some(
    (w) => lower.includes(w) || lower.replace(/[\s\-_.]/g, '').includes(w.replace(/[\s\-_.]/g, '')),
  );
  const unexplained = unpredictableLength(
    pw,
    [...context, ...roots()].sort((a, b) => b.length - a.length),
  );
  if (options.extraBlocklist?.has(lower) || unexplained < 4) {
    issues.push({ code: contextHit ? 'password.context' : 'password.common' });
  } else if (contextHit && unexplained < 8) {
    issues.push({ code: 'password.context' });
  }
  if (options.currentPassword !== undefined && normalizePassword(options.currentPassword) === pw) {
    issues.push({ code: 'password.sameAsCurrent' });
  }
  if (preset === 'mhlw-strict') {
    const missing: string[] = [];
    if (!/\p{L}/u.test(pw)) missing.push('letter');
    if (!/\p{N}/u.test(pw)) missing.push('digit');
    if (!/[^\p{L}\p{N}\s]/u.test(pw)) missing.push('symbol');
    if (missing.length) issues.push({ code: 'password.composition', params: { missing: missing.join(',') } });
  }
  return issues;
}

/**
 * A random initial password (for issuance and reset): 16 characters from 56 unambiguous letters and digits
 * (~93 bits) with a hyphen in the middle, drawn again until it has a digit, an upper- and a lower-case letter,
 * so it also meets the `mhlw-strict` preset.
 */
export function generateInitialPassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const limit = 256 - (256 % alphabet.length); // no modulo bias
  for (;;) {
    let out = '';
    for (const b of randomBytes(48)) {
      if (b >= limit) continue;
      out += alphabet[b % alphabet.length];
      if (out.length === 16) break;
    }
    if (out.length === 16 && /\d/.test(out) && /[A-Z]/.test(out) && /[a-z]/.test(out)) {
      return `${out.slice(0, 8)}-${out.slice(8)}`;
    }
  }
}
