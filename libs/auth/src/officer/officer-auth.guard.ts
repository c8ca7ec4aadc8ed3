import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import type { ServiceConfig } from '@dvc/config';
import { SERVICE_CONFIG } from '@dvc/kernel';
import { DomainError } from '@dvc/kernel';
import { Officer, OFFICER_ROLES, OfficerRole, ROLES_KEY } from './officer';

export const AuthErrors = {
  unauthenticated: () =>
    new DomainError(
      'AUTH.UNAUTHENTICATED',
      {
        vi: 'Cần đăng nhập bằng tài khoản cán bộ (Bearer token) để thực hiện thao tác này.',
        en: "This needs an officer's bearer token.",
      },
      { status: 401 },
    ),
  forbidden: (roles: readonly string[]) =>
    new DomainError(
      'AUTH.FORBIDDEN',
      {
        vi: `Thao tác này chỉ dành cho vai trò: ${roles.join(', ')}.`,
        en: `Only these roles may do this: ${roles.join(', ')}.`,
      },
      { status: 403, details: { requiredRoles: roles } },
    ),
};

/**
 * Verifies the officer's JWT (the identity provider's JWKS when configured, else HS256 with the
 * shared secret; issuer and expiry checked) and the roles the endpoint
 * requires; the officer is put on the request for the handler (`@CurrentOfficer()`).
 */
@Injectable()
export class OfficerAuthGuard implements CanActivate {
  /** The identity provider's keys, fetched and cached (and refetched on an unknown key id) by jose. */
  private readonly jwks?: ReturnType<typeof createRemoteJWKSet>;
  /** The HS256 secret as jose takes it; one library verifies both kinds of token. */
  private readonly secret: Uint8Array;

  constructor(
    private readonly reflector: Reflector,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {
    if (config.OFFICER_JWKS_URL) this.jwks = createRemoteJWKSet(new URL(config.OFFICER_JWKS_URL));
    this.secret = new TextEncoder().encode(config.OFFICER_JWT_SECRET);
  }

  private async verify(token: string): Promise<{ sub?: unknown; name?: unknown; roles?: unknown }> {
    if (this.jwks) {
      const { payload } = await jwtVerify(token, this.jwks, {
        issuer: this.config.OFFICER_JWT_ISSUER,
        algorithms: ['RS256', 'ES256'],
      });
      return payload;
    }
    const { payload } = await jwtVerify(token, this.secret, {
      issuer: this.config.OFFICER_JWT_ISSUER,
      algorithms: ['HS256'],
    });
    return payload;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; officer?: Officer }>();
    const header = req.headers.authorization ?? '';
    const token = /^Bearer\s+(.+)$/i.exec(header)?.[1];
    if (!token) throw AuthErrors.unauthenticated();
    let claims: { sub?: unknown; name?: unknown; roles?: unknown };
    try {
      claims = await this.verify(token);
    } catch {
      throw AuthErrors.unauthenticated();
    }
    if (typeof claims.sub !== 'string' || !Array.isArray(claims.roles)) throw AuthErrors.unauthenticated();
    const roles = claims.roles.filter((r): r is OfficerRole => (OFFICER_ROLES as readonly unknown[]).includes(r));
    const required =
      this.reflector.getAllAndOverride<OfficerRole[] | undefined>(ROLES_KEY, [
        context.getHandler(),
        context.getClass(),
      ]) ?? [];
    if (required.length > 0 && !required.some((r) => roles.includes(r))) throw AuthErrors.forbidden(required);
    req.officer = { id: claims.sub, name: typeof claims.name === 'string' ? claims.name : undefined, roles };
    return true;
  }
}
