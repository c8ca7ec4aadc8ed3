import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Officer } from '@dvc/auth';
import type { CashierPaymentDto } from './dto/officer.dto';
import { PaymentErrors } from './payment-order.errors';
import { PaymentOrderService } from './payment-order.service';

/** Payment at the counter (the only way for level-3 dossiers), recorded by a cashier. */
@Injectable()
export class CashierService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly orders: PaymentOrderService,
  ) {}

  async pay(
    orderId: string,
    dto: CashierPaymentDto,
    officer: Officer,
  ): Promise<{ orderId: string; status: string; receiptNumber: string }> {
    try {
      return await this.dataSource.transaction(async (em) => {
        const order = await this.orders.lock(em, 'id', orderId);
        if (!order) throw PaymentErrors.orderNotFound(orderId);
        if (order.status !== 'pending' && order.status !== 'failed' && order.status !== 'expired')
          throw PaymentErrors.notPayable(order.id, order.status);
        // While the parcel is out, the postman collects: taking the fee here too would take it twice.
        if (order.method === 'postal_cod') throw PaymentErrors.codAwaitingDelivery(order.dossierCode);
        if (dto.amount !== order.amount) throw PaymentErrors.amountMismatch(order.amount, dto.amount);
        const receiptNumber = await this.orders.settle(em, order, {
          method: 'office',
          amount: dto.amount,
          paidAt: new Date(),
          actor: `cashier:${officer.id}`,
          reason: 'paid at the counter',
          payerName: dto.payerName,
          cashierReceiptNo: dto.receiptNumber,
          cashierId: officer.id,
        });
        return { orderId: order.id, status: order.status, receiptNumber };
      });
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw PaymentErrors.cashierReceiptUsed(dto.receiptNumber);
      throw err;
    }
  }
}
