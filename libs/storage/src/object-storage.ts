/** What a put stored: `key` finds it again, `size` and `sha256` (hex) go on the record that refers to it. */
export interface StoredObject {
  key: string;
  size: number;
  sha256: string;
}

/**
 * Where a service keeps file bytes (intake: attachments; processing: results and slips). Services
 * depend on this port only; a local disk or an S3 bucket implements it (storageFromConfig picks).
 *
 * Keys are content-addressed, `sha256/<first 2 hex>/<64 hex>`: identical bytes are stored once and
 * a key always names the same bytes. Because keys are shared, remove a key only when no record of
 * the service refers to it any more.
 */
export interface ObjectStorage {
  /** Stores the bytes, hashing them on the way; the key comes from the content alone. */
  put(content: Buffer | NodeJS.ReadableStream): Promise<StoredObject>;
  /**
   * Rejects when the key is malformed ("Refused storage key") or nothing is stored under it
   * (an error with `code: 'ENOENT'`, whatever the adapter: see isMissingObject).
   */
  open(key: string): Promise<NodeJS.ReadableStream>;
  /** The stored size, or undefined when nothing is stored under the key. Rejects a malformed key. */
  stat(key: string): Promise<{ size: number } | undefined>;
  /** Succeeds when nothing is stored under the key any more, including when nothing ever was. */
  remove(key: string): Promise<void>;
}

/** Nest injection token of the service's ObjectStorage. */
export const OBJECT_STORAGE: unique symbol = Symbol('OBJECT_STORAGE');

const SHA256_PATTERN = /^[0-9a-f]{64}$/;

// The whole key space: only these can be opened or removed, so no key can climb out of a root
// directory or reach another prefix of a bucket.
const KEY_PATTERN = /^sha256\/([0-9a-f]{2})\/\1[0-9a-f]{62}$/;

/** True for a lower-case hex SHA-256 (64 characters), the only form keys and tokens are built from. */
export function isSha256(value: string): boolean {
  return SHA256_PATTERN.test(value);
}

/** The key under which bytes of this SHA-256 are stored: 'sha256/ab/ab…'. */
export function keyOf(sha256: string): string {
  if (!isSha256(sha256)) throw new Error('Refused sha256: expected 64 lower-case hex characters.');
  return `sha256/${sha256.slice(0, 2)}/${sha256}`;
}

/** Throws unless `key` is a well-formed content-addressed key. */
export function assertStorageKey(key: string): void {
  if (!KEY_PATTERN.test(key)) throw new Error('Refused storage key: expected sha256/<2 hex>/<64 hex>.');
}

/** The rejection of `open` for a key that holds nothing (each adapter reports it with this code). */
export function missingObject(key: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`Nothing is stored under ${key}.`);
  error.code = 'ENOENT';
  return error;
}

/** True when `open` rejected because nothing is stored under the key. */
export function isMissingObject(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}
