import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, Min, ValidateNested } from 'class-validator';
import { IsDossierCode, PostalAddress } from './common';

export const SHIPMENT_STATUSES = [
  'created',
  'accepted_by_post_office',
  'picked_up',
  'in_transit',
  'out_for_delivery',
  'delivered',
  'delivery_failed',
  'returning',
  'returned_to_sender',
  'cancelled',
] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

/** postal-delivery -> postal partner: please carry this parcel. */
export class DeliveryRequestedV1 {
  @IsString() @IsNotEmpty() shipmentId: string;
  @IsDossierCode() dossierCode: string;
  @ValidateNested() @Type(() => PostalAddress) receiver: PostalAddress;
  @IsInt() @Min(0) codAmount: number;
  @IsISO8601() requestedAt: string;
}

export class DeliveryStatusChangedV1 {
  @IsString() @IsNotEmpty() shipmentId: string;
  @IsDossierCode() dossierCode: string;
  @IsIn(SHIPMENT_STATUSES) status: ShipmentStatus;
  @IsISO8601() occurredAt: string;
  @IsOptional() @IsString() note?: string;
}

export class DeliveryDeliveredV1 {
  @IsString() @IsNotEmpty() shipmentId: string;
  @IsDossierCode() dossierCode: string;
  @IsString() @IsNotEmpty() recipientName: string;
  /** VND the postman collected (0 when no COD). */
  @IsInt() @Min(0) codCollected: number;
  @IsISO8601() deliveredAt: string;
}

export class DeliveryFailedV1 {
  @IsString() @IsNotEmpty() shipmentId: string;
  @IsDossierCode() dossierCode: string;
  @IsString() @IsNotEmpty() reason: string;
  @IsInt() @Min(1) attempt: number;
  @IsISO8601() failedAt: string;
}

export class DeliveryReturnedV1 {
  @IsString() @IsNotEmpty() shipmentId: string;
  @IsDossierCode() dossierCode: string;
  @IsISO8601() returnedAt: string;
}
