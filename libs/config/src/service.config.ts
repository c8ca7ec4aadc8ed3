import { Type } from 'class-transformer';
import { ArrayMinSize, IsBoolean, IsIn, IsInt, IsIP, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { CsvNumbers, EnvBoolean } from './transforms';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * What every service needs: its HTTP port, its database role, the broker and the bus tuning.
 * Each app extends this with its own settings and passes its class to loadConfig().
 * Property names are the environment variable names; initialisers are the documented defaults.
 */
export abstract class ServiceConfig {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  /**
   * The address HTTP listens on: loopback unless the deployment says otherwise, so a service
   * started on a laptop or a shared host is not reachable from the network by accident. A
   * container sets 0.0.0.0 (infra/docker/Dockerfile, infra/k8s/configmap.yaml), where the
   * container's network is what decides who reaches it.
   */
  @IsIP()
  HOST = '127.0.0.1';

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  /** Postgres connection of this service's own role (which owns only this service's schema). */
  @IsString()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://127.0.0.1:5432/dvc';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  DATABASE_POOL_SIZE = 10;

  /** Apply pending migrations at start-up, under an advisory lock so replicas never race. */
  @EnvBoolean()
  @IsBoolean()
  MIGRATIONS_RUN_ON_START = true;

  /**
   * Apply pending migrations (under the same advisory lock) and exit 0, without serving HTTP or
   * connecting to the broker: a release's migration step (the Kubernetes Job) runs the image so.
   */
  @EnvBoolean()
  @IsBoolean()
  MIGRATE_ONLY = false;

  @IsString()
  @Matches(/^amqps?:\/\/.+/, { message: 'AMQP_URL must be an amqp:// or amqps:// URL' })
  AMQP_URL = 'amqp://guest:guest@127.0.0.1:5672';

  /**
   * Prefix for every exchange and queue name. Empty in production; tests and benchmarks set it
   * so that they never share queues with a platform running on the same broker.
   */
  @IsString()
  @Matches(/^[a-z0-9-]*$/, { message: 'BUS_NAMESPACE may hold only a-z, 0-9 and -' })
  BUS_NAMESPACE = '';

  /** Unacknowledged messages a consumer holds at once (never unlimited). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  BUS_PREFETCH = 32;

  /** Delays of the retry tiers, in milliseconds; attempt n waits the n-th (the last repeats). */
  @CsvNumbers()
  @ArrayMinSize(1)
  @IsInt({ each: true })
  @Min(50, { each: true })
  BUS_RETRY_DELAYS_MS: number[] = [1000, 5000, 30000];

  /** Failed handler attempts before a message is parked. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(50)
  BUS_MAX_RETRIES = 5;

  /** Redeliveries the quorum queue allows (consumer crashes) before it dead-letters to parking. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  BUS_DELIVERY_LIMIT = 20;

  /**
   * A bus or queue handler still running after this long is given up: its transaction is rolled
   * back (a query it waits on is ended) and the delivery counts as a failed attempt
   * (HANDLER.TIMEOUT), so one hung handler cannot hold its delivery and its channel forever.
   */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(600000)
  BUS_HANDLER_TIMEOUT_MS = 30000;

  /**
   * PostgreSQL ends any one statement after this long (57014, retried as a failed attempt): the
   * pool sets it for HTTP requests, the consumers per transaction. Below BUS_HANDLER_TIMEOUT_MS,
   * so a statement stuck behind a lock ends as a database error first. 0 turns it off.
   * Migrations are exempt (an index build may take longer).
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(600000)
  DATABASE_STATEMENT_TIMEOUT_MS = 15000;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5000)
  OUTBOX_BATCH_SIZE = 200;

  /** Poll interval when no NOTIFY arrives (e.g. the LISTEN connection is down). */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(60000)
  OUTBOX_POLL_INTERVAL_MS = 1000;

  @EnvBoolean()
  @IsBoolean()
  OUTBOX_RELAY_ENABLED = true;

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(600000)
  SHUTDOWN_GRACE_MS = 10000;

  /** Largest JSON body accepted, in bytes (413 beyond). */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(50 * 1024 * 1024)
  JSON_BODY_LIMIT_BYTES = 1024 * 1024;

  /**
   * Officers' and administrators' tokens: HS256 JWTs signed with this secret by the identity
   * provider. The default is for a local machine only; every deployment sets its own.
   */
  @IsString()
  @MinLength(16, { message: 'OFFICER_JWT_SECRET must be at least 16 characters' })
  OFFICER_JWT_SECRET = 'local-only-officer-jwt-secret';

  @IsString()
  @MinLength(1)
  OFFICER_JWT_ISSUER = 'dvc-local-idp';

  /**
   * The identity provider's JWKS URL. When set, officers' tokens are verified against its public
   * keys (RS256/ES256) instead of OFFICER_JWT_SECRET.
   */
  @IsString()
  @Matches(/^(https?:\/\/.+)?$/, { message: 'OFFICER_JWKS_URL must be an http(s) URL or empty' })
  OFFICER_JWKS_URL = '';
}
