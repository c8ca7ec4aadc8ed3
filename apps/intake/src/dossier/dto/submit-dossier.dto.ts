import { Type } from 'class-transformer';
import {
  IsDefined,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { APPLICANT_KINDS, DELIVERY_METHODS, DeliveryMethod, PAYMENT_METHODS, PaymentMethod } from '@dvc/contracts';

export class ApplicantDto {
  @IsIn(APPLICANT_KINDS, { message: 'kind must be individual or organisation' })
  kind: (typeof APPLICANT_KINDS)[number];

  @IsString() @IsNotEmpty() @MaxLength(300)
  name: string;

  @ValidateIf((a: ApplicantDto) => a.kind === 'individual')
  @Matches(/^\d{12}$/, { message: 'citizenId must be the 12-digit citizen identity number' })
  citizenId?: string;

  @ValidateIf((a: ApplicantDto) => a.kind === 'organisation')
  @Matches(/^\d{10}(\d{3})?$/, { message: 'taxCode must have 10 or 13 digits' })
  taxCode?: string;

  @IsOptional() @Matches(/^\+?\d{9,15}$/, { message: 'phone must be 9-15 digits' })
  phone?: string;

  @IsOptional() @IsEmail()
  email?: string;

  @IsOptional() @IsString() @MaxLength(500)
  address?: string;
}

export class DeliveryAddressDto {
  @IsString() @IsNotEmpty() @MaxLength(300) recipientName: string;
  @Matches(/^\+?\d{9,15}$/, { message: 'phone must be 9-15 digits' }) phone: string;
  @IsString() @IsNotEmpty() @MaxLength(300) street: string;
  @IsString() @IsNotEmpty() @MaxLength(200) ward: string;
  @IsString() @IsNotEmpty() @MaxLength(200) province: string;
}

/**
 * Walking-skeleton submission: procedure, applicant, payment and delivery choice. The catalog
 * issue adds the declaration form, attachments, API keys and idempotency.
 */
export class SubmitDossierDto {
  @IsString() @IsNotEmpty() @MaxLength(50)
  procedureCode: string;

  @ValidateNested() @Type(() => ApplicantDto)
  applicant: ApplicantDto;

  @IsIn(PAYMENT_METHODS)
  paymentMethod: PaymentMethod;

  @IsIn(DELIVERY_METHODS)
  deliveryMethod: DeliveryMethod;

  @ValidateIf((d: SubmitDossierDto) => d.deliveryMethod === 'postal')
  @IsDefined({ message: 'deliveryAddress is required when the result is sent by post' })
  @ValidateNested() @Type(() => DeliveryAddressDto)
  deliveryAddress?: DeliveryAddressDto;
}
