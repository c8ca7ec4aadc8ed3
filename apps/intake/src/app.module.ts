import { Module } from '@nestjs/common';
import { loadConfig } from '@dvc/config';
import { PlatformModule } from '@dvc/kernel';
import { AttachmentEntity } from './attachment/entities/attachment.entity';
import { IntakeConfig } from './config/intake.config';
import { INTAKE_MIGRATIONS } from './database/migrations';
import { DossierModule } from './dossier/dossier.module';
import { HousekeepingModule } from './housekeeping/housekeeping.module';
import { DossierEntity } from './dossier/entities/dossier.entity';
import { PortalEntity } from './portal/entities/portal.entity';
import { PortalModule } from './portal/portal.module';
import { ProcedureVersionEntity } from './procedure/entities/procedure-version.entity';
import { ProcedureModule } from './procedure/procedure.module';
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
        entities: [DossierEntity, ProcedureVersionEntity, PortalEntity, AttachmentEntity],
        migrations: INTAKE_MIGRATIONS,
      }),
      PortalModule,
      ProcedureModule,
      DossierModule,
      SiteStatsModule,
      SubmissionQueueModule,
      HousekeepingModule,
    ],
  })
  class IntakeModule {}
  return IntakeModule;
}

export const loadIntakeConfig = () => loadConfig(IntakeConfig);
