import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, ROUTING_KEYS } from '@dvc/contracts';
import { BusContext } from '@dvc/messaging';
import { ShipmentService } from './shipment.service';

@Controller()
export class ShipmentConsumer {
  constructor(private readonly shipments: ShipmentService) {}

  @EventPattern(ROUTING_KEYS.RESULT_ISSUED_V1)
  onResultIssued(@Payload() event: EventEnvelope<'result.issued'>, @Ctx() ctx: BusContext): Promise<void> {
    return this.shipments.openShipment(ctx.manager, event);
  }

  @EventPattern(ROUTING_KEYS.PAYMENT_SUCCEEDED_V1)
  onPaymentSucceeded(@Payload() event: EventEnvelope<'payment.succeeded'>, @Ctx() ctx: BusContext): Promise<void> {
    return this.shipments.settleCod(ctx.manager, event);
  }
}
