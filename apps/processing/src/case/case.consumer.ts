import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, ROUTING_KEYS } from '@dvc/contracts';
import { BusContext } from '@dvc/messaging';
import { CaseOpeningService } from './opening/case-opening.service';
import { CaseSettlementService } from './settlement/case-settlement.service';

@Controller()
export class CaseConsumer {
  constructor(
    private readonly opening: CaseOpeningService,
    private readonly settlement: CaseSettlementService,
  ) {}

  @EventPattern(ROUTING_KEYS.DOSSIER_SUBMITTED_V1)
  onDossierSubmitted(@Payload() event: EventEnvelope<'dossier.submitted'>, @Ctx() ctx: BusContext): Promise<void> {
    return this.opening.open(ctx.manager, event);
  }

  @EventPattern(ROUTING_KEYS.DOSSIER_WITHDRAWN_V1)
  onDossierWithdrawn(@Payload() event: EventEnvelope<'dossier.withdrawn'>, @Ctx() ctx: BusContext): Promise<void> {
    return this.settlement.withdraw(ctx.manager, event);
  }

  @EventPattern(ROUTING_KEYS.PAYMENT_SUCCEEDED_V1)
  onPaymentSucceeded(@Payload() event: EventEnvelope<'payment.succeeded'>, @Ctx() ctx: BusContext): Promise<void> {
    return this.settlement.recordPayment(ctx.manager, event);
  }

  @EventPattern(ROUTING_KEYS.DELIVERY_DELIVERED_V1)
  onDelivered(@Payload() event: EventEnvelope<'delivery.delivered'>, @Ctx() ctx: BusContext): Promise<void> {
    return this.settlement.recordDelivery(ctx.manager, event);
  }

  @EventPattern(ROUTING_KEYS.DELIVERY_RETURNED_V1)
  onReturned(@Payload() event: EventEnvelope<'delivery.returned'>, @Ctx() ctx: BusContext): Promise<void> {
    return this.settlement.recordDelivery(ctx.manager, event);
  }

  /** Only a cancelled shipment matters here: the result is back at the office (the other steps are for the citizen's lookup). */
  @EventPattern(ROUTING_KEYS.DELIVERY_STATUS_CHANGED_V1)
  async onDeliveryStatusChanged(
    @Payload() event: EventEnvelope<'delivery.status_changed'>,
    @Ctx() ctx: BusContext,
  ): Promise<void> {
    if (event.data.status === 'cancelled') await this.settlement.recordDelivery(ctx.manager, event);
  }

  @EventPattern(ROUTING_KEYS.DOSSIER_SUPPLEMENTED_V1)
  onDossierSupplemented(
    @Payload() event: EventEnvelope<'dossier.supplemented'>,
    @Ctx() ctx: BusContext,
  ): Promise<void> {
    return this.settlement.recordSupplement(ctx.manager, event);
  }
}
