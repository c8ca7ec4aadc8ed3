import { bootstrapService, exitOnBootFailure } from '@dvc/kernel';
import { loadProcessingConfig, PROCESSING_SCHEMA, processingModule } from './app.module';

async function main() {
  const config = loadProcessingConfig();
  await bootstrapService(processingModule(config), { service: 'processing', schema: PROCESSING_SCHEMA, config });
}

main().catch(exitOnBootFailure);
