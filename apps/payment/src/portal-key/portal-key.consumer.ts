import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, ROUTING_KEYS } from '@dvc/contracts';
import { BusContext } from '@dvc/messaging';
import { PortalAuthenticator } from '@dvc/auth';
import { PaymentPortalKeyRepository } from './portal-key.repository';

@Controller()
export class PortalKeyConsumer {
  constructor(
    private readonly store: PaymentPortalKeyRepository,
    private readonly authenticator: PortalAuthenticator,
  ) {}

  @EventPattern(ROUTING_KEYS.PORTAL_KEY_ISSUED_V1)
  async onIssued(@Payload() event: EventEnvelope<'portal.key_issued'>, @Ctx() ctx: BusContext): Promise<void> {
    await this.store.issued(ctx.manager, event);
    // A lookup made before the key arrived is cached as "unknown": forget it.
    this.authenticator.forgetAll();
  }

  @EventPattern(ROUTING_KEYS.PORTAL_KEY_REVOKED_V1)
  async onRevoked(@Payload() event: EventEnvelope<'portal.key_revoked'>, @Ctx() ctx: BusContext): Promise<void> {
    await this.store.revoked(ctx.manager, event);
    this.authenticator.forgetAll();
  }
}
