import { Module } from '@nestjs/common';
import { loadConfig } from '@dvc/config';
import { PlatformModule } from '@dvc/kernel';
import { CaseModule } from './case/case.module';
import { ProcessingConfig } from './config/processing.config';
import { PROCESSING_MIGRATIONS } from './database/migrations';
import { FilesModule } from './files/files.module';
import { StatsModule } from './stats/stats.module';

export const PROCESSING_SCHEMA = 'processing';

export function processingModule(config: ProcessingConfig) {
  @Module({
    imports: [
      PlatformModule.forService({
        service: 'processing',
        schema: PROCESSING_SCHEMA,
        config,
        entities: [],
        migrations: PROCESSING_MIGRATIONS,
      }),
      // First: it loads the signing key, and a bad key must stop the boot before anything else starts.
      FilesModule.forRoot(config),
      CaseModule,
      StatsModule,
    ],
  })
  class ProcessingModule {}
  return ProcessingModule;
}

export const loadProcessingConfig = () => loadConfig(ProcessingConfig);
