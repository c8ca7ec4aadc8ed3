import { ServiceConfig } from '@dvc/config';

/** processing's environment. Defaults suit the local set-up (infra/postgres/init.sql). */
export class ProcessingConfig extends ServiceConfig {
  override PORT = 3002;
  override DATABASE_URL = 'postgres://dvc_processing:dvc_processing@127.0.0.1:5432/dvc';
}
