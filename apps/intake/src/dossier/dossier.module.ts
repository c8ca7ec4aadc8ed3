import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AttachmentModule } from '../attachment/attachment.module';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { ProcedureModule } from '../procedure/procedure.module';
import { DossierAccessService } from './dossier-access.service';
import { DossierCodeAllocator } from './dossier-code';
import { DossierActionsService } from './dossier-actions.service';
import { DossierConsumer } from './dossier.consumer';
import { DossierController } from './dossier.controller';
import { DossierLookupService } from './dossier-lookup.service';
import { DossierReadModelService } from './dossier-read-model.service';
import { DossierRepository } from './dossier.repository';
import { DossierSubmissionService } from './dossier-submission.service';
import { LookupThrottle } from './lookup-throttle';
import { RetryAfterInterceptor } from './retry-after.interceptor';

@Module({
  imports: [AttachmentModule, IdempotencyModule, ProcedureModule],
  controllers: [DossierController, DossierConsumer],
  providers: [
    DossierRepository,
    DossierCodeAllocator,
    DossierSubmissionService,
    DossierAccessService,
    DossierLookupService,
    DossierActionsService,
    DossierReadModelService,
    LookupThrottle,
    { provide: APP_INTERCEPTOR, useClass: RetryAfterInterceptor },
  ],
  exports: [DossierRepository, DossierSubmissionService, DossierAccessService, LookupThrottle],
})
export class DossierModule {}
