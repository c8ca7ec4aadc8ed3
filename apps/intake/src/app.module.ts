import { Module } from '@nestjs/common';
import { loadConfig } from '@dvc/config';
import { PlatformModule } from '@dvc/kernel';
import { IntakeConfig } from './config/intake.config';
import { INTAKE_MIGRATIONS } from './database/migrations';
import { DossierModule } from './dossier/dossier.module';
import { FilesModule } from './files/files.module';
import { HousekeepingModule } from './housekeeping/housekeeping.module';
import { PortalModule } from './portal/portal.module';
import { ProcedureModule } from './procedure/procedure.module';
import { ResultsModule } from './results/results.module';
import { SiteStatsModule } from './site-stats/site-stats.module';
import { SubmissionQueueModule } from './submission-queue/submission-queue.module';

export const INTAKE_SCHEMA = 'intake';

export function intakeModule(config: IntakeConfig) {
  @Module({
    imports: [
      PlatformModule.forService({
        service: 'intake',
        schema: INTAKE_SCHEMA,
        config,
        entities: [],
        migrations: INTAKE_MIGRATIONS,
      }),
      PortalModule,
      ProcedureModule,
      DossierModule,
      ResultsModule,
      FilesModule,
      SiteStatsModule,
      SubmissionQueueModule,
      HousekeepingModule,
    ],
  })
  class IntakeModule {}
  return IntakeModule;
}

export const loadIntakeConfig = () => loadConfig(IntakeConfig);
