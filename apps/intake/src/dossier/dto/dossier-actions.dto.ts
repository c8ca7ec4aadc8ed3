import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { AttachmentRefDto } from './submit-dossier.dto';
import { DossierInputMessages } from '../dossier.errors';

export class WithdrawDossierDto {
  @ApiProperty({ description: 'Lý do rút hồ sơ / Why the applicant withdraws', example: 'Không còn nhu cầu' })
  @IsString()
  @Matches(/\S/, { message: DossierInputMessages.withdrawReason })
  @MaxLength(1000)
  reason: string;
}

export class SupplementDossierDto {
  @ApiProperty({ description: 'Yêu cầu bổ sung đang trả lời / The supplement request being answered' })
  @IsString()
  @Matches(/\S/)
  @MaxLength(200)
  requestId: string;

  @ApiPropertyOptional({ type: [AttachmentRefDto] })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => AttachmentRefDto)
  attachments?: AttachmentRefDto[];

  @ApiPropertyOptional({ description: 'Ghi chú / Note' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}
