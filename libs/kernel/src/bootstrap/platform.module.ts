import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { ServiceConfig } from '@dvc/config';
import type { ServiceName } from '@dvc/contracts';
import { MessagingModule } from '@dvc/messaging';
import { serviceDataSourceOptions } from '@dvc/persistence';
import { ServiceConfigModule } from '../config/config.module';
import { ProblemDetailsFilter } from '../errors/problem-details.filter';
import { screenRequestInput } from '../errors/input-screen.middleware';
import { createValidationPipe } from '../errors/validation.pipe';
import { HealthModule } from '../health/health.module';
import { loggingModule } from '../logging/logging.module';

export interface PlatformModuleOptions {
  service: ServiceName;
  schema: string;
  config: ServiceConfig;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Function[];
}

/**
 * Everything a service stands on, wired the same way in all four: validated config, JSON logs,
 * its own schema through its own role, the outbox/inbox bus, health, problem+json errors and
 * input validation. An app's module imports this and adds its feature modules.
 */
@Module({})
export class PlatformModule implements NestModule {
  /**
   * Nest's middleware runs after the body parsers (bootstrapService installs them before Nest
   * initialises) and before any guard: every request's body, query and path meet the sanitation
   * rule before anything reads them.
   */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(screenRequestInput).forRoutes('*');
  }

  static forService(o: PlatformModuleOptions): DynamicModule {
    const c = o.config;
    return {
      module: PlatformModule,
      imports: [
        ServiceConfigModule.forRoot(c),
        loggingModule(o.service, c),
        TypeOrmModule.forRoot({
          ...serviceDataSourceOptions({
            url: c.DATABASE_URL,
            schema: o.schema,
            poolSize: c.DATABASE_POOL_SIZE,
            applicationName: o.service,
            statementTimeoutMs: c.DATABASE_STATEMENT_TIMEOUT_MS,
            entities: o.entities,
            migrations: o.migrations,
          }),
          // Boot waits for a database that is still starting, then fails loudly.
          retryAttempts: 10,
          retryDelay: 2000,
        }),
        MessagingModule.forService({
          service: o.service,
          schema: o.schema,
          amqpUrl: c.AMQP_URL,
          namespace: c.BUS_NAMESPACE,
          relayEnabled: c.OUTBOX_RELAY_ENABLED,
          outboxBatchSize: c.OUTBOX_BATCH_SIZE,
          outboxPollIntervalMs: c.OUTBOX_POLL_INTERVAL_MS,
          prefetch: c.BUS_PREFETCH,
          retryDelaysMs: c.BUS_RETRY_DELAYS_MS,
          maxRetries: c.BUS_MAX_RETRIES,
          deliveryLimit: c.BUS_DELIVERY_LIMIT,
          shutdownGraceMs: c.SHUTDOWN_GRACE_MS,
          handlerTimeoutMs: c.BUS_HANDLER_TIMEOUT_MS,
          statementTimeoutMs: c.DATABASE_STATEMENT_TIMEOUT_MS,
        }),
        HealthModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }
}
