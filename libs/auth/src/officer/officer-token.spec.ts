import 'reflect-metadata';
import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ServiceConfig } from '@dvc/config';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { OfficerAuthGuard } from './officer-auth.guard';
import { type OfficerRole, ROLES_KEY, type Officer } from './officer';
import { signOfficerToken } from './sign-officer-token';

const SECRET = 'unit-test-officer-secret-0123456789';
const ISSUER = 'dvc-unit-idp';
const guard = new OfficerAuthGuard(new Reflector(), {
  OFFICER_JWT_SECRET: SECRET,
  OFFICER_JWT_ISSUER: ISSUER,
} as ServiceConfig);

/** Runs the guard as Nest would for an endpoint requiring `roles`, with this Authorization header. */
async function call(authorization: string | undefined, roles: OfficerRole[] = ['leader']) {
  const handler = () => undefined;
  Reflect.defineMetadata(ROLES_KEY, roles, handler);
  const req: { headers: Record<string, string | undefined>; officer?: Officer } = { headers: { authorization } };
  const context = {
    switchToHttp: () => ({ getRequest: () => req }),
    getHandler: () => handler,
    getClass: () => class {},
  } as unknown as ExecutionContext;
  try {
    return { allowed: await guard.canActivate(context), officer: req.officer };
  } catch (err) {
    return { refused: (err as { code: string }).code };
  }
}

describe("officers' tokens signed with jose and verified by the guard (HS256 with the shared secret)", () => {
  it('carries the claims the guard reads and lets the officer in', async () => {
    const token = await signOfficerToken(
      { id: 'lanh-dao-1', name: 'Trần Thị Bình', roles: ['leader'] },
      SECRET,
      ISSUER,
    );
    expect(decodeProtectedHeader(token).alg).toBe('HS256');
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ sub: 'lanh-dao-1', name: 'Trần Thị Bình', roles: ['leader'], iss: ISSUER });
    expect(claims.exp! - claims.iat!).toBe(3600);
    expect(await call(`Bearer ${token}`)).toEqual({
      allowed: true,
      officer: { id: 'lanh-dao-1', name: 'Trần Thị Bình', roles: ['leader'] },
    });
  });

  it('leaves the name out when the officer has none', async () => {
    const token = await signOfficerToken({ id: 'mot-cua-1', roles: ['reception'] }, SECRET, ISSUER);
    expect('name' in decodeJwt(token)).toBe(false);
    expect(await call(`Bearer ${token}`, ['reception'])).toMatchObject({ allowed: true, officer: { id: 'mot-cua-1' } });
  });

  it('refuses a bad signature, a wrong issuer, an expired token and a missing role', async () => {
    const officer: Officer = { id: 'mot-cua-1', roles: ['reception'] };
    const good = await signOfficerToken(officer, SECRET, ISSUER);
    expect(await call(`Bearer ${good}`, ['reception'])).toMatchObject({ allowed: true });
    const otherSecret = await signOfficerToken(officer, 'someone-elses-secret-0123456789', ISSUER);
    expect(await call(`Bearer ${otherSecret}`, ['reception'])).toEqual({ refused: 'AUTH.UNAUTHENTICATED' });
    const [header, payload, signature] = good.split('.');
    const tampered = `${header}.${payload}.${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
    expect(await call(`Bearer ${tampered}`, ['reception'])).toEqual({ refused: 'AUTH.UNAUTHENTICATED' });
    const wrongIssuer = await signOfficerToken(officer, SECRET, 'someone-else');
    expect(await call(`Bearer ${wrongIssuer}`, ['reception'])).toEqual({ refused: 'AUTH.UNAUTHENTICATED' });
    const expired = await signOfficerToken(officer, SECRET, ISSUER, -60);
    expect(await call(`Bearer ${expired}`, ['reception'])).toEqual({ refused: 'AUTH.UNAUTHENTICATED' });
    expect(await call(`Bearer ${good}`, ['leader'])).toEqual({ refused: 'AUTH.FORBIDDEN' });
    expect(await call(undefined)).toEqual({ refused: 'AUTH.UNAUTHENTICATED' });
  });
});
