import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { OfficerActionsService } from './actions/officer-actions.service';
import { CaseConsumer } from './case.consumer';
import { CaseController } from './case.controller';
import { CaseRepository } from './case.repository';
import { CaseTransitions } from './case-transitions.service';
import { CaseOpeningService } from './opening/case-opening.service';
import { CaseQueueService } from './queue/case-queue.service';
import { CaseSettlementService } from './settlement/case-settlement.service';
import { CaseViewsService } from './views/case-views.service';

@Module({
  controllers: [CaseController, CaseConsumer],
  imports: [CalendarModule],
  providers: [
    CaseRepository,
    CaseTransitions,
    CaseOpeningService,
    OfficerActionsService,
    CaseSettlementService,
    CaseQueueService,
    CaseViewsService,
  ],
})
export class CaseModule {}
