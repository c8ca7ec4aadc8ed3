import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, MaxLength, Min, ValidateNested } from 'class-validator';
import { FeeItem, IsDossierCode, PAYMENT_METHODS, PaymentMethod } from './common';

/** processing -> payment: acceptance fixed the fee owed (from the dossier's catalog version). */
export class FeeAssessedV1 {
  @IsDossierCode() dossierCode: string;
  /** Unique per dossier fee; payment keeps exactly one order per feeId. */
  @IsString() @IsNotEmpty() feeId: string;
  @IsInt() @Min(0) amount: number;
  @IsIn(['VND']) currency: 'VND';
  @ValidateNested({ each: true }) @Type(() => FeeItem) items: FeeItem[];
  @IsIn(PAYMENT_METHODS) paymentMethod: PaymentMethod;
  @IsIn([3, 4]) level: 3 | 4;
  /** The applicant's name, printed as the payer on the receipt (biên lai). Added later: may be absent. */
  @IsOptional() @IsString() @MaxLength(300) payerName?: string;
}
