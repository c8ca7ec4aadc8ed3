import { Module } from '@nestjs/common';
import { PaymentOrderConsumer } from './payment-order.consumer';
import { PaymentOrderController } from './payment-order.controller';
import { PaymentOrderService } from './payment-order.service';

@Module({
  controllers: [PaymentOrderController, PaymentOrderConsumer],
  providers: [PaymentOrderService],
})
export class PaymentOrderModule {}
