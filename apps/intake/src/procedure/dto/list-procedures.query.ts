import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { FIELD_CODES } from '../procedure.types';

export class ListProceduresQuery {
  @ApiPropertyOptional({ enum: FIELD_CODES, description: 'Field / Lĩnh vực' })
  @IsOptional()
  @IsIn(FIELD_CODES)
  field?: (typeof FIELD_CODES)[number];
  @ApiPropertyOptional({ description: 'Service level / Mức độ', minimum: 1, maximum: 4 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(4)
  level?: number;
  @ApiPropertyOptional({
    description: 'Text, with or without diacritics / Từ khóa, có dấu hoặc không dấu',
    example: 'thanh ly tai san',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}
