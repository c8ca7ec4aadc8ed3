import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsNotEmpty, IsString, Min, ValidateIf, ValidateNested } from 'class-validator';
import { DELIVERY_METHODS, DeliveryMethod, DocumentRef, IsDossierCode, PostalAddress } from './common';

/** processing -> postal-delivery: the result document is ready for the applicant. */
export class ResultIssuedV1 {
  @IsDossierCode() dossierCode: string;
  /** Unique per result; postal-delivery keeps exactly one shipment per resultId. */
  @IsString() @IsNotEmpty() resultId: string;
  @ValidateNested({ each: true }) @Type(() => DocumentRef) documents: DocumentRef[];
  @IsIn(DELIVERY_METHODS) deliveryMethod: DeliveryMethod;
  @ValidateIf((r: ResultIssuedV1) => r.deliveryMethod === 'postal')
  @ValidateNested()
  @Type(() => PostalAddress)
  deliveryAddress?: PostalAddress;
  /** VND the postman collects on delivery (postal COD); 0 when nothing is to be collected. */
  @IsInt() @Min(0) codAmount: number;
  @IsISO8601() issuedAt: string;
}
