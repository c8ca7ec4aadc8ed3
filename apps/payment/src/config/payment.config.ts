import { Transform, Type } from 'class-transformer';
import { IsInt, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { ServiceConfig } from '@dvc/config';

/** "hub=secret,wallet=secret2" -> { hub: 'secret', wallet: 'secret2' }. */
const SecretMap = () =>
  Transform(({ value }) => {
    if (typeof value === 'object' && value !== null) return value;
    const out: Record<string, string> = {};
    for (const pair of String(value)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      const i = pair.indexOf('=');
      if (i > 0) out[pair.slice(0, i).trim()] = pair.slice(i + 1).trim();
    }
    return out;
  });

/**
 * payment's environment. Defaults suit the local set-up (infra/postgres/init.sql) and the gateway
 * simulator (`node dist/tools/gateway-simulator.js`, port 3099) with its local-only secrets;
 * every deployment sets its own. Secrets are never logged (the config error lists names only).
 */
export class PaymentConfig extends ServiceConfig {
  override PORT = 3003;
  override DATABASE_URL = 'postgres://dvc_payment:dvc_payment@127.0.0.1:5432/dvc';

  /** Merchant code VNPay assigned (vnp_TmnCode, 8 characters). */
  @IsString()
  @Matches(/^[A-Za-z0-9]{8}$/, { message: 'VNPAY_TMN_CODE must be 8 letters or digits' })
  VNPAY_TMN_CODE = 'DVCSTC01';

  /** VNPay's secret for HMAC-SHA512 (vnp_HashSecret). */
  @IsString()
  @MinLength(16, { message: 'VNPAY_HASH_SECRET must be at least 16 characters' })
  VNPAY_HASH_SECRET = 'LOCALONLYVNPAYSECRETDVC0000000001';

  /** The payment page the citizen is sent to (VNPay: https://.../paymentv2/vpcpay.html). */
  @IsString()
  @Matches(/^https?:\/\/.+/, { message: 'VNPAY_PAYMENT_URL must be an http(s) URL' })
  VNPAY_PAYMENT_URL = 'http://127.0.0.1:3099/paymentv2/vpcpay.html';

  /** The merchant API for querydr and refund (VNPay: https://.../merchant_webapi/api/transaction). */
  @IsString()
  @Matches(/^https?:\/\/.+/, { message: 'VNPAY_API_URL must be an http(s) URL' })
  VNPAY_API_URL = 'http://127.0.0.1:3099/merchant_webapi/api/transaction';

  /** Where the gateway sends the citizen's browser back (shows the result, changes nothing). */
  @IsString()
  @Matches(/^https?:\/\/.+/, { message: 'VNPAY_RETURN_URL must be an http(s) URL' })
  VNPAY_RETURN_URL = 'http://127.0.0.1:3003/v1/payments/vnpay/return';

  /** Time allowed for one gateway API call. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(120000)
  GATEWAY_TIMEOUT_MS = 10000;

  /** Shared secrets of the HMAC-SHA256 webhook providers: "provider=secret,other=secret2". */
  @SecretMap()
  WEBHOOK_SECRETS: Record<string, string> = { hub: 'local-only-webhook-secret-hub' };

  /** A webhook whose X-Timestamp is further than this from now is refused (replay window). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3600)
  WEBHOOK_TOLERANCE_SECONDS = 300;

  /** An online order not paid this long after the fee was assessed expires (default 7 days). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(525600)
  ORDER_EXPIRY_MINUTES = 10080;

  /** How long one payment URL stays valid at the gateway (vnp_ExpireDate). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1440)
  CHECKOUT_EXPIRY_MINUTES = 15;

  /** A pending online order not heard of for this long is re-queried at the gateway (querydr). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10080)
  STALE_PENDING_MINUTES = 30;

  /** Interval of the expiry / re-query job; 0 turns it off (tests call it directly). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(86400000)
  EXPIRY_JOB_INTERVAL_MS = 60000;

  /** Orders handled per job run. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10000)
  EXPIRY_JOB_BATCH = 200;

  /** Prefix of electronic receipt numbers: BL-2026-000001. */
  @IsString()
  @Matches(/^[A-Z]{1,8}$/, { message: 'RECEIPT_PREFIX must be 1-8 capital letters' })
  RECEIPT_PREFIX = 'BL';
}
