export {
  declareServiceTopology,
  declareConsumedQueue,
  declareEventsExchange,
  type ServiceTopology,
  type DeclaredTopology,
  type ConsumedQueue,
} from './topology/declare-topology';
export { messagingTablesV1, outboxChannel } from './schema/messaging-tables';
export { OutboxWriter, type OutboxMessage } from './outbox/outbox.writer';
export { OutboxRelay, type OutboxRelayOptions } from './outbox/outbox.relay';
export { ConfirmPublisher } from './outbox/confirm-publisher';
export { claimInbox } from './inbox/inbox';
export { EventBusServer, type EventBusServerOptions, safeRmqOptions } from './consumer/event-bus.server';
export { BusContext } from './consumer/bus-context';
export {
  QueueConsumer,
  QUEUE_OUTAGE_RETRY_MS,
  type QueueConsumerOptions,
  type QueueDelivery,
  type QueueHandler,
} from './consumer/queue-consumer';
export {
  attemptOf,
  judgeDelivery,
  judgeFailure,
  retryTiers,
  type DeliveryPolicy,
  type DeliveryVerdict,
  type ParkVerdict,
  type RetryVerdict,
} from './consumer/delivery-policy';
export { HANDLER_TIMEOUT_CODE } from './consumer/delivery-policy';
export {
  BoundedTransaction,
  DEFAULT_HANDLER_TIMEOUT_MS,
  DEFAULT_STATEMENT_TIMEOUT_MS,
  HandlerTimeoutError,
  withHandlerTimeout,
} from './consumer/handler-timeout';
export { RethrowRpcErrorsFilter } from './consumer/rethrow-rpc.filter';
export { MessagingModule } from './messaging.module';
export { MESSAGING_OPTIONS, type MessagingModuleOptions } from './messaging.tokens';
export { EventBusStatus } from './event-bus.status';
export { attachEventBus, connectEventBus } from './connect-event-bus';
