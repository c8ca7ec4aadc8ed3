import { Module } from '@nestjs/common';
import { AttachmentModule } from '../attachment/attachment.module';
import { DossierModule } from '../dossier/dossier.module';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { HousekeepingService } from './housekeeping.service';

@Module({ imports: [AttachmentModule, DossierModule, IdempotencyModule], providers: [HousekeepingService] })
export class HousekeepingModule {}
