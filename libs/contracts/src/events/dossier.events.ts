import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  Applicant,
  DeclarationEntry,
  DELIVERY_METHODS,
  DeliveryMethod,
  DocumentRef,
  FiledDocument,
  Fee,
  IsDossierCode,
  PAYMENT_METHODS,
  PaymentMethod,
  PostalAddress,
} from './common';

/** National portal channels (Decision 31/2021): 1 in person, 2 online, 3 public postal service. */
export const CHANNELS = [1, 2, 3] as const;

/** intake -> processing: a portal submission was accepted by intake and given its code. */
export class DossierSubmittedV1 {
  @IsDossierCode() dossierCode: string;
  @IsString() @IsNotEmpty() procedureCode: string;
  /** The catalog version the dossier was filed under; later revisions never apply to it. */
  @IsInt() @Min(1) procedureVersion: number;
  @IsString() @IsNotEmpty() procedureName: string;
  @IsString() @IsNotEmpty() fieldCode: string;
  @IsIn([3, 4]) level: 3 | 4;
  @IsInt() @Min(0) processingTime: number;
  @IsIn(['working_days', 'working_hours']) processingTimeUnit: 'working_days' | 'working_hours';
  @IsIn(CHANNELS) channel: (typeof CHANNELS)[number];
  @ValidateNested() @Type(() => Applicant) applicant: Applicant;
  @IsIn(PAYMENT_METHODS) paymentMethod: PaymentMethod;
  @IsIn(DELIVERY_METHODS) deliveryMethod: DeliveryMethod;
  @ValidateIf((d: DossierSubmittedV1) => d.deliveryMethod === 'postal')
  @ValidateNested()
  @Type(() => PostalAddress)
  deliveryAddress?: PostalAddress;
  @ValidateNested() @Type(() => Fee) fee: Fee;
  @IsISO8601() submittedAt: string;
  /** The declaration as filed, labelled from the procedure version's form schema. */
  @IsOptional() @ValidateNested({ each: true }) @Type(() => DeclarationEntry) declaration?: DeclarationEntry[];
  /** Every document filed with the dossier. */
  @IsOptional() @ValidateNested({ each: true }) @Type(() => FiledDocument) documents?: FiledDocument[];
}

/** intake -> processing: the applicant answered a supplement request. */
export class DossierSupplementedV1 {
  @IsDossierCode() dossierCode: string;
  @IsString() @IsNotEmpty() requestId: string;
  @ValidateNested({ each: true }) @Type(() => DocumentRef) documents: DocumentRef[];
  @IsISO8601() supplementedAt: string;
  /** The same documents with what an officer needs to open them. */
  @IsOptional() @ValidateNested({ each: true }) @Type(() => FiledDocument) files?: FiledDocument[];
}

/** intake -> processing: the applicant withdrew the dossier. */
export class DossierWithdrawnV1 {
  @IsDossierCode() dossierCode: string;
  @IsString() @IsNotEmpty() reason: string;
  @IsISO8601() withdrawnAt: string;
}

/** processing: the one-stop desk accepted the dossier (tiếp nhận); the clock starts. */
export class DossierAcceptedV1 {
  @IsDossierCode() dossierCode: string;
  @IsISO8601() acceptedAt: string;
  @IsISO8601() dueAt: string;
  @IsString() @IsNotEmpty() officerId: string;
}

export const REJECTION_STAGES = ['acceptance', 'review'] as const;

/** processing: refused at acceptance, or rejected after review. */
export class DossierRejectedV1 {
  @IsDossierCode() dossierCode: string;
  @IsIn(REJECTION_STAGES) stage: (typeof REJECTION_STAGES)[number];
  @IsString() @IsNotEmpty() reason: string;
  @IsISO8601() rejectedAt: string;
}

/** processing -> intake: the applicant must supply more documents (bổ sung); the clock pauses. */
export class DossierSupplementRequestedV1 {
  @IsDossierCode() dossierCode: string;
  @IsString() @IsNotEmpty() requestId: string;
  @IsString() @IsNotEmpty() reason: string;
  @IsString({ each: true }) items: string[];
  @IsISO8601() requestedAt: string;
}

export const COMPLETION_OUTCOMES = ['collected_at_office', 'delivered_by_post'] as const;
export const TIMELINESS = ['early', 'on_time', 'late'] as const;

/** processing: the result reached the applicant; the case is finished. */
export class DossierCompletedV1 {
  @IsDossierCode() dossierCode: string;
  @IsIn(COMPLETION_OUTCOMES) outcome: (typeof COMPLETION_OUTCOMES)[number];
  @IsIn(TIMELINESS) timeliness: (typeof TIMELINESS)[number];
  @IsISO8601() completedAt: string;
}

/** processing -> intake (citizen lookup): every change of local state, with the national code. */
export class DossierStatusChangedV1 {
  @IsDossierCode() dossierCode: string;
  /** Local state name, e.g. "received", "accepted", "supplement_requested". */
  @IsString() @IsNotEmpty() status: string;
  /** National portal status code 1-10 (Decision 31/2021). */
  @IsInt() @Min(1) @Max(10) nationalStatusCode: number;
  @IsISO8601() occurredAt: string;
  @IsOptional() @IsISO8601() dueAt?: string;
  @IsOptional() @IsString() note?: string;
}
