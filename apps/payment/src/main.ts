import { bootstrapService, exitOnBootFailure } from '@dvc/platform';
import { loadPaymentConfig, PAYMENT_SCHEMA, paymentModule } from './app.module';

async function main() {
  const config = loadPaymentConfig();
  await bootstrapService(paymentModule(config), { service: 'payment', schema: PAYMENT_SCHEMA, config });
}

main().catch(exitOnBootFailure);
