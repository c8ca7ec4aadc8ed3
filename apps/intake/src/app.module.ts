import { Module } from '@nestjs/common';
import { loadConfig } from '@dvc/config';
import { PlatformModule } from '@dvc/platform';
import { IntakeConfig } from './config/intake.config';
import { INTAKE_MIGRATIONS } from './database/migrations';
import { DossierModule } from './dossier/dossier.module';
import { DossierEntity } from './dossier/entities/dossier.entity';
import { ProcedureVersionEntity } from './procedure/entities/procedure-version.entity';

export const INTAKE_SCHEMA = 'intake';

export function intakeModule(config: IntakeConfig) {
  @Module({
    imports: [
      PlatformModule.forService({
        service: 'intake',
        schema: INTAKE_SCHEMA,
        config,
        entities: [DossierEntity, ProcedureVersionEntity],
        migrations: INTAKE_MIGRATIONS,
      }),
      DossierModule,
    ],
  })
  class IntakeModule {}
  return IntakeModule;
}

export const loadIntakeConfig = () => loadConfig(IntakeConfig);
