import { SignJWT } from 'jose';
import type { Officer } from './officer';

/**
 * Mints an officer token the way the identity provider would (HS256 with the shared secret; the
 * claims OfficerAuthGuard reads: sub, roles, name when known, iss, iat, exp). Used by tests, the demo
 * and `node dist/tools/officer-token.js`; production tokens come from the real identity provider.
 * Async because jose signs with WebCrypto: one library signs and verifies.
 */
export async function signOfficerToken(
  officer: Officer,
  secret: string,
  issuer: string,
  expiresInSeconds = 3600,
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ roles: officer.roles, ...(officer.name !== undefined ? { name: officer.name } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(officer.id)
    .setIssuer(issuer)
    .setIssuedAt(now)
    .setExpirationTime(now + expiresInSeconds)
    .sign(new TextEncoder().encode(secret));
}
