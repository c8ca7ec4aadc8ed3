import { randomBytes } from 'node:crypto';

// 32 symbols (no I or O, which read as 1 and 0): one random byte's low 5 bits pick one without bias.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A result's verification code, XXXX-XXXX-XXXX-XXXX (80 random bits): VERIFICATION_CODE_PATTERN. */
export function newVerificationCode(): string {
  const chars = [...randomBytes(16)].map((b) => ALPHABET[b & 31]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}
