import { Module } from '@nestjs/common';
import { PaymentOrderModule } from '../payment-order/payment-order.module';
import { ExpiryService } from './expiry.service';

@Module({ imports: [PaymentOrderModule], providers: [ExpiryService], exports: [ExpiryService] })
export class ExpiryModule {}
