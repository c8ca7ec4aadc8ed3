import { Controller, Get, Query } from '@nestjs/common';
import { FindPaymentsQuery } from './dto/find-payments.query';
import { PaymentOrderService, PaymentOrderView } from './payment-order.service';

@Controller('v1/payments')
export class PaymentOrderController {
  constructor(private readonly orders: PaymentOrderService) {}

  @Get()
  find(@Query() query: FindPaymentsQuery): Promise<PaymentOrderView[]> {
    return this.orders.findByDossier(query.dossier);
  }
}
