import { InitPayment1764316800000 } from './1764316800000-init-payment';
import { PaymentGateways1764330000000 } from './1764330000000-payment-gateways';
import { OrderPayerName1764340000000 } from './1764340000000-order-payer-name';

/** In order of application. A landed migration is never edited: add a new one. */
export const PAYMENT_MIGRATIONS = [InitPayment1764316800000, PaymentGateways1764330000000, OrderPayerName1764340000000];
