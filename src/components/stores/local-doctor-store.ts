import type { DoctorEntry, DoctorStore } from './types.js';

/** Options of {@link LocalDoctorStore}. */
export interface LocalDoctorStoreOptions {
  /** localStorage key. Default `hersys-doctor-master`. */
  storageKey?: string;
  /** How many doctors are kept (most recently added first). Default 50. */
  limit?: number;
  /** The Storage to use (default `localStorage`; pass `sessionStorage` or a fake in tests). */
  storage?: Storage;
}

/**
 * The default doctor master (医師マスタ): doctors' names in `localStorage`, most recently added first.
 *
 * Only doctors' names are stored here, never patient data, so plain storage is acceptable. When storage
 * is unavailable (disabled cookies, quota, SSR) the store keeps working in memory for the session.
 * Corrupt or foreign data under the key is ignored, not thrown.
 */
export class LocalDoctorStore implements DoctorStore {
  readonly storageKey: string;
  readonly limit: number;
  readonly #storage: Storage | undefined;
  #memory: DoctorEntry[] = [];

  constructor(options: LocalDoctorStoreOptions = {}) {
    this.storageKey = options.storageKey ?? 'hersys-doctor-master';
    this.limit = options.limit ?? 50;
    this.#storage = options.storage ?? safeLocalStorage();
  }

  async list(): Promise<DoctorEntry[]> {
    return this.#read().map((d) => ({ ...d }));
  }

  async add(entry: DoctorEntry): Promise<void> {
    const doctor = normalize(entry);
    if (!doctor) return;
    const rest = this.#read().filter((d) => !same(d, doctor));
    this.#write([doctor, ...rest].slice(0, this.limit));
  }

  async remove(entry: DoctorEntry): Promise<void> {
    const doctor = normalize(entry);
    if (!doctor) return;
    this.#write(this.#read().filter((d) => !same(d, doctor)));
  }

  #read(): DoctorEntry[] {
    if (!this.#storage) return this.#memory;
    try {
      const raw = this.#storage.getItem(this.storageKey);
      if (!raw) return this.#memory.length ? this.#memory : [];
      const parsed: unknown = JSON.parse(raw);
      if (!Array.isArray(parsed)) return [];
      return parsed.map((d) => normalize(d as DoctorEntry)).filter((d): d is DoctorEntry => !!d);
    } catch {
      return this.#memory;
    }
  }

  #write(list: DoctorEntry[]): void {
    this.#memory = list;
    try {
      this.#storage?.setItem(this.storageKey, JSON.stringify(list));
    } catch {
      // Quota exceeded or storage disabled: the in-memory copy still serves this session.
    }
  }
}

function normalize(entry: DoctorEntry | null | undefined): DoctorEntry | undefined {
  if (!entry || typeof entry !== 'object') return undefined;
  const familyName = typeof entry.familyName === 'string' ? entry.familyName.trim().slice(0, 100) : '';
  const givenName = typeof entry.givenName === 'string' ? entry.givenName.trim().slice(0, 100) : '';
  if (!familyName && !givenName) return undefined;
  return { familyName, givenName };
}

function same(a: DoctorEntry, b: DoctorEntry): boolean {
  return a.familyName === b.familyName && a.givenName === b.givenName;
}

function safeLocalStorage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined; // Accessing localStorage throws when storage is blocked.
  }
}
