import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, ROUTING_KEYS } from '@dvc/contracts';
import { BusContext } from '@dvc/messaging';
import { OrderLifecycleService } from './order-lifecycle.service';
import { PaymentOrderService } from './payment-order.service';

@Controller()
export class PaymentOrderConsumer {
  constructor(
    private readonly orders: PaymentOrderService,
    private readonly lifecycle: OrderLifecycleService,
  ) {}

  @EventPattern(ROUTING_KEYS.FEE_ASSESSED_V1)
  onFeeAssessed(@Payload() event: EventEnvelope<'fee.assessed'>, @Ctx() ctx: BusContext): Promise<void> {
    return this.orders.openOrder(ctx.manager, event);
  }

  @EventPattern(ROUTING_KEYS.DELIVERY_DELIVERED_V1)
  onDelivered(@Payload() event: EventEnvelope<'delivery.delivered'>, @Ctx() ctx: BusContext): Promise<void> {
    return this.lifecycle.codDelivered(ctx.manager, event);
  }

  @EventPattern(ROUTING_KEYS.DELIVERY_RETURNED_V1)
  onReturned(@Payload() event: EventEnvelope<'delivery.returned'>, @Ctx() ctx: BusContext): Promise<void> {
    return this.lifecycle.parcelReturned(ctx.manager, event);
  }

  @EventPattern(ROUTING_KEYS.DOSSIER_REJECTED_V1)
  onRejected(@Payload() event: EventEnvelope<'dossier.rejected'>, @Ctx() ctx: BusContext): Promise<void> {
    return this.lifecycle.dossierRejected(ctx.manager, event);
  }

  @EventPattern(ROUTING_KEYS.DOSSIER_WITHDRAWN_V1)
  onWithdrawn(@Payload() event: EventEnvelope<'dossier.withdrawn'>, @Ctx() ctx: BusContext): Promise<void> {
    return this.lifecycle.dossierWithdrawn(ctx.manager, event);
  }
}
