import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsString, Matches, Max, Min } from 'class-validator';
import { EnvBoolean, ServiceConfig } from '@dvc/config';
import { SERVICE_LEVELS, ServiceLevel } from '@dvc/contracts';

/** id=key pairs, comma-separated; a key of at least 16 characters. */
const PARTNER_KEYS = /^[a-z0-9-]+=[^,=\s]{16,}(,[a-z0-9-]+=[^,=\s]{16,})*$/;

/** postal-delivery's environment. Defaults suit the local set-up (infra/postgres/init.sql). */
export class PostalDeliveryConfig extends ServiceConfig {
  override PORT = 3004;
  override DATABASE_URL = 'postgres://dvc_postal:dvc_postal@127.0.0.1:5432/dvc';

  /**
   * HMAC keys of the postal partners, `id=key[,id=key]`: a report names its partner in
   * X-Partner-Id and is signed with that partner's key. The default is for a local machine only.
   */
  @IsString()
  @Matches(PARTNER_KEYS, {
    message: 'POSTAL_PARTNER_KEYS must be id=key pairs separated by commas, each key at least 16 characters',
  })
  POSTAL_PARTNER_KEYS = 'vnpost=local-only-postal-partner-key';

  /** Largest gap, in seconds, between a webhook report's X-Timestamp and our clock. */
  @Type(() => Number)
  @IsInt()
  @Min(30)
  @Max(3600)
  POSTAL_SIGNATURE_TOLERANCE_S = 300;

  /** Take the partner's status reports from its AMQP reports queue too. */
  @EnvBoolean()
  @IsBoolean()
  POSTAL_PARTNER_QUEUE_ENABLED = true;

  /** The sender printed on every parcel: the Department's one-stop desk. */
  @IsString() @IsNotEmpty() POSTAL_SENDER_NAME = 'Bộ phận Một cửa - Sở Tài chính';
  @IsString() @IsNotEmpty() POSTAL_SENDER_PHONE = '02438250000';
  @IsString() @IsNotEmpty() POSTAL_SENDER_STREET = '38 Cửa Nam';
  @IsString() @IsNotEmpty() POSTAL_SENDER_WARD = 'Phường Cửa Nam';
  @IsString() @IsNotEmpty() POSTAL_SENDER_PROVINCE = 'Hà Nội';

  @IsIn(SERVICE_LEVELS)
  POSTAL_SERVICE_LEVEL: ServiceLevel = 'standard';

  /** The partners' keys by id. */
  partnerKeys(): Map<string, string> {
    return new Map(this.POSTAL_PARTNER_KEYS.split(',').map((pair) => pair.split('=', 2) as [string, string]));
  }
}
