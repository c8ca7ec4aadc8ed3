import * as d from './events/delivery.events';
import * as dossier from './events/dossier.events';
import { FeeAssessedV1 } from './events/fee.events';
import * as p from './events/payment.events';
import * as portal from './events/portal.events';
import { ResultIssuedV1, SlipIssuedV1 } from './events/result.events';

/**
 * Every event on the bus: its type, version and payload class. The payload class is both the
 * TypeScript type and the run-time validator used when the event is consumed.
 * A breaking change ships as a new version beside the old one; fields are only ever added.
 */
export const EVENT_CATALOG = {
  'dossier.submitted': { version: 1, payload: dossier.DossierSubmittedV1 },
  'dossier.supplemented': { version: 1, payload: dossier.DossierSupplementedV1 },
  'dossier.withdrawn': { version: 1, payload: dossier.DossierWithdrawnV1 },
  'dossier.accepted': { version: 1, payload: dossier.DossierAcceptedV1 },
  'dossier.rejected': { version: 1, payload: dossier.DossierRejectedV1 },
  'dossier.supplement_requested': { version: 1, payload: dossier.DossierSupplementRequestedV1 },
  'dossier.completed': { version: 1, payload: dossier.DossierCompletedV1 },
  'dossier.status_changed': { version: 1, payload: dossier.DossierStatusChangedV1 },
  'fee.assessed': { version: 1, payload: FeeAssessedV1 },
  'result.issued': { version: 1, payload: ResultIssuedV1 },
  'slip.issued': { version: 1, payload: SlipIssuedV1 },
  'payment.succeeded': { version: 1, payload: p.PaymentSucceededV1 },
  'payment.failed': { version: 1, payload: p.PaymentFailedV1 },
  'payment.refunded': { version: 1, payload: p.PaymentRefundedV1 },
  'delivery.requested': { version: 1, payload: d.DeliveryRequestedV1 },
  'delivery.status_changed': { version: 1, payload: d.DeliveryStatusChangedV1 },
  'delivery.delivered': { version: 1, payload: d.DeliveryDeliveredV1 },
  'delivery.failed': { version: 1, payload: d.DeliveryFailedV1 },
  'delivery.returned': { version: 1, payload: d.DeliveryReturnedV1 },
  'portal.key_issued': { version: 1, payload: portal.PortalKeyIssuedV1 },
  'portal.key_revoked': { version: 1, payload: portal.PortalKeyRevokedV1 },
} as const;

type Catalog = typeof EVENT_CATALOG;
export type EventType = keyof Catalog;
export const EVENT_TYPES = Object.keys(EVENT_CATALOG) as EventType[];

/** The payload type of an event type, e.g. PayloadOf<'fee.assessed'>. */
export type PayloadOf<T extends EventType> = InstanceType<Catalog[T]['payload']>;

/** Routing key of an event: `<type>.v<version>`. */
export function routingKeyOf(type: EventType, version: number = EVENT_CATALOG[type].version): string {
  return `${type}.v${version}`;
}

/** Routing keys as constants, for @EventPattern() and bindings. */
export const ROUTING_KEYS = {
  DOSSIER_SUBMITTED_V1: 'dossier.submitted.v1',
  DOSSIER_SUPPLEMENTED_V1: 'dossier.supplemented.v1',
  DOSSIER_WITHDRAWN_V1: 'dossier.withdrawn.v1',
  DOSSIER_ACCEPTED_V1: 'dossier.accepted.v1',
  DOSSIER_REJECTED_V1: 'dossier.rejected.v1',
  DOSSIER_SUPPLEMENT_REQUESTED_V1: 'dossier.supplement_requested.v1',
  DOSSIER_COMPLETED_V1: 'dossier.completed.v1',
  DOSSIER_STATUS_CHANGED_V1: 'dossier.status_changed.v1',
  FEE_ASSESSED_V1: 'fee.assessed.v1',
  RESULT_ISSUED_V1: 'result.issued.v1',
  SLIP_ISSUED_V1: 'slip.issued.v1',
  PAYMENT_SUCCEEDED_V1: 'payment.succeeded.v1',
  PAYMENT_FAILED_V1: 'payment.failed.v1',
  PAYMENT_REFUNDED_V1: 'payment.refunded.v1',
  DELIVERY_REQUESTED_V1: 'delivery.requested.v1',
  DELIVERY_STATUS_CHANGED_V1: 'delivery.status_changed.v1',
  DELIVERY_DELIVERED_V1: 'delivery.delivered.v1',
  DELIVERY_FAILED_V1: 'delivery.failed.v1',
  DELIVERY_RETURNED_V1: 'delivery.returned.v1',
  PORTAL_KEY_ISSUED_V1: 'portal.key_issued.v1',
  PORTAL_KEY_REVOKED_V1: 'portal.key_revoked.v1',
} as const;
