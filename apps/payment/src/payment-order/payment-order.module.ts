import { Module } from '@nestjs/common';
import { ReceiptService } from '../receipt/receipt.service';
import { RefundService } from '../refund/refund.service';
import { CashierService } from './cashier.service';
import { CheckoutService } from './checkout.service';
import { OrderLifecycleService } from './order-lifecycle.service';
import { OrderQueryService } from './order-query.service';
import { PaymentOfficerController } from './payment-officer.controller';
import { PaymentOrderConsumer } from './payment-order.consumer';
import { PaymentOrderService } from './payment-order.service';
import { PaymentPortalController } from './payment-portal.controller';

@Module({
  controllers: [PaymentPortalController, PaymentOfficerController, PaymentOrderConsumer],
  providers: [PaymentOrderService, OrderQueryService, ReceiptService, CheckoutService, CashierService, OrderLifecycleService, RefundService],
  exports: [PaymentOrderService],
})
export class PaymentOrderModule {}
