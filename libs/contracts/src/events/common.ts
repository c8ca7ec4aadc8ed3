// Decorator metadata (class-transformer's @Type) must exist before any payload class loads.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  Allow,
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

/**
 * A document the applicant filed, by reference: the bytes stay with intake, which keeps them
 * under their SHA-256 (content-addressed) and streams them to processing on request (ADR 0010).
 */
export class FiledDocument {
  /** intake's attachment id. */
  @IsString()
  @IsNotEmpty()
  attachmentId: string;

  /** The procedure's code for the document (thành phần hồ sơ), e.g. "TP1". */
  @IsString()
  @IsNotEmpty()
  documentCode: string;

  /** The procedure's name for the document. */
  @IsString()
  @IsNotEmpty()
  documentName: string;

  /** The applicant's file name. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  filename: string;

  /** MIME type checked from the bytes (application/pdf, image/jpeg, ...). */
  @IsString()
  @IsNotEmpty()
  contentType: string;

  @IsInt()
  @Min(0)
  size: number;

  @Matches(SHA256_PATTERN)
  sha256: string;
}

/**
 * One value of the declaration (tờ khai) with the label the procedure version's form schema gives
 * it, so that an officer reads the form as the applicant saw it. `path` is the value's place in
 * the declaration ("danhSachTaiSan.0.tenTaiSan"); `labelVi` joins the schema titles on the way.
 */
export class DeclarationEntry {
  @IsString()
  @IsNotEmpty()
  path: string;

  @IsString()
  @IsNotEmpty()
  labelVi: string;

  @IsOptional()
  @IsString()
  labelEn?: string;

  /** A string, number, boolean or null (arrays and objects are flattened into their leaves). */
  @Allow()
  value: string | number | boolean | null;
}

/**
 * A file an agency issued (a result, a slip), by reference: processing keeps the bytes under
 * their SHA-256 and streams them to intake for the citizen's download (ADR 0010).
 */
export class IssuedFile {
  /** Unique per file, stable across re-deliveries. */
  @IsString()
  @IsNotEmpty()
  fileId: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  name: string;

  @IsString()
  @IsNotEmpty()
  contentType: string;

  @IsInt()
  @Min(0)
  size: number;

  @Matches(SHA256_PATTERN)
  sha256: string;

  /** Whether the bytes carry the agency's PDF signature. */
  @IsIn([true, false])
  signed: boolean;
}

export class DocumentRef {
  @IsString()
  @IsNotEmpty()
  name: string;

  @Matches(SHA256_PATTERN)
  sha256: string;
}
