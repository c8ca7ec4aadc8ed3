import { INestApplication } from '@nestjs/common';
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
  });
  const microservice = app.connectMicroservice({ strategy: server }, { inheritAppConfig: false });
  microservice.useGlobalFilters(new RethrowRpcErrorsFilter());
  app.get(EventBusStatus).attachConsumer(server);
  return server;
}
