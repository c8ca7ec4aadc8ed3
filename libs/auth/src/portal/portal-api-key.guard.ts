import { CanActivate, createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import { AuthenticatedPortal, PortalAuthenticator } from './portal-authenticator';

/** The endpoint is for portals: X-Api-Key must be a live key. */
@Injectable()
export class PortalApiKeyGuard implements CanActivate {
  constructor(private readonly portals: PortalAuthenticator) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined>; portal?: AuthenticatedPortal }>();
    req.portal = await this.portals.authenticate(req.headers['x-api-key']);
    return true;
  }
}

/** The portal the guard authenticated. */
export const CurrentPortal = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): AuthenticatedPortal => ctx.switchToHttp().getRequest().portal,
);
