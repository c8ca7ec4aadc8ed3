import { Module } from '@nestjs/common';
import { FileExchangeClient } from '@dvc/storage';
import { IntakeConfig } from '../config/intake.config';
import { DossierModule } from '../dossier/dossier.module';
import { CitizenResultsService, PROCESSING_FILES } from './citizen-results.service';
import { IssuedReferencesService } from './issued-references.service';
import { ResultFileRepository } from './result-file.repository';
import { ResultsConsumer } from './results.consumer';
import { ResultsController } from './results.controller';
import { SlipRepository } from './slip.repository';

/** What processing issued to the applicant: the references (from the bus), the citizen's downloads. */
@Module({
  imports: [DossierModule],
  controllers: [ResultsController, ResultsConsumer],
  providers: [
    ResultFileRepository,
    SlipRepository,
    IssuedReferencesService,
    CitizenResultsService,
    {
      provide: PROCESSING_FILES,
      inject: [IntakeConfig],
      useFactory: (c: IntakeConfig) =>
        new FileExchangeClient({ baseUrl: c.PROCESSING_URL, secret: c.INTERNAL_FILES_SECRET }),
    },
  ],
})
export class ResultsModule {}
