import { ROUTING_KEYS } from './registry';
import { ServiceName } from './topology';

/**
 * What each service's queue is bound to. A service refuses to start if one of these has no
 * handler (a binding without a handler would park every such message). Later issues add to
 * these lists as each service grows its consumers.
 */
export const SUBSCRIPTIONS: Record<ServiceName, readonly string[]> = {
  intake: [ROUTING_KEYS.DOSSIER_STATUS_CHANGED_V1, ROUTING_KEYS.DOSSIER_SUPPLEMENT_REQUESTED_V1],
  processing: [ROUTING_KEYS.DOSSIER_SUBMITTED_V1, ROUTING_KEYS.DOSSIER_SUPPLEMENTED_V1, ROUTING_KEYS.DOSSIER_WITHDRAWN_V1, ROUTING_KEYS.PAYMENT_SUCCEEDED_V1,
    ROUTING_KEYS.DELIVERY_DELIVERED_V1, ROUTING_KEYS.DELIVERY_RETURNED_V1],
  payment: [ROUTING_KEYS.FEE_ASSESSED_V1],
  'postal-delivery': [ROUTING_KEYS.RESULT_ISSUED_V1],
};
