import { createHash, randomBytes } from 'node:crypto';

export const hashLookupSecret = (code: string, secret: string) =>
  createHash('sha256')
    .update(`${code}:${secret.toUpperCase().replace(/-/g, '')}`)
    .digest('hex');

/** 15 characters from an alphabet without look-alikes (no 0/O, 1/I/L), grouped for reading aloud. */
export function newLookupSecret(): string {
  const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(15);
  const chars = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5, 10)}-${chars.slice(10, 15)}`;
}
