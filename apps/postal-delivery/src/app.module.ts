import { Module } from '@nestjs/common';
import { loadConfig } from '@dvc/config';
import { PlatformModule } from '@dvc/kernel';
import { PostalDeliveryConfig } from './config/postal-delivery.config';
import { POSTAL_MIGRATIONS } from './database/migrations';
import { PartnerModule } from './partner/partner.module';
import { ShipmentModule } from './shipment/shipment.module';

export const POSTAL_SCHEMA = 'postal';

export function postalDeliveryModule(config: PostalDeliveryConfig) {
  @Module({
    imports: [
      PlatformModule.forService({
        service: 'postal-delivery',
        schema: POSTAL_SCHEMA,
        config,
        entities: [],
        migrations: POSTAL_MIGRATIONS,
      }),
      ShipmentModule,
      PartnerModule,
    ],
  })
  class PostalDeliveryModule {}
  return PostalDeliveryModule;
}

export const loadPostalDeliveryConfig = () => loadConfig(PostalDeliveryConfig);
