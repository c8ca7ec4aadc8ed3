import { bootstrapService, exitOnBootFailure } from '@dvc/kernel';
import { loadPostalDeliveryConfig, POSTAL_SCHEMA, postalDeliveryModule } from './app.module';
import { partnerWebhookRawBody } from './partner/partner-webhook.raw-body';

async function main() {
  const config = loadPostalDeliveryConfig();
  await bootstrapService(postalDeliveryModule(config), {
    service: 'postal-delivery',
    schema: POSTAL_SCHEMA,
    config,
    beforeNest: (app) => app.use(partnerWebhookRawBody(config.JSON_BODY_LIMIT_BYTES)),
    openApi: {
      title: 'DVC postal-delivery: vận đơn bưu chính / postal shipments',
      description:
        'Vận đơn gửi kết quả qua bưu chính công ích, báo trạng thái có ký HMAC của đối tác, hủy vận đơn, sửa địa chỉ. ' +
        'Luồng AMQP của đối tác: docs/asyncapi/postal-partner.yaml. / ' +
        'Shipments of results sent by the public postal service, signed status reports from the partner, cancellation, address fixes. ' +
        "The partner's AMQP feed: docs/asyncapi/postal-partner.yaml.",
    },
  });
}

main().catch(exitOnBootFailure);
