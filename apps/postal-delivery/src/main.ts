import { bootstrapService, exitOnBootFailure } from '@dvc/platform';
import { loadPostalDeliveryConfig, POSTAL_SCHEMA, postalDeliveryModule } from './app.module';

async function main() {
  const config = loadPostalDeliveryConfig();
  await bootstrapService(postalDeliveryModule(config), { service: 'postal-delivery', schema: POSTAL_SCHEMA, config });
}

main().catch(exitOnBootFailure);
