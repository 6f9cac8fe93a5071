/** Tokens, keyed code hashes, TOTP (RFC 6238) and secret encryption for the auth module. */
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
  randomInt,
  randomUUID,
  timingSafeEqual,
} from 'node:crypto';

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('base64url');

/** 256 random bits, base64url. */
export const newToken = (): string => randomBytes(32).toString('base64url');
export const newId = (): string => randomUUID();

/** A 6-digit code from the CSPRNG (uniform; leading zeros kept). */
export const newCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, '0');

/** Keys derived from the one configured secret, one per use. */
export class Keys {
  readonly codeKey: Buffer;
  readonly csrfKey: Buffer;
  readonly totpKey: Buffer;
  constructor(secret: string | Uint8Array) {
    const ikm = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : Buffer.from(secret);
    if (ikm.length < 32) throw new Error('auth: config.secret must be at least 32 bytes.');
    const derive = (info: string) => Buffer.from(hkdfSync('sha256', ikm, 'hersys-auth', info, 32));
    this.codeKey = derive('code');
    this.csrfKey = derive('csrf');
    this.totpKey = derive('totp');
  }

  /** A code bound to its challenge: HMAC(key, challengeId ‖ code). */
  hashCode(challengeId: string, code: string): string {
    return createHmac('sha256', this.codeKey).update(`${challengeId}\u0000${code}`).digest('base64url');
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.totpKey, iv);
    const enc = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [iv, cipher.getAuthTag(), enc].map((b) => b.toString('base64url')).join('.');
  }

  decrypt(sealed: string): string {
    const [iv, tag, enc] = sealed.split('.').map((p) => Buffer.from(p, 'base64url'));
    const decipher = createDecipheriv('aes-256-gcm', this.totpKey, iv!);
    decipher.setAuthTag(tag!);
    return Buffer.concat([decipher.update(enc!), decipher.final()]).toString('utf8');
  }
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

// ---------------------------------------------------------------------------------------------------------
// TOTP (RFC 6238, SHA-1, 6 digits, 30 s: what every authenticator app supports)

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=]/g, '');
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const i = B32.indexOf(ch);
    if (i < 0) throw new Error('invalid base32');
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

export const newTotpSecret = (): string => base32Encode(randomBytes(20));

export function totpAt(secretB32: string, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Decode(secretB32)).update(counter).digest();
  const offset = mac[mac.length - 1]! & 15;
  const bin = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(bin).padStart(6, '0');
}

/** The time step of `code` within ±1 step of `now`, or undefined. */
export function matchTotp(secretB32: string, code: string, now: Date): number | undefined {
  const step = Math.floor(now.getTime() / 30_000);
  for (const s of [step, step - 1, step + 1]) {
    if (safeEqual(totpAt(secretB32, s), code)) return s;
  }
  return undefined;
}
