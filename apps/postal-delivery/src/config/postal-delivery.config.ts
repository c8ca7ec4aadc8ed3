import { ServiceConfig } from '@dvc/config';

/** postal-delivery's environment. Defaults suit the local set-up (infra/postgres/init.sql). */
export class PostalDeliveryConfig extends ServiceConfig {
  override PORT = 3004;
  override DATABASE_URL = 'postgres://dvc_postal:dvc_postal@127.0.0.1:5432/dvc';
}
