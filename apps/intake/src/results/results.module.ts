import { Module } from '@nestjs/common';
import { FileExchangeClient } from '@dvc/storage';
import { IntakeConfig } from '../config/intake.config';
import { AttachmentModule } from '../attachment/attachment.module';
import { DossierModule } from '../dossier/dossier.module';
import { CitizenResultsService, PROCESSING_FILES } from './citizen-results.service';
import { IssuedReferencesService } from './issued-references.service';
import { ResultFileRepository } from './result-file.repository';
import { ResultsConsumer } from './results.consumer';
import { ResultsController } from './results.controller';
import { ResultVerificationService } from './result-verification.service';
import { SlipRepository } from './slip.repository';
import { VerificationController } from './verification.controller';
import { VerificationThrottle } from './verification-throttle';

/** What processing issued to the applicant: the references (from the bus), the citizen's downloads. */
@Module({
  // AttachmentModule: its size-limited multipart set-up for the PDF to verify.
  imports: [DossierModule, AttachmentModule],
  controllers: [ResultsController, VerificationController, ResultsConsumer],
  providers: [
    ResultFileRepository,
    SlipRepository,
    IssuedReferencesService,
    CitizenResultsService,
    ResultVerificationService,
    VerificationThrottle,
    {
      provide: PROCESSING_FILES,
      inject: [IntakeConfig],
      useFactory: (c: IntakeConfig) =>
        new FileExchangeClient({ baseUrl: c.PROCESSING_URL, secret: c.INTERNAL_FILES_SECRET }),
    },
  ],
})
export class ResultsModule {}
