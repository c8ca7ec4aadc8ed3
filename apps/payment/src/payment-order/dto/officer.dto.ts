import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, Min } from 'class-validator';
import { DOSSIER_CODE_PATTERN } from '@dvc/contracts';
import { PaymentInputMessages } from '../payment-order.errors';
import { ORDER_STATUSES } from '../payment-order.record';

export class CashierPaymentDto {
  /** VND received at the counter; must equal the amount due. */
  @IsInt()
  @Min(1)
  amount: number;

  /** The number of the receipt the cashier wrote (quyển/số biên lai). */
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  receiptNumber: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  payerName: string;
}

export class RefundDto {
  /** VND; the whole refundable remainder when omitted. */
  @IsOptional()
  @IsInt()
  @Min(1)
  amount?: number;

  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;

  /** The client's own id for this refund (instead of an Idempotency-Key header). */
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9._:-]{8,100}$/, { message: PaymentInputMessages.refundId })
  refundId?: string;
}

export class OrdersQuery {
  @IsOptional()
  @Matches(DOSSIER_CODE_PATTERN)
  dossier?: string;

  @IsOptional()
  @IsIn(ORDER_STATUSES)
  status?: (typeof ORDER_STATUSES)[number];

  /** cod_mismatch: COD orders whose collected amount differed from the amount due. */
  @IsOptional()
  @IsIn(['cod_mismatch'])
  flagged?: 'cod_mismatch';

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  limit?: number;
}
