import { bootstrapService, exitOnBootFailure } from '@dvc/kernel';
import { loadPaymentConfig, PAYMENT_SCHEMA, paymentModule } from './app.module';

async function main() {
  const config = loadPaymentConfig();
  await bootstrapService(paymentModule(config), {
    service: 'payment',
    schema: PAYMENT_SCHEMA,
    config,
    openApi: {
      title: 'DVC payment: thu phí, cổng thanh toán, biên lai / fees, payment gateways, receipts',
      description:
        'Lệnh thu phí theo hồ sơ, thanh toán trực tuyến (VNPay 2.1.0, webhook HMAC), thu tại quầy, thu hộ COD, hoàn phí, biên lai điện tử, đối soát. / ' +
        'Payment orders per dossier fee, online payment (VNPay 2.1.0, HMAC webhook), counter payment, postal COD, refunds, electronic receipts, reconciliation.',
    },
  });
}

main().catch(exitOnBootFailure);
