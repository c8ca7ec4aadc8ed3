import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';

export class CreatePortalDto {
  @ApiProperty({ description: 'Portal name / Tên cổng', example: 'Cổng dịch vụ công tỉnh' })
  @IsString()
  @MaxLength(200)
  @Matches(/\S/, { message: 'name must not be blank' })
  name: string;
}
