import type { OccurrenceReport } from '../../schema/index.js';
import type { DraftRecord, DraftStore } from './types.js';

/**
 * A {@link DraftStore} that keeps drafts in memory only (tests, server-side rendering, kiosks that must
 * never write to disk). Drafts are deep-copied in and out, so callers cannot mutate what is stored.
 */
export class MemoryDraftStore implements DraftStore {
  readonly #drafts = new Map<string, DraftRecord>();

  /** @param now clock used for `savedAt` (injectable for tests). */
  constructor(private readonly now: () => Date = () => new Date()) {}

  async load(key: string): Promise<DraftRecord | undefined> {
    const record = this.#drafts.get(key);
    return record ? structuredClone(record) : undefined;
  }

  async save(key: string, report: OccurrenceReport): Promise<void> {
    this.#drafts.set(key, { report: structuredClone(report), savedAt: this.now().toISOString() });
  }

  async remove(key: string): Promise<void> {
    this.#drafts.delete(key);
  }

  async clear(): Promise<void> {
    this.#drafts.clear();
  }

  /** How many drafts are held (for tests and diagnostics). */
  get size(): number {
    return this.#drafts.size;
  }
}
