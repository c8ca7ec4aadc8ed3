import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG } from '@dvc/kernel';
import type { PaymentConfig } from '../config/payment.config';
import type { PaymentGateway } from './payment-gateway';
import { VnpayGateway } from './vnpay/vnpay.gateway';
import { HmacWebhookGateway } from './webhook/hmac-webhook.gateway';

/** The adapters by name: 'vnpay' and one HMAC webhook adapter per configured provider. */
@Injectable()
export class GatewayRegistry {
  private readonly webhooks = new Map<string, HmacWebhookGateway>();

  constructor(
    readonly vnpay: VnpayGateway,
    @Inject(SERVICE_CONFIG) config: PaymentConfig,
  ) {
    for (const [provider, secret] of Object.entries(config.WEBHOOK_SECRETS)) {
      this.webhooks.set(provider, new HmacWebhookGateway(provider, secret, config.WEBHOOK_TOLERANCE_SECONDS));
    }
  }

  webhook(provider: string): HmacWebhookGateway | undefined {
    return this.webhooks.get(provider);
  }

  get(name: string): PaymentGateway | undefined {
    return name === this.vnpay.name ? this.vnpay : this.webhooks.get(name);
  }
}
