import { IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, Min } from 'class-validator';
import { IsDossierCode } from './common';

export const PAID_METHODS = ['online', 'office', 'postal_cod'] as const;

export class PaymentSucceededV1 {
  @IsDossierCode() dossierCode: string;
  @IsString() @IsNotEmpty() paymentOrderId: string;
  @IsString() @IsNotEmpty() feeId: string;
  @IsInt() @Min(0) amount: number;
  @IsIn(PAID_METHODS) method: (typeof PAID_METHODS)[number];
  @IsISO8601() paidAt: string;
  @IsOptional() @IsString() receiptNumber?: string;
}

export class PaymentFailedV1 {
  @IsDossierCode() dossierCode: string;
  @IsString() @IsNotEmpty() paymentOrderId: string;
  @IsString() @IsNotEmpty() feeId: string;
  @IsString() @IsNotEmpty() reason: string;
  @IsISO8601() failedAt: string;
}

export class PaymentRefundedV1 {
  @IsDossierCode() dossierCode: string;
  @IsString() @IsNotEmpty() paymentOrderId: string;
  @IsInt() @Min(1) amount: number;
  @IsString() @IsNotEmpty() reason: string;
  @IsISO8601() refundedAt: string;
}
