import type { OccurrenceReport } from '../../schema/index.js';
import type { DraftRecord, DraftStore } from './types.js';

/** Options of {@link IndexedDbDraftStore}. */
export interface IndexedDbDraftStoreOptions {
  /** IndexedDB database name. Use one per signed-in user if several share a browser profile. Default `hersys-drafts`. */
  databaseName?: string;
  /** Clock used for `savedAt` (injectable for tests). */
  now?: () => Date;
}

/** The record written to IndexedDB: only ciphertext and its IV, nothing readable. */
export interface EncryptedDraftRow {
  /** The draft key (chosen by the host; must not contain patient identifiers). */
  key: string;
  /** 96-bit AES-GCM IV, fresh for every save. */
  iv: Uint8Array;
  /** AES-GCM ciphertext (with tag) of the JSON `{ report, savedAt }`. */
  data: ArrayBuffer;
}

const DRAFTS = 'drafts';
const KEYS = 'keys';
const KEY_ID = 'draft-encryption-key';
const VERSION = 1;

/** Raised when the browser offers no IndexedDB or no WebCrypto (very old browsers, some privacy modes). */
export class DraftStoreUnavailableError extends Error {
  override name = 'DraftStoreUnavailableError';
}

/**
 * The SDK's browser {@link DraftStore}: drafts in IndexedDB, encrypted with AES-GCM (OWASP ASVS 14.3).
 *
 * - The AES-256 key is generated once with `extractable: false` and stored as a `CryptoKey` object in
 *   IndexedDB. Structured clone keeps it non-extractable, so script running later (or an attacker with
 *   the profile's files) can use it only through WebCrypto in this origin, never read its bytes.
 * - Every save uses a fresh random 96-bit IV; the draft key is bound as additional authenticated data,
 *   so ciphertext moved under another key fails to decrypt.
 * - Nothing is stored in plain text: not the report, not `savedAt`.
 * - {@link clear} deletes every draft and the key (call it at sign-out): even a copy of the old
 *   ciphertext can no longer be decrypted.
 *
 * A draft that cannot be decrypted (key wiped, record tampered with) is treated as absent and removed.
 */
export class IndexedDbDraftStore implements DraftStore {
  readonly databaseName: string;
  readonly #now: () => Date;
  #db?: Promise<IDBDatabase>;
  #key?: Promise<CryptoKey>;

  constructor(options: IndexedDbDraftStoreOptions = {}) {
    this.databaseName = options.databaseName ?? 'hersys-drafts';
    this.#now = options.now ?? (() => new Date());
  }

  /** Whether this browser can run the store (IndexedDB and WebCrypto present). */
  static isSupported(): boolean {
    return typeof indexedDB !== 'undefined' && typeof crypto !== 'undefined' && !!crypto.subtle;
  }

  async load(key: string): Promise<DraftRecord | undefined> {
    const db = await this.#open();
    const row = await request<EncryptedDraftRow | undefined>(
      db.transaction(DRAFTS).objectStore(DRAFTS).get(key),
    );
    if (!row) return undefined;
    try {
      const cryptoKey = await this.#cryptoKey();
      const plain = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: row.iv as Uint8Array<ArrayBuffer>, additionalData: encode(key) },
        cryptoKey,
        row.data,
      );
      const parsed = JSON.parse(new TextDecoder().decode(plain)) as DraftRecord;
      return { report: parsed.report, savedAt: parsed.savedAt };
    } catch {
      // Undecryptable (key wiped by another tab's clear(), or tampered): it can never be read again.
      await this.remove(key);
      return undefined;
    }
  }

  async save(key: string, report: OccurrenceReport): Promise<void> {
    const cryptoKey = await this.#cryptoKey();
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const payload: DraftRecord = { report, savedAt: this.#now().toISOString() };
    const data = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: encode(key) },
      cryptoKey,
      encode(JSON.stringify(payload)),
    );
    const db = await this.#open();
    const tx = db.transaction(DRAFTS, 'readwrite');
    tx.objectStore(DRAFTS).put({ key, iv, data } satisfies EncryptedDraftRow);
    await done(tx);
  }

  async remove(key: string): Promise<void> {
    const db = await this.#open();
    const tx = db.transaction(DRAFTS, 'readwrite');
    tx.objectStore(DRAFTS).delete(key);
    await done(tx);
  }

  async clear(): Promise<void> {
    const db = await this.#open();
    const tx = db.transaction([DRAFTS, KEYS], 'readwrite');
    tx.objectStore(DRAFTS).clear();
    tx.objectStore(KEYS).clear();
    await done(tx);
    this.#key = undefined;
  }

  /** Closes the database connection (e.g. before `indexedDB.deleteDatabase`). The store reopens on next use. */
  close(): void {
    const db = this.#db;
    this.#db = undefined;
    this.#key = undefined;
    void db?.then((d) => d.close()).catch(() => undefined);
  }

  #open(): Promise<IDBDatabase> {
    if (!IndexedDbDraftStore.isSupported()) {
      return Promise.reject(
        new DraftStoreUnavailableError('IndexedDB or WebCrypto is not available in this browser.'),
      );
    }
    this.#db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(this.databaseName, VERSION);
      req.onupgradeneeded = () => {
        const db = req.result;
        if (!db.objectStoreNames.contains(DRAFTS)) db.createObjectStore(DRAFTS, { keyPath: 'key' });
        if (!db.objectStoreNames.contains(KEYS)) db.createObjectStore(KEYS);
      };
      req.onsuccess = () => {
        const db = req.result;
        // Another tab upgrading or deleting the database: let it, we reopen on next use.
        db.onversionchange = () => this.close();
        resolve(db);
      };
      req.onerror = () => reject(req.error);
      req.onblocked = () =>
        reject(new DraftStoreUnavailableError('The draft database is blocked by another tab.'));
    });
    this.#db.catch(() => (this.#db = undefined));
    return this.#db;
  }

  #cryptoKey(): Promise<CryptoKey> {
    this.#key ??= this.#loadOrCreateKey();
    this.#key.catch(() => (this.#key = undefined));
    return this.#key;
  }

  async #loadOrCreateKey(): Promise<CryptoKey> {
    const db = await this.#open();
    const existing = await request<CryptoKey | undefined>(db.transaction(KEYS).objectStore(KEYS).get(KEY_ID));
    if (existing) return existing;
    const fresh = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
      'encrypt',
      'decrypt',
    ]);
    // Get-or-put in ONE transaction: when two tabs race, the first key wins and both use it.
    const tx = db.transaction(KEYS, 'readwrite');
    const store = tx.objectStore(KEYS);
    let chosen = fresh;
    const get = store.get(KEY_ID);
    get.onsuccess = () => {
      if (get.result) chosen = get.result as CryptoKey;
      else store.put(fresh, KEY_ID);
    };
    await done(tx);
    return chosen;
  }
}

function encode(s: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(s) as Uint8Array<ArrayBuffer>;
}

function request<T>(req: IDBRequest): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result as T);
    req.onerror = () => reject(req.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new DOMException('Transaction aborted', 'AbortError'));
  });
}
