import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

export class VisitBeaconDto {
  @ApiProperty({
    description: 'Mã phiên ẩn danh do cổng tạo / Anonymous session id made by the portal',
    example: 'b6c2f1e0-2d4a-4c11-9a51-7e0f2c1d3b4a',
  })
  @Matches(/^[A-Za-z0-9_-]{8,64}$/, {
    message: 'sessionId: 8-64 chữ, số, "-" hoặc "_". / sessionId: 8-64 letters, digits, "-" or "_".',
  })
  sessionId: string;
}
