import { Module } from '@nestjs/common';
import { PaymentOrderModule } from '../payment-order/payment-order.module';
import { ReconciliationController } from './reconciliation.controller';
import { ReconciliationRepository } from './reconciliation.repository';
import { ReconciliationService } from './reconciliation.service';

@Module({
  imports: [PaymentOrderModule],
  controllers: [ReconciliationController],
  providers: [ReconciliationService, ReconciliationRepository],
})
export class ReconciliationModule {}
