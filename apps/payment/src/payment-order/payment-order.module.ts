import { Module } from '@nestjs/common';
import { CallbackRepository } from '../callback/callback.repository';
import { ReceiptRepository } from '../receipt/receipt.repository';
import { ReceiptService } from '../receipt/receipt.service';
import { RefundRepository } from '../refund/refund.repository';
import { RefundService } from '../refund/refund.service';
import { CashierService } from './cashier.service';
import { CheckoutService } from './checkout.service';
import { OrderLifecycleService } from './order-lifecycle.service';
import { OrderQueryService } from './order-query.service';
import { PaymentOfficerController } from './payment-officer.controller';
import { PaymentOrderConsumer } from './payment-order.consumer';
import { PaymentOrderRepository } from './payment-order.repository';
import { PaymentOrderService } from './payment-order.service';
import { PaymentPortalController } from './payment-portal.controller';

@Module({
  controllers: [PaymentPortalController, PaymentOfficerController, PaymentOrderConsumer],
  providers: [
    PaymentOrderRepository,
    PaymentOrderService,
    OrderQueryService,
    ReceiptRepository,
    ReceiptService,
    CheckoutService,
    CashierService,
    OrderLifecycleService,
    RefundRepository,
    RefundService,
    CallbackRepository,
  ],
  exports: [PaymentOrderService, PaymentOrderRepository, RefundRepository, CallbackRepository],
})
export class PaymentOrderModule {}
