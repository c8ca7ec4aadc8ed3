import { ServiceConfig } from '@dvc/config';

/** payment's environment. Defaults suit the local set-up (infra/postgres/init.sql). */
export class PaymentConfig extends ServiceConfig {
  override PORT = 3003;
  override DATABASE_URL = 'postgres://dvc_payment:dvc_payment@127.0.0.1:5432/dvc';
}
