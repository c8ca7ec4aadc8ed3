import { createHmac, timingSafeEqual } from 'node:crypto';
import { isSha256 } from './object-storage';

/** Header of an internal file request: `<expiresAtEpochSeconds>.<hex hmac>` (ADR 0010). */
export const FILE_TOKEN_HEADER = 'x-dvc-file-token';

/**
 * The owner refuses a token that claims to live longer than this: a leaked token then opens one
 * file for minutes at most, whatever expiry a requester (or someone holding the secret) chose.
 */
export const FILE_TOKEN_MAX_LIFETIME_SECONDS = 15 * 60;

/** Config asks for this much too; shorter secrets are a mistake in the code that calls us. */
const MIN_SECRET_LENGTH = 32;

const TOKEN_PATTERN = /^([0-9]{1,12})\.([0-9a-f]{64})$/;

function mac(secret: string, sha256: string, expiresAtSeconds: number): Buffer {
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`INTERNAL_FILES_SECRET must be at least ${MIN_SECRET_LENGTH} characters.`);
  }
  // A purpose prefix: the same secret can never produce a value that another use of it accepts.
  return createHmac('sha256', secret).update(`dvc-internal-file/v1\n${sha256}\n${expiresAtSeconds}`).digest();
}

/** A token that opens the file with this SHA-256 (and no other) until `expiresAt`. */
export function fileToken(secret: string, sha256: string, expiresAt: Date): string {
  if (!isSha256(sha256)) throw new Error('Refused sha256: expected 64 lower-case hex characters.');
  const seconds = Math.floor(expiresAt.getTime() / 1000);
  return `${seconds}.${mac(secret, sha256, seconds).toString('hex')}`;
}

/**
 * True only for a token made with `secret` for this very SHA-256 that has not expired at `now`
 * and does not claim more than FILE_TOKEN_MAX_LIFETIME_SECONDS. The MAC is compared in constant time.
 */
export function checkFileToken(secret: string, sha256: string, token: string | undefined, now = new Date()): boolean {
  if (token === undefined || !isSha256(sha256)) return false;
  const parts = TOKEN_PATTERN.exec(token);
  if (!parts) return false;
  const expiresAtSeconds = Number(parts[1]);
  const nowSeconds = now.getTime() / 1000;
  if (expiresAtSeconds <= nowSeconds || expiresAtSeconds > nowSeconds + FILE_TOKEN_MAX_LIFETIME_SECONDS) return false;
  // Both sides are 32 bytes (the pattern fixes the hex length), as timingSafeEqual requires.
  return timingSafeEqual(mac(secret, sha256, expiresAtSeconds), Buffer.from(parts[2], 'hex'));
}
