import { bootstrapService, exitOnBootFailure } from '@dvc/platform';
import { INTAKE_SCHEMA, intakeModule, loadIntakeConfig } from './app.module';

async function main() {
  const config = loadIntakeConfig();
  await bootstrapService(intakeModule(config), { service: 'intake', schema: INTAKE_SCHEMA, config });
}

main().catch(exitOnBootFailure);
