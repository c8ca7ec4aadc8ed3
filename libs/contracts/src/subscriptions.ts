import { ROUTING_KEYS } from './registry';
import { ServiceName } from './topology';

/**
 * What each service's queue is bound to. A service refuses to start if one of these has no
 * handler (a binding without a handler would park every such message).
 */
export const SUBSCRIPTIONS: Record<ServiceName, readonly string[]> = {
  // delivery.status_changed: the citizen's lookup shows where the parcel is; result.issued and
  // slip.issued: the citizen downloads the signed result and the slips through intake.
  intake: [
    ROUTING_KEYS.DOSSIER_STATUS_CHANGED_V1,
    ROUTING_KEYS.DOSSIER_SUPPLEMENT_REQUESTED_V1,
    ROUTING_KEYS.DELIVERY_STATUS_CHANGED_V1,
    ROUTING_KEYS.RESULT_ISSUED_V1,
    ROUTING_KEYS.SLIP_ISSUED_V1,
  ],
  // delivery.status_changed: a shipment cancelled before pick-up brings the result back to the office.
  processing: [
    ROUTING_KEYS.DOSSIER_SUBMITTED_V1,
    ROUTING_KEYS.DOSSIER_SUPPLEMENTED_V1,
    ROUTING_KEYS.DOSSIER_WITHDRAWN_V1,
    ROUTING_KEYS.PAYMENT_SUCCEEDED_V1,
    ROUTING_KEYS.DELIVERY_DELIVERED_V1,
    ROUTING_KEYS.DELIVERY_RETURNED_V1,
    ROUTING_KEYS.DELIVERY_STATUS_CHANGED_V1,
  ],
  // delivery.*: the postman's COD settles (or, returned, no longer settles) the order; dossier.rejected
  // opens refunds, dossier.withdrawn cancels what is unpaid; portal keys authenticate portals here too.
  payment: [
    ROUTING_KEYS.FEE_ASSESSED_V1,
    ROUTING_KEYS.DELIVERY_DELIVERED_V1,
    ROUTING_KEYS.DELIVERY_RETURNED_V1,
    ROUTING_KEYS.DOSSIER_REJECTED_V1,
    ROUTING_KEYS.DOSSIER_WITHDRAWN_V1,
    ROUTING_KEYS.PORTAL_KEY_ISSUED_V1,
    ROUTING_KEYS.PORTAL_KEY_REVOKED_V1,
  ],
  // payment.succeeded: a COD shipment's collected cash is marked settled once payment accepts it.
  'postal-delivery': [ROUTING_KEYS.RESULT_ISSUED_V1, ROUTING_KEYS.PAYMENT_SUCCEEDED_V1],
};
