import { JwtService } from '@nestjs/jwt';
import type { Officer } from './officer';

/**
 * Mints an officer token the way the identity provider would. Used by tests, the demo and
 * `node dist/tools/officer-token.js`; production tokens come from the real identity provider.
 */
export function signOfficerToken(officer: Officer, secret: string, issuer: string, expiresInSeconds = 3600): string {
  return new JwtService().sign(
    { sub: officer.id, name: officer.name, roles: officer.roles },
    { secret, issuer, algorithm: 'HS256', expiresIn: expiresInSeconds },
  );
}
