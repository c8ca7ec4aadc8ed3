import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { mountOpenApi, type OpenApiOptions } from './open-api';
import { connectEventBus } from '@dvc/messaging';
import { runMigrationsLocked } from '@dvc/persistence';
import { ConfigError, type ServiceConfig } from '@dvc/config';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';

export interface BootstrapOptions {
  service: string;
  schema: string;
  config: ServiceConfig;
  /** Serve an OpenAPI document and Swagger UI at /docs. */
  openApi?: OpenApiOptions;
  /** Express handlers that answer before the body parsers, the request logger and NestJS. */
  beforeNest?: (app: NestExpressApplication) => void;
}

/**
 * Starts one service: migrations (under an advisory lock), HTTP, then the event consumer; with
 * MIGRATE_ONLY, only the migrations, then it returns with every connection closed.
 * HTTP comes up even when the broker is down, so health answers "not ready" instead of nothing;
 * the consumer connects when the broker is back. SIGTERM/SIGINT stop it gracefully: consumer
 * first (in-flight messages finish), then HTTP, the relay and the database pool.
 */
export async function bootstrapService(module: unknown, o: BootstrapOptions): Promise<void> {
  // rawBody: signature checks (gateway IPN, partner callbacks) need the exact bytes received.
  const app = await NestFactory.create<NestExpressApplication>(module as never, {
    bufferLogs: true,
    bodyParser: false,
    rawBody: true,
  });
  const logger = app.get(Logger);
  app.useLogger(logger);
  app.flushLogs();
  if (o.config.MIGRATE_ONLY) return migrateOnly(app, o, logger);

  app.getHttpAdapter().getInstance().disable('x-powered-by');
  o.beforeNest?.(app);
  app.useBodyParser('json', { limit: o.config.JSON_BODY_LIMIT_BYTES });
  app.useBodyParser('urlencoded', { extended: true, limit: o.config.JSON_BODY_LIMIT_BYTES });
  if (o.openApi) mountOpenApi(app, o.openApi);
  stopOnSignals(app, logger, o.config.SHUTDOWN_GRACE_MS);

  if (o.config.MIGRATIONS_RUN_ON_START) {
    const applied = await runMigrationsLocked(app.get(DataSource), o.schema);
    if (applied.length) logger.log({ msg: 'migrations applied', migrations: applied.map((m) => m.name) }, 'Bootstrap');
  }

  connectEventBus(app);
  await app.listen(o.config.PORT, o.config.HOST);
  logger.log({ msg: `${o.service} listening`, url: `http://127.0.0.1:${o.config.PORT}` }, 'Bootstrap');
  app.startAllMicroservices().catch((err: Error) => {
    logger.fatal({ msg: 'event consumer failed to start', error: err.message }, 'Bootstrap');
    void app.close().finally(() => process.exit(1));
  });
}

/**
 * MIGRATE_ONLY: the application is created but never initialised, so no lifecycle hook runs (no
 * relay, no consumer, no timers) and nothing listens; only the database pool is open. Migrations
 * run under the same advisory lock as at start-up, then the process exits 0; a failed migration
 * throws to main's exitOnBootFailure (exit 1), which fails the Job.
 */
async function migrateOnly(app: INestApplication, o: BootstrapOptions, logger: Logger): Promise<void> {
  try {
    const applied = await runMigrationsLocked(app.get(DataSource), o.schema);
    logger.log(
      { msg: 'migrate-only: schema up to date', schema: o.schema, applied: applied.map((m) => m.name) },
      'Bootstrap',
    );
  } finally {
    await app.close();
  }
}

/**
 * SIGTERM/SIGINT: close the application (consumer first, letting in-flight messages finish; then
 * HTTP, the relay and the pool) and exit 0. Nest's own enableShutdownHooks re-raises the signal
 * after closing, which an orchestrator reports as a crash; and a stuck close must not hang forever.
 */
function stopOnSignals(app: INestApplication, logger: Logger, graceMs: number): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.log({ msg: 'shutting down', signal }, 'Bootstrap');
    const force = setTimeout(() => {
      logger.error({ msg: 'shutdown took too long; exiting', graceMs }, 'Bootstrap');
      process.exit(1);
    }, graceMs + 5000);
    force.unref();
    app
      .close()
      .then(() => process.exit(0))
      .catch((err: Error) => {
        logger.error({ msg: 'error during shutdown', error: err.message }, 'Bootstrap');
        process.exit(1);
      });
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

/**
 * For main.ts: a config or boot error ends the process with exit code 1 and one JSON line that
 * says what is wrong, not a stack of Nest internals (the logger may not exist yet).
 */
export function exitOnBootFailure(err: unknown): never {
  const problems = err instanceof ConfigError ? { problems: err.problems } : {};
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(
    `${JSON.stringify({ level: 60, time: Date.now(), msg: 'boot failed', error: message, ...problems })}\n`,
  );
  process.exit(1);
}
