/** The SDK's stores and the pickers' search functions, wired to this server. */
import { IndexedDbDraftStore, LocalDoctorStore, MemoryDraftStore } from 'hersys-sdk/components';
import { api } from './api.js';

type DraftStore = IndexedDbDraftStore | MemoryDraftStore;

const drafts = new Map<string, DraftStore>();
const doctors = new Map<string, LocalDoctorStore>();

/**
 * The encrypted draft store of the signed-in user (one IndexedDB database per user, so people sharing a
 * browser profile never see each other's drafts). Falls back to memory when the browser has no
 * IndexedDB/WebCrypto (nothing unencrypted is ever written).
 */
export function draftStoreFor(userId: string | undefined): DraftStore | undefined {
  if (!userId) return undefined;
  let store = drafts.get(userId);
  if (!store) {
    store = IndexedDbDraftStore.isSupported()
      ? new IndexedDbDraftStore({ databaseName: `hersys-drafts-${userId}` })
      : new MemoryDraftStore();
    drafts.set(userId, store);
  }
  return store;
}

/** The doctor master (医師マスタ) of the facility. */
export function doctorStoreFor(facilityCode: string | undefined): LocalDoctorStore {
  const key = facilityCode ?? 'default';
  let store = doctors.get(key);
  if (!store) {
    store = new LocalDoctorStore({ storageKey: `hersys-doctor-master-${key}` });
    doctors.set(key, store);
  }
  return store;
}

export const searchHealthCenters = (q: string) => api.searchHealthCenters(q);
export const searchInstitutions = (q: string) => api.searchInstitutions(q);

/** Today's date in Japan (the report rules' "today"), as `YYYY-MM-DD`. */
export function todayInTokyo(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}
