import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { AccessLogModule } from './access-log/access-log.module';
import { OfficerActionsService } from './actions/officer-actions.service';
import { CaseConsumer } from './case.consumer';
import { CaseController } from './case.controller';
import { CaseRepository } from './case.repository';
import { CaseTransitions } from './case-transitions.service';
import { FilingController } from './filing/filing.controller';
import { FilingRepository } from './filing/filing.repository';
import { FilingService } from './filing/filing.service';
import { intakeFilesProvider } from './filing/intake-files.provider';
import { CaseOpeningService } from './opening/case-opening.service';
import { CaseQueueService } from './queue/case-queue.service';
import { CaseSettlementService } from './settlement/case-settlement.service';
import { CaseViewsService } from './views/case-views.service';

@Module({
  controllers: [CaseController, CaseConsumer, FilingController],
  imports: [CalendarModule, AccessLogModule],
  providers: [
    CaseRepository,
    CaseTransitions,
    CaseOpeningService,
    OfficerActionsService,
    CaseSettlementService,
    CaseQueueService,
    CaseViewsService,
    FilingRepository,
    FilingService,
    intakeFilesProvider,
  ],
})
export class CaseModule {}
