import { Module } from '@nestjs/common';
import { PaymentOrderModule } from '../payment-order/payment-order.module';
import { CallbackController } from './callback.controller';
import { CallbackService } from './callback.service';

// The callback repository comes from PaymentOrderModule: officers read an order's callbacks there.
@Module({
  imports: [PaymentOrderModule],
  controllers: [CallbackController],
  providers: [CallbackService],
  exports: [CallbackService],
})
export class CallbackModule {}
