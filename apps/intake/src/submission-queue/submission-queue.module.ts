import { Module } from '@nestjs/common';
import { DossierModule } from '../dossier/dossier.module';
import { SubmissionQueueConsumer } from './submission-queue.consumer';

@Module({ imports: [DossierModule], providers: [SubmissionQueueConsumer] })
export class SubmissionQueueModule {}
