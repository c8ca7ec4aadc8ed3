import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, ROUTING_KEYS } from '@dvc/contracts';
import { BusContext } from '@dvc/messaging';
import { PaymentOrderService } from './payment-order.service';

@Controller()
export class PaymentOrderConsumer {
  constructor(private readonly orders: PaymentOrderService) {}

  @EventPattern(ROUTING_KEYS.FEE_ASSESSED_V1)
  onFeeAssessed(@Payload() event: EventEnvelope<'fee.assessed'>, @Ctx() ctx: BusContext): Promise<void> {
    return this.orders.openOrder(ctx.manager, event);
  }
}
