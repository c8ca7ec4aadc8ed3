import { INestApplication } from '@nestjs/common';
import type { NestMicroservice } from '@nestjs/microservices';
import { QUEUES, SUBSCRIPTIONS } from '@dvc/contracts';
import { DataSource } from 'typeorm';
import { EventBusServer } from './consumer/event-bus.server';
import { RethrowRpcErrorsFilter } from './consumer/rethrow-rpc.filter';
import { EventBusStatus } from './event-bus.status';
import { MESSAGING_OPTIONS, MessagingModuleOptions } from './messaging.tokens';

/**
 * Attaches the service's consumer to a hybrid (HTTP + RMQ) application. Call before
 * `app.startAllMicroservices()`; boot then fails if a subscribed routing key has no handler.
 */
export function connectEventBus(app: INestApplication): EventBusServer {
  const options = app.get<MessagingModuleOptions>(MESSAGING_OPTIONS);
  const server = new EventBusServer({
    amqpUrl: options.amqpUrl,
    namespace: options.namespace,
    consumer: options.service,
    queue: QUEUES[options.service],
    bindings: SUBSCRIPTIONS[options.service],
    prefetch: options.prefetch,
    retryDelaysMs: options.retryDelaysMs,
    maxRetries: options.maxRetries,
    deliveryLimit: options.deliveryLimit,
    dataSource: app.get(DataSource),
    schema: options.schema,
    shutdownGraceMs: options.shutdownGraceMs,
    handlerTimeoutMs: options.handlerTimeoutMs,
    statementTimeoutMs: options.statementTimeoutMs,
  });
  attachEventBus(app, server);
  app.get(EventBusStatus).attachConsumer(server);
  return server;
}

/**
 * Hands an EventBusServer the application's @EventPattern handlers, with handler errors passed
 * through unchanged (RethrowRpcErrorsFilter). Nest builds each handler's error pipeline when it
 * registers the listeners, and connectMicroservice registers them at once unless told to defer:
 * a filter added afterwards never applies, and every error would reach the bus as Nest's
 * { message: 'Internal server error' }, so a database outage would count against the message
 * and a permanent error would be retried. Hence: defer, add the filter, then let
 * startAllMicroservices register them. The application's own init already runs the lifecycle
 * hooks; the consumer must not run them a second time.
 */
export function attachEventBus(app: INestApplication, server: EventBusServer): void {
  const microservice = app.connectMicroservice(
    { strategy: server },
    { inheritAppConfig: false, deferInitialization: true },
  ) as unknown as NestMicroservice;
  microservice.useGlobalFilters(new RethrowRpcErrorsFilter());
  microservice.setIsInitHookCalled(true);
}
