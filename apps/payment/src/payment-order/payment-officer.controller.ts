import { Body, Controller, Get, Headers, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { CurrentOfficer, type Officer, RequireRoles } from '@dvc/auth';
import { RefundService } from '../refund/refund.service';
import { CashierService } from './cashier.service';
import { CashierPaymentDto, OrdersQuery, RefundDto } from './dto/officer.dto';
import { OrderQueryService } from './order-query.service';

const ANY_OFFICER = ['reception', 'specialist', 'leader', 'cashier', 'admin'] as const;

/** Officers: orders (with COD mismatches flagged), counter payments, refunds. */
@Controller('v1/payments/orders')
@ApiBearerAuth()
export class PaymentOfficerController {
  constructor(
    private readonly queries: OrderQueryService,
    private readonly cashier: CashierService,
    private readonly refunds: RefundService,
  ) {}

  @Get()
  @RequireRoles(...ANY_OFFICER)
  list(@Query() q: OrdersQuery) {
    return this.queries.list(q);
  }

  /** One order with its status history and the callbacks that concerned it. */
  @Get(':id')
  @RequireRoles(...ANY_OFFICER)
  one(@Param('id') id: string) {
    return this.queries.detail(id);
  }

  /** Thu phí tại quầy: the amount must equal the amount due. */
  @Post(':id/cashier')
  @RequireRoles('cashier')
  pay(@Param('id') id: string, @Body() dto: CashierPaymentDto, @CurrentOfficer() officer: Officer) {
    return this.cashier.pay(id, dto, officer);
  }

  /** Hoàn phí (full or partial) for a dossier rejected after payment; Idempotency-Key or refundId required. */
  @Post(':id/refunds')
  @RequireRoles('admin')
  refund(
    @Param('id') id: string,
    @Body() dto: RefundDto,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentOfficer() officer: Officer,
  ) {
    return this.refunds.refund(id, dto, key, officer);
  }
}
