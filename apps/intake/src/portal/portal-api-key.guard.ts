import { CanActivate, createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import { AuthenticatedPortal, PortalService } from './portal.service';

/** The endpoint is for portals: X-Api-Key must be a live key. */
@Injectable()
export class PortalApiKeyGuard implements CanActivate {
  constructor(private readonly portals: PortalService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; portal?: AuthenticatedPortal }>();
    req.portal = await this.portals.authenticate(req.headers['x-api-key']);
    return true;
  }
}

export const CurrentPortal = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthenticatedPortal => ctx.switchToHttp().getRequest().portal);
