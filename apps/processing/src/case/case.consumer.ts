import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, ROUTING_KEYS } from '@dvc/contracts';
import { BusContext } from '@dvc/messaging';
import { CaseService } from './case.service';

@Controller()
export class CaseConsumer {
  constructor(private readonly cases: CaseService) {}

  @EventPattern(ROUTING_KEYS.DOSSIER_SUBMITTED_V1)
  onDossierSubmitted(@Payload() event: EventEnvelope<'dossier.submitted'>, @Ctx() ctx: BusContext): Promise<void> {
    return this.cases.openCase(ctx.manager, event);
  }

  @EventPattern(ROUTING_KEYS.DOSSIER_WITHDRAWN_V1)
  onDossierWithdrawn(@Payload() event: EventEnvelope<'dossier.withdrawn'>, @Ctx() ctx: BusContext): Promise<void> {
    return this.cases.withdraw(ctx.manager, event);
  }

  @EventPattern(ROUTING_KEYS.PAYMENT_SUCCEEDED_V1)
  onPaymentSucceeded(@Payload() event: EventEnvelope<'payment.succeeded'>, @Ctx() ctx: BusContext): Promise<void> {
    return this.cases.recordPayment(ctx.manager, event);
  }

  @EventPattern(ROUTING_KEYS.DELIVERY_DELIVERED_V1)
  onDelivered(@Payload() event: EventEnvelope<'delivery.delivered'>, @Ctx() ctx: BusContext): Promise<void> {
    return this.cases.recordDelivery(ctx.manager, event);
  }

  @EventPattern(ROUTING_KEYS.DELIVERY_RETURNED_V1)
  onReturned(@Payload() event: EventEnvelope<'delivery.returned'>, @Ctx() ctx: BusContext): Promise<void> {
    return this.cases.recordDelivery(ctx.manager, event);
  }

  /** Only a cancelled shipment matters here: the result is back at the office (the other steps are for the citizen's lookup). */
  @EventPattern(ROUTING_KEYS.DELIVERY_STATUS_CHANGED_V1)
  async onDeliveryStatusChanged(@Payload() event: EventEnvelope<'delivery.status_changed'>, @Ctx() ctx: BusContext): Promise<void> {
    if (event.data.status === 'cancelled') await this.cases.recordDelivery(ctx.manager, event);
  }

  @EventPattern(ROUTING_KEYS.DOSSIER_SUPPLEMENTED_V1)
  onDossierSupplemented(@Payload() event: EventEnvelope<'dossier.supplemented'>, @Ctx() ctx: BusContext): Promise<void> {
    return this.cases.recordSupplement(ctx.manager, event);
  }
}
