// Decorator metadata (class-transformer's @Type) must exist before any payload class loads.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

export const DOSSIER_CODE_PATTERN = /^[0-9A-Z.]+-\d{6}-\d{4,}$/;
export const IsDossierCode = () =>
  Matches(DOSSIER_CODE_PATTERN, { message: 'dossierCode must look like 000.00.12.H30-260511-0001' });
export const SHA256_PATTERN = /^[0-9a-f]{64}$/;

export const PAYMENT_METHODS = ['online', 'postal_cod', 'office', 'none'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const DELIVERY_METHODS = ['office', 'postal'] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

export const APPLICANT_KINDS = ['individual', 'organisation'] as const;

export class Applicant {
  @IsIn(APPLICANT_KINDS)
  kind: (typeof APPLICANT_KINDS)[number];

  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name: string;

  /** 12-digit citizen identity number, for individuals. */
  @ValidateIf((a: Applicant) => a.kind === 'individual')
  @Matches(/^\d{12}$/)
  citizenId?: string;

  /** 10- or 13-digit tax code, for organisations. */
  @ValidateIf((a: Applicant) => a.kind === 'organisation')
  @Matches(/^\d{10}(\d{3})?$/)
  taxCode?: string;

  @IsOptional()
  @IsString()
  @MaxLength(20)
  phone?: string;

  @IsOptional()
  @IsEmail()
  email?: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string;
}

/** Since 1 July 2025: street, ward/commune, province (no district level). */
export class PostalAddress {
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  recipientName: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(20)
  phone: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  street: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  ward: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  province: string;
}

export class FeeItem {
  @IsString()
  @IsNotEmpty()
  code: string;

  @IsString()
  @IsNotEmpty()
  name: string;

  /** VND, whole đồng. */
  @IsInt()
  @Min(0)
  amount: number;
}

export class Fee {
  /** VND, whole đồng; 0 when the procedure charges nothing. */
  @IsInt()
  @Min(0)
  amount: number;

  @ValidateNested({ each: true })
  @Type(() => FeeItem)
  items: FeeItem[];
}

export class DocumentRef {
  @IsString()
  @IsNotEmpty()
  name: string;

  @Matches(SHA256_PATTERN)
  sha256: string;
}
