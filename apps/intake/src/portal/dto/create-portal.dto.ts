import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { PortalInputMessages } from '../portal.errors';

export class CreatePortalDto {
  @ApiProperty({ description: 'Portal name / Tên cổng', example: 'Cổng dịch vụ công tỉnh' })
  @IsString()
  @MaxLength(200)
  @Matches(/\S/, { message: PortalInputMessages.name })
  name: string;
}
