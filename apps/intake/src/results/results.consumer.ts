import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, ROUTING_KEYS } from '@dvc/contracts';
import { BusContext } from '@dvc/messaging';
import { IssuedReferencesService } from './issued-references.service';

/** What processing issued to the applicant: intake keeps the references for the citizen's downloads. */
@Controller()
export class ResultsConsumer {
  constructor(private readonly references: IssuedReferencesService) {}

  @EventPattern(ROUTING_KEYS.RESULT_ISSUED_V1)
  onResultIssued(@Payload() event: EventEnvelope<'result.issued'>, @Ctx() ctx: BusContext): Promise<void> {
    return this.references.recordResult(ctx.manager, event);
  }

  @EventPattern(ROUTING_KEYS.SLIP_ISSUED_V1)
  onSlipIssued(@Payload() event: EventEnvelope<'slip.issued'>, @Ctx() ctx: BusContext): Promise<void> {
    return this.references.recordSlip(ctx.manager, event);
  }
}
