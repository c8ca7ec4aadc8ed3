export {
  assertStorageKey,
  isMissingObject,
  isSha256,
  keyOf,
  missingObject,
  OBJECT_STORAGE,
  type ObjectStorage,
  type StoredObject,
} from './object-storage';
export { LocalDiskStorage } from './local-disk.storage';
export { S3Storage, type S3StorageOptions } from './s3.storage';
export { checkFileToken, FILE_TOKEN_HEADER, FILE_TOKEN_MAX_LIFETIME_SECONDS, fileToken } from './file-token';
export { FileExchangeClient, type FileExchangeClientOptions } from './file-exchange.client';
export { FileExchangeError, FileExchangeErrors } from './file-exchange.errors';
export {
  contentDisposition,
  type FileHeaders,
  type OwnedFile,
  serveOwnedFile,
  streamFile,
  streamStoredFile,
  type StreamOutcome,
} from './stream-file';
export {
  STORAGE_DRIVERS,
  type StorageDriver,
  storageFromConfig,
  type StorageSettings,
  WithObjectStorage,
} from './storage.config';
