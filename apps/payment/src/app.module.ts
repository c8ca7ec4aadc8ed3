import { Module } from '@nestjs/common';
import { loadConfig } from '@dvc/config';
import { PlatformModule } from '@dvc/kernel';
import { CallbackModule } from './callback/callback.module';
import { PaymentConfig } from './config/payment.config';
import { PAYMENT_MIGRATIONS } from './database/migrations';
import { ExpiryModule } from './expiry/expiry.module';
import { GatewayModule } from './gateway/gateway.module';
import { PaymentOrderModule } from './payment-order/payment-order.module';
import { PortalKeyModule } from './portal-key/portal-key.module';
import { ReconciliationModule } from './reconciliation/reconciliation.module';

export const PAYMENT_SCHEMA = 'payment';

export function paymentModule(config: PaymentConfig) {
  @Module({
    imports: [
      PlatformModule.forService({
        service: 'payment',
        schema: PAYMENT_SCHEMA,
        config,
        entities: [],
        migrations: PAYMENT_MIGRATIONS,
      }),
      GatewayModule,
      PortalKeyModule,
      PaymentOrderModule,
      CallbackModule,
      ExpiryModule,
      ReconciliationModule,
    ],
  })
  class PaymentModule {}
  return PaymentModule;
}

export const loadPaymentConfig = () => loadConfig(PaymentConfig);
