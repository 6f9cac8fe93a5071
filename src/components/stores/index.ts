export type * from './types.js';
export { MemoryDraftStore } from './memory-draft-store.js';
export {
  IndexedDbDraftStore,
  DraftStoreUnavailableError,
  type IndexedDbDraftStoreOptions,
  type EncryptedDraftRow,
} from './indexeddb-draft-store.js';
export { LocalDoctorStore, type LocalDoctorStoreOptions } from './local-doctor-store.js';
