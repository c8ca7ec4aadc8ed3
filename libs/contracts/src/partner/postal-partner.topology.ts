/**
 * The postal partner's public names on the broker: its own exchanges and queues, never the
 * internal dvc.events bus. Namespaced with BUS_NAMESPACE like the internal topology (namespaced()).
 *
 * - feed: postal-delivery publishes delivery requests and cancellations to FEED_EXCHANGE; the
 *   partner reads them from its durable FEED_QUEUE (its broker user may read only that queue);
 * - reports: the partner publishes status reports to REPORTS_EXCHANGE (its user may write only
 *   there); postal-delivery consumes them from REPORTS_QUEUE.
 */
export const POSTAL_PARTNER = {
  FEED_EXCHANGE: 'dvc.partner.postal',
  FEED_QUEUE: 'dvc.partner.postal.feed',
  REPORTS_EXCHANGE: 'dvc.partner.postal.reports',
  REPORTS_QUEUE: 'dvc.postal-delivery.partner-reports',
} as const;

/** Routing keys on the partner's exchanges: `<type>.v<version>`, as on the internal bus. */
export const POSTAL_PARTNER_ROUTING_KEYS = {
  DELIVERY_REQUESTED_V1: 'delivery.requested.v1',
  DELIVERY_CANCELLED_V1: 'delivery.cancelled.v1',
  STATUS_REPORTED_V1: 'shipment.status_reported.v1',
} as const;

/** What the feed queue is bound to. */
export const POSTAL_PARTNER_FEED_BINDINGS = [
  POSTAL_PARTNER_ROUTING_KEYS.DELIVERY_REQUESTED_V1,
  POSTAL_PARTNER_ROUTING_KEYS.DELIVERY_CANCELLED_V1,
] as const;

/** HTTP and AMQP headers of a signed status report. */
export const POSTAL_PARTNER_HEADERS = {
  /** hex HMAC-SHA256 of `${timestamp}.${rawBody}` with the partner's key. */
  SIGNATURE: 'x-signature',
  /** Unix seconds when the partner signed. */
  TIMESTAMP: 'x-timestamp',
  /** Which partner's key signed (config POSTAL_PARTNER_KEYS). */
  PARTNER: 'x-partner-id',
} as const;

/** The webhook status reports are posted to. */
export const POSTAL_PARTNER_WEBHOOK_PATH = '/v1/partner/postal/events';

/** Largest gap between the report's X-Timestamp and our clock, in seconds. */
export const POSTAL_PARTNER_SIGNATURE_TOLERANCE_S = 300;
