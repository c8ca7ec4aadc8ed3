import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsDefined,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { APPLICANT_KINDS, DELIVERY_METHODS, DeliveryMethod, PAYMENT_METHODS, PaymentMethod } from '@dvc/contracts';
import { IsVnCitizenId, IsVnTaxCode } from '../../applicant/vn-identifiers';
import { DossierInputMessages } from '../dossier.errors';

const PHONE = /^\+?\d{9,15}$/;

export class ApplicantDto {
  @ApiProperty({ enum: APPLICANT_KINDS, description: 'Cá nhân hay tổ chức / Individual or organisation' })
  @IsIn(APPLICANT_KINDS, {
    message: DossierInputMessages.applicantKind,
  })
  kind: (typeof APPLICANT_KINDS)[number];

  @ApiProperty({ description: 'Họ tên hoặc tên tổ chức / Full name or organisation name', example: 'Nguyễn Thị Hoa' })
  @IsString()
  @Matches(/\S/, { message: DossierInputMessages.name })
  @MaxLength(300)
  name: string;

  @ApiPropertyOptional({
    description: 'Số định danh cá nhân 12 số (cá nhân) / 12-digit citizen ID (individuals)',
    example: '001203004567',
  })
  @ValidateIf((a: ApplicantDto) => a.kind === 'individual')
  @IsVnCitizenId()
  citizenId?: string;

  @ApiPropertyOptional({
    description: 'Mã số thuế 10 hoặc 13 số (tổ chức) / 10- or 13-digit tax code (organisations)',
    example: '0100109106',
  })
  @ValidateIf((a: ApplicantDto) => a.kind === 'organisation')
  @IsVnTaxCode()
  taxCode?: string;

  @ApiPropertyOptional({ example: '0912345678' })
  @IsOptional()
  @Matches(PHONE, { message: DossierInputMessages.phone })
  phone?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail({}, { message: DossierInputMessages.email })
  email?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) address?: string;
}

export class DeliveryAddressDto {
  @ApiProperty({ description: 'Người nhận / Recipient' })
  @IsString()
  @Matches(/\S/)
  @MaxLength(300)
  recipientName: string;
  @ApiProperty() @Matches(PHONE, { message: DossierInputMessages.phone }) phone: string;
  @ApiProperty({ description: 'Số nhà, đường / House number and street' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  street: string;
  @ApiProperty({ description: 'Phường, xã, đặc khu / Ward or commune' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  ward: string;
  @ApiProperty({ description: 'Tỉnh, thành phố / Province or city' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  province: string;
}

export class AttachmentRefDto {
  @ApiProperty({ description: 'Mã thành phần hồ sơ (TP1, TP2...) / Required document code', example: 'TP1' })
  @Matches(/^[A-Z0-9_]{1,20}$/, {
    message: DossierInputMessages.documentCode,
  })
  documentCode: string;

  @ApiProperty({ description: 'id từ POST /v1/attachments / id from POST /v1/attachments' })
  @IsUUID('4', {
    message: DossierInputMessages.attachmentId,
  })
  attachmentId: string;
}

/**
 * A portal's submission. As JSON, attachments are referenced by pre-uploaded ids; as
 * multipart/form-data, this object is the "dossier" field and each file's field name is its
 * document code (TP1, TP2...).
 */
export class SubmitDossierDto {
  @ApiProperty({ description: 'Mã thủ tục / Procedure code', example: '1.005426' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  procedureCode: string;

  @ApiProperty({ type: ApplicantDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => ApplicantDto)
  applicant: ApplicantDto;

  @ApiProperty({
    description: "Tờ khai theo JSON Schema của thủ tục / Declaration, per the procedure's JSON Schema",
    type: Object,
  })
  @IsDefined()
  @IsObject({ message: DossierInputMessages.declaration })
  declaration: Record<string, unknown>;

  @ApiPropertyOptional({ type: [AttachmentRefDto] })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => AttachmentRefDto)
  attachments?: AttachmentRefDto[];

  @ApiProperty({
    enum: PAYMENT_METHODS,
    description: 'Hình thức nộp phí / How the fee is paid ("none" when there is no fee)',
  })
  @IsIn(PAYMENT_METHODS)
  paymentMethod: PaymentMethod;

  @ApiProperty({ enum: DELIVERY_METHODS, description: 'Hình thức nhận kết quả / How the result is received' })
  @IsIn(DELIVERY_METHODS)
  deliveryMethod: DeliveryMethod;

  @ApiPropertyOptional({
    type: DeliveryAddressDto,
    description: 'Bắt buộc khi nhận qua bưu chính / Required when by post',
  })
  @ValidateIf((d: SubmitDossierDto) => d.deliveryMethod === 'postal')
  @IsDefined({
    message: DossierInputMessages.deliveryAddress,
  })
  @ValidateNested()
  @Type(() => DeliveryAddressDto)
  deliveryAddress?: DeliveryAddressDto;
}
