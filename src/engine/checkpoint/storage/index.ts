/** Checkpoint and savepoint storage: contracts, the in-memory and IndexedDB stores, test fakes. */
export * from './checkpoint-storage.ts';
export { estimateBytes } from './estimate-bytes.ts';
export { MemoryCheckpointStorage, type MemoryCheckpointStorageOptions } from './memory-checkpoint-storage.ts';
export {
  failingStorage,
  type ChunkWrite,
  type FailingStorage,
  type FailingStorageOptions,
} from './failing-storage.ts';
export { CheckpointStorageError, isQuotaExceeded, type CheckpointStorageFailure } from './storage-errors.ts';
export { chunkKey, referencedChunks, type ChunkId } from './retention.ts';
export {
  IndexedDbCheckpointStorage,
  type IndexedDbCheckpointStorageOptions,
} from './indexed-db-checkpoint-storage.ts';
export { CHECKPOINT_DB } from './checkpoint-db.ts';
export {
  MemorySavepointStore,
  type SavepointInfo,
  type SavepointStore,
  type SaveSavepointOptions,
} from './savepoint-store.ts';
export { IndexedDbSavepointStore } from './indexed-db-savepoint-store.ts';
export {
  exportSavepoint,
  importSavepoint,
  SavepointFileError,
  SAVEPOINT_FILE_FORMAT,
  SAVEPOINT_FILE_VERSION,
} from './savepoint-file.ts';
export { validateSavepoint } from './validate-savepoint.ts';
export { encodeTagged, decodeTagged, type Json } from './tagged-json.ts';
