import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, ROUTING_KEYS } from '@dvc/contracts';
import { BusContext } from '@dvc/messaging';
import { DossierReadModelService } from './dossier-read-model.service';

@Controller()
export class DossierConsumer {
  constructor(private readonly readModel: DossierReadModelService) {}

  @EventPattern(ROUTING_KEYS.DOSSIER_STATUS_CHANGED_V1)
  onStatusChanged(@Payload() event: EventEnvelope<'dossier.status_changed'>, @Ctx() ctx: BusContext): Promise<void> {
    return this.readModel.applyStatusChange(ctx.manager, event);
  }

  @EventPattern(ROUTING_KEYS.DOSSIER_SUPPLEMENT_REQUESTED_V1)
  onSupplementRequested(
    @Payload() event: EventEnvelope<'dossier.supplement_requested'>,
    @Ctx() ctx: BusContext,
  ): Promise<void> {
    return this.readModel.recordSupplementRequest(ctx.manager, event);
  }

  @EventPattern(ROUTING_KEYS.DELIVERY_STATUS_CHANGED_V1)
  onDeliveryStatusChanged(
    @Payload() event: EventEnvelope<'delivery.status_changed'>,
    @Ctx() ctx: BusContext,
  ): Promise<void> {
    return this.readModel.recordDeliveryStatus(ctx.manager, event);
  }
}
