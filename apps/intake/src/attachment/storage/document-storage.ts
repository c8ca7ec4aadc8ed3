/** What a put stored: `key` finds it again, `size` and `sha256` (hex) go on the attachment record. */
export interface StoredObject {
  key: string;
  size: number;
  sha256: string;
}

/**
 * Where attachment bytes live. The service depends on this port only, so an S3-compatible object
 * store (MinIO, a cloud bucket) can implement it instead of the local disk without other changes.
 */
export interface DocumentStorage {
  /** Stores the bytes; `hint.filename` is the client's name, which an implementation may ignore. */
  put(content: Buffer | NodeJS.ReadableStream, hint: { filename: string }): Promise<StoredObject>;
  /** Rejects when the key is malformed or nothing is stored under it. */
  open(key: string): Promise<NodeJS.ReadableStream>;
  /** Succeeds when nothing is stored under the key any more, including when nothing ever was. */
  remove(key: string): Promise<void>;
}

export const DOCUMENT_STORAGE = Symbol('DOCUMENT_STORAGE');
