import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { DELIVERY_METHODS, DeliveryMethod, DocumentRef, IsDossierCode, IssuedFile, PostalAddress } from './common';

/** A result's verification code: printed on it and its QR, asked by the public verification endpoint. */
export const VERIFICATION_CODE_PATTERN = /^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/;

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
  /** The result files, stored and (PDFs) signed by processing; the citizen downloads them through intake. */
  @IsOptional() @ValidateNested({ each: true }) @Type(() => IssuedFile) files?: IssuedFile[];
  @IsOptional() @Matches(VERIFICATION_CODE_PATTERN) verificationCode?: string;
  /** Who signed, as the certificate names them (its subject's common name and organisation). */
  @IsOptional() @IsString() signedBy?: string;
}

/**
 * The one-stop slips (phiếu) a dossier's applicant receives: receipt and appointment, supplement
 * request, refusal, apology with a new return date. The processing control slip stays with officers.
 */
export const CITIZEN_SLIP_KINDS = ['receipt', 'supplement-request', 'refusal', 'apology'] as const;
export type CitizenSlipKind = (typeof CITIZEN_SLIP_KINDS)[number];

/** processing -> intake: a slip was issued to the applicant (signed PDF, kept by processing). */
export class SlipIssuedV1 {
  @IsDossierCode() dossierCode: string;
  @IsIn(CITIZEN_SLIP_KINDS) kind: CitizenSlipKind;
  @ValidateNested() @Type(() => IssuedFile) file: IssuedFile;
  @IsISO8601() issuedAt: string;
}
