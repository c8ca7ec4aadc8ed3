import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { memoryStorage } from 'multer';
import { CalendarModule } from '../calendar/calendar.module';
import { ProcessingConfig } from '../config/processing.config';
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
import { ResultsController } from './results/results.controller';
import { ResultsService } from './results/results.service';
import { CaseQueueService } from './queue/case-queue.service';
import { CaseSettlementService } from './settlement/case-settlement.service';
import { SlipIssuer } from './slips/slip-issuer.service';
import { SlipsController } from './slips/slips.controller';
import { CaseViewsService } from './views/case-views.service';

@Module({
  controllers: [CaseController, CaseConsumer, FilingController, ResultsController, SlipsController],
  imports: [
    CalendarModule,
    AccessLogModule,
    // Result files are held in memory up to the configured limits, checked from their bytes, then stored.
    MulterModule.registerAsync({
      inject: [ProcessingConfig],
      useFactory: (config: ProcessingConfig) => ({
        storage: memoryStorage(),
        // File names are UTF-8 (Vietnamese); busboy would read them as latin1.
        defParamCharset: 'utf8',
        limits: { fileSize: config.RESULT_MAX_BYTES, files: config.RESULT_MAX_FILES, fields: 20 },
      }),
    }),
  ],
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
    ResultsService,
    SlipIssuer,
  ],
})
export class CaseModule {}
