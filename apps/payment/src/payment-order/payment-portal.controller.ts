import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';
import { PortalApiKeyGuard } from '@dvc/auth';
import { ReceiptService, ReceiptView } from '../receipt/receipt.service';
import { CheckoutService, OrderView } from './checkout.service';
import { CheckoutBody, FindPaymentsQuery } from './dto/find-payments.query';

/** For portals (X-Api-Key, the same keys as intake's): orders of a dossier, payment URLs, receipts. */
@Controller('v1/payments')
@UseGuards(PortalApiKeyGuard)
@ApiSecurity('portal-api-key')
export class PaymentPortalController {
  constructor(
    private readonly checkout: CheckoutService,
    private readonly receipts: ReceiptService,
  ) {}

  /** The dossier's orders; each payable online carries a freshly signed payment URL. */
  @Get()
  find(@Query() query: FindPaymentsQuery): Promise<OrderView[]> {
    return this.checkout.forDossier(query.dossier, query.clientIp);
  }

  /** A payment URL for one order; level 3 and COD orders are refused with the reason. */
  @Post(':orderId/checkout')
  @HttpCode(200)
  pay(@Param('orderId') orderId: string, @Body() body: CheckoutBody) {
    return this.checkout.checkoutById(orderId, body.clientIp);
  }

  /** The electronic receipt (biên lai). */
  @Get('receipts/:number')
  receipt(@Param('number') number: string): Promise<ReceiptView> {
    return this.receipts.find(number);
  }
}
