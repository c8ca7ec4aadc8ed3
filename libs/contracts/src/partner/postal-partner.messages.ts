import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { DocumentRef, IsDossierCode, PostalAddress } from '../events/common';
import { SHIPMENT_STATUSES, ShipmentStatus } from '../events/delivery.events';

/**
 * The postal partner's public contract, documented in docs/asyncapi/postal-partner.yaml. Plain
 * JSON, no framework wrapping: an envelope (`id`, `type`, `version`, `occurredAt`, `source`,
 * `correlationId` = the order number, `data`) on the feed; a flat report from the partner.
 * Versioned like the bus: fields are only added; a breaking change ships as v2 beside v1.
 */
export interface PartnerFeedEnvelope<T extends string, D> {
  /** Unique per message (also the AMQP messageId): the partner de-duplicates on it. */
  id: string;
  type: T;
  version: 1;
  occurredAt: string;
  source: 'postal-delivery';
  /** The order number (the dossier code). */
  correlationId: string;
  causationId: string | null;
  data: D;
}

export class PartnerParty {
  @IsString() @IsNotEmpty() name: string;
  @IsString() @IsNotEmpty() phone: string;
  @IsString() @IsNotEmpty() street: string;
  @IsString() @IsNotEmpty() ward: string;
  @IsString() @IsNotEmpty() province: string;
}

export const PARCEL_WEIGHT_CLASSES = ['document_under_100g', 'document_under_500g', 'parcel_under_2kg'] as const;
export const SERVICE_LEVELS = ['standard', 'express'] as const;
export type ServiceLevel = (typeof SERVICE_LEVELS)[number];

export class PartnerParcel {
  @ValidateNested({ each: true }) @Type(() => DocumentRef) documents: DocumentRef[];
  @IsIn(PARCEL_WEIGHT_CLASSES) weightClass: (typeof PARCEL_WEIGHT_CLASSES)[number];
}

/** delivery.requested v1: please carry this parcel (one per shipment; the id repeats on redelivery). */
export class PartnerDeliveryRequestV1 {
  /** Our shipment id: every status report names it. */
  @IsString() @IsNotEmpty() shipmentId: string;
  /** The partner's order number: the dossier code. */
  @IsDossierCode() orderNumber: string;
  @IsDossierCode() dossierCode: string;
  @ValidateNested() @Type(() => PartnerParty) sender: PartnerParty;
  @ValidateNested() @Type(() => PostalAddress) receiver: PostalAddress;
  @ValidateNested() @Type(() => PartnerParcel) parcel: PartnerParcel;
  /** VND to collect from the receiver; 0 = nothing to collect. */
  @IsInt() @Min(0) codAmount: number;
  @IsIn(SERVICE_LEVELS) serviceLevel: ServiceLevel;
  @IsISO8601() requestedAt: string;
}

/** delivery.cancelled v1: do not carry it (only sent before pick-up). */
export class PartnerDeliveryCancelledV1 {
  @IsString() @IsNotEmpty() shipmentId: string;
  @IsDossierCode() orderNumber: string;
  @IsString() @IsNotEmpty() reason: string;
  @IsISO8601() cancelledAt: string;
}

export type PartnerDeliveryRequestedMessage = PartnerFeedEnvelope<'delivery.requested', PartnerDeliveryRequestV1>;
export type PartnerDeliveryCancelledMessage = PartnerFeedEnvelope<'delivery.cancelled', PartnerDeliveryCancelledV1>;
export type PartnerFeedMessage = PartnerDeliveryRequestedMessage | PartnerDeliveryCancelledMessage;

/** Every status the partner may report (everything after "created"). */
export const PARTNER_REPORT_STATUSES = SHIPMENT_STATUSES.filter((s) => s !== 'created') as Exclude<
  ShipmentStatus,
  'created'
>[];
export type PartnerReportStatus = (typeof PARTNER_REPORT_STATUSES)[number];

/**
 * A status report from the partner (HTTP body or AMQP message body), version 1. Signed: see
 * signPartnerReport. `eventId` is unique per report; a report seen before is refused as a replay.
 */
export class PartnerStatusReportV1 {
  @IsIn([1]) version: 1;
  @IsString() @IsNotEmpty() @MaxLength(100) @Matches(/^[A-Za-z0-9._:-]+$/) eventId: string;
  @IsString() @IsNotEmpty() @MaxLength(100) shipmentId: string;
  @IsIn(PARTNER_REPORT_STATUSES) status: PartnerReportStatus;
  /** When it happened at the post office (not when it was sent). */
  @IsISO8601({ strict: true }) occurredAt: string;
  /** delivered: VND the postman collected (0 when nothing was to be collected). */
  @ValidateIf((r: PartnerStatusReportV1) => r.status === 'delivered') @IsInt() @Min(0) codCollected?: number;
  /** delivered: who signed for the parcel. */
  @ValidateIf((r: PartnerStatusReportV1) => r.status === 'delivered')
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  recipientName?: string;
  /** delivery_failed: why (e.g. "receiver absent"). */
  @ValidateIf((r: PartnerStatusReportV1) => r.status === 'delivery_failed')
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason?: string;
  /** delivery_failed: the attempt that failed, 1 for the first. */
  @ValidateIf((r: PartnerStatusReportV1) => r.status === 'delivery_failed') @IsInt() @Min(1) attempt?: number;
  @IsOptional() @IsString() @MaxLength(500) note?: string;
  @IsOptional() @IsString() @MaxLength(100) postOffice?: string;
}
