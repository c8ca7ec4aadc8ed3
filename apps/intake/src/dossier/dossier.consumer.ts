import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, ROUTING_KEYS } from '@dvc/contracts';
import { BusContext } from '@dvc/messaging';
import { DossierService } from './dossier.service';

@Controller()
export class DossierConsumer {
  constructor(private readonly dossiers: DossierService) {}

  @EventPattern(ROUTING_KEYS.DOSSIER_STATUS_CHANGED_V1)
  onStatusChanged(@Payload() event: EventEnvelope<'dossier.status_changed'>, @Ctx() ctx: BusContext): Promise<void> {
    return this.dossiers.applyStatusChange(ctx.manager, event);
  }
}
