// payment's public entry: what tests, benchmarks and tools may use. Nothing inside the app imports it.
export { loadPaymentConfig, PAYMENT_SCHEMA, paymentModule } from './app.module';
export { PaymentConfig } from './config/payment.config';
export { PAYMENT_MIGRATIONS } from './database/migrations';
export { ExpiryService } from './expiry/expiry.service';
export { VnpayGateway } from './gateway/vnpay/vnpay.gateway';
export { vnpSign, vnpVerify } from './gateway/vnpay/vnpay-signature';
export { orderReference } from './payment-order/payment-order.service';
export { PaymentOrderRepository } from './payment-order/payment-order.repository';
export { PaymentPortalKeyRepository } from './portal-key/portal-key.repository';
export type { NewOrder } from './payment-order/payment-order.repository';
