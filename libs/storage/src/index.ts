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
