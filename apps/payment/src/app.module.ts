import { Module } from '@nestjs/common';
import { loadConfig } from '@dvc/config';
import { PlatformModule } from '@dvc/platform';
import { PaymentConfig } from './config/payment.config';
import { PAYMENT_MIGRATIONS } from './database/migrations';
import { PaymentOrderEntity } from './payment-order/entities/payment-order.entity';
import { PaymentOrderModule } from './payment-order/payment-order.module';

export const PAYMENT_SCHEMA = 'payment';

export function paymentModule(config: PaymentConfig) {
  @Module({
    imports: [
      PlatformModule.forService({
        service: 'payment',
        schema: PAYMENT_SCHEMA,
        config,
        entities: [PaymentOrderEntity],
        migrations: PAYMENT_MIGRATIONS,
      }),
      PaymentOrderModule,
    ],
  })
  class PaymentModule {}
  return PaymentModule;
}

export const loadPaymentConfig = () => loadConfig(PaymentConfig);
