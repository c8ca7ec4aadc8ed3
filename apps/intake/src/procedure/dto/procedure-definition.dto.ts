import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { FIELD_CODES, FILE_TYPES } from '../procedure.types';
import { ProcedureInputMessages } from '../procedure.errors';

export class FeeRuleDto {
  @ApiProperty({ example: 'PHI1' }) @IsString() @IsNotEmpty() @MaxLength(30) code: string;
  @ApiProperty({ example: 'Giá bán hóa đơn lẻ' }) @IsString() @IsNotEmpty() @MaxLength(300) name: string;
  @ApiProperty({ description: 'VND (đồng), whole number / Số tiền (đồng)', example: 50000 })
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  amount: number;
  @ApiProperty({ enum: ['per_dossier', 'per_item'] }) @IsIn(['per_dossier', 'per_item']) unit:
    'per_dossier' | 'per_item';
  @ApiPropertyOptional({
    description: 'per_item: declaration property holding the quantity / Trường số lượng trong tờ khai',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z][A-Za-z0-9]*$/)
  quantityField?: string;
}

export class RequiredDocumentDto {
  @ApiProperty({ example: 'TP1' })
  @Matches(/^[A-Z0-9_]{1,20}$/, { message: ProcedureInputMessages.documentCode })
  code: string;
  @ApiProperty({ example: 'Văn bản đề nghị thanh lý tài sản công' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  name: string;
  @ApiProperty() @IsBoolean() mandatory: boolean;
  @ApiProperty({ enum: ['original', 'copy'] }) @IsIn(['original', 'copy']) form: 'original' | 'copy';
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) @Max(20) copies: number;
  @ApiProperty({ enum: FILE_TYPES, isArray: true })
  @ArrayMinSize(1)
  @IsIn(FILE_TYPES, { each: true })
  fileTypes: (typeof FILE_TYPES)[number][];
}

/** A procedure as an administrator adds or revises it. */
export class ProcedureDefinitionDto {
  @ApiProperty({ description: 'Vietnamese name / Tên thủ tục', example: 'Quyết định thanh lý tài sản công' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  name: string;

  @ApiProperty({ enum: FIELD_CODES }) @IsIn(FIELD_CODES) fieldCode: (typeof FIELD_CODES)[number];
  @ApiProperty({ description: 'Service level 1-4 / Mức độ', example: 4 }) @IsInt() @Min(1) @Max(4) level: 1 | 2 | 3 | 4;
  @ApiProperty({ example: 30 }) @IsInt() @Min(0) @Max(3650) processingTime: number;
  @ApiProperty({ enum: ['working_days', 'working_hours'] })
  @IsIn(['working_days', 'working_hours'])
  processingTimeUnit: 'working_days' | 'working_hours';
  @ApiProperty({ type: [FeeRuleDto] })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => FeeRuleDto)
  fees: FeeRuleDto[];
  @ApiProperty({ type: [RequiredDocumentDto] })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => RequiredDocumentDto)
  requiredDocuments: RequiredDocumentDto[];

  @ApiPropertyOptional({
    description: 'Declaration form as a JSON Schema (2020-12); null for levels 1-2 / Tờ khai (JSON Schema)',
    type: Object,
    nullable: true,
  })
  @IsOptional()
  @IsObject()
  declarationSchema: Record<string, unknown> | null;

  @ApiProperty({ description: 'Result document / Kết quả', example: 'Quyết định thanh lý tài sản công' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  result: string;
  @ApiProperty({ enum: ['public', 'modeled'] }) @IsIn(['public', 'modeled']) source: 'public' | 'modeled';
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) sourceNote?: string;
}

export class CreateProcedureDto extends ProcedureDefinitionDto {
  @ApiProperty({ description: 'National procedure code / Mã thủ tục', example: '1.005426' })
  @Matches(/^[0-9A-Z][0-9A-Z.]{2,30}$/, { message: ProcedureInputMessages.procedureCode })
  code: string;
}
