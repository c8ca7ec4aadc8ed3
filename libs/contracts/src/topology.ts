/**
 * Names on the broker. They are constants, never derived from a class name, so that renaming
 * code can never orphan messages already in flight. A non-empty namespace (tests, benchmarks)
 * is prefixed to every name so that they never share queues with a platform on the same broker.
 */
export const EXCHANGES = {
  /** Internal domain events, routing key = `<type>.v<version>`. */
  EVENTS: 'dvc.events',
} as const;

export const SERVICES = ['intake', 'processing', 'payment', 'postal-delivery'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** One durable quorum queue per service, bound to what it consumes. */
export const QUEUES: Record<ServiceName, string> = {
  intake: 'dvc.intake',
  processing: 'dvc.processing',
  payment: 'dvc.payment',
  'postal-delivery': 'dvc.postal-delivery',
};

/**
 * Portals may file over AMQP instead of HTTP: they publish a submission (the same JSON as
 * POST /v1/dossiers, attachments by pre-uploaded id) to this queue with `messageId` = their
 * idempotency key, `replyTo` = their own reply queue and header `x-api-key`; the outcome comes
 * back on `replyTo` with `correlationId` = that messageId.
 */
export const PORTAL_QUEUES = {
  SUBMISSIONS: 'dvc.intake.submissions',
} as const;

/** The reply a portal gets for an AMQP submission. */
export type PortalSubmissionReply =
  | { outcome: 'accepted'; status: number; receipt: Record<string, unknown> }
  | { outcome: 'rejected'; status: number; problem: Record<string, unknown> };

export function namespaced(name: string, namespace: string): string {
  return namespace ? `${namespace}.${name}` : name;
}

/** The queue a message waits in before going back to `queue` after `delayMs`. */
export function retryQueueName(queue: string, delayMs: number): string {
  return `${queue}.retry.${delayMs}ms`;
}

/** Where poison messages rest for a human to look at. */
export function parkingQueueName(queue: string): string {
  return `${queue}.parking`;
}

/** Message headers the bus sets. */
export const HEADERS = {
  ATTEMPT: 'x-dvc-attempt',
  LAST_ERROR: 'x-dvc-last-error',
  PARK_REASON: 'x-dvc-park-reason',
  PARK_CODE: 'x-dvc-park-code',
  PARKED_BY: 'x-dvc-parked-by',
  PARKED_AT: 'x-dvc-parked-at',
} as const;
