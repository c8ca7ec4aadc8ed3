import type { ServiceName } from '@dvc/contracts';

/** What MessagingModule needs to know about the service it serves. */
export interface MessagingModuleOptions {
  service: ServiceName;
  /** The service's Postgres schema, which holds its outbox and inbox tables. */
  schema: string;
  amqpUrl: string;
  namespace: string;
  relayEnabled: boolean;
  outboxBatchSize: number;
  outboxPollIntervalMs: number;
  prefetch: number;
  retryDelaysMs: readonly number[];
  maxRetries: number;
  deliveryLimit: number;
  shutdownGraceMs: number;
  /** BUS_HANDLER_TIMEOUT_MS (30 s unless said). */
  handlerTimeoutMs?: number;
  /** DATABASE_STATEMENT_TIMEOUT_MS, set per consumer transaction (15 s unless said). */
  statementTimeoutMs?: number;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
