import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { SiteStatsInputMessages } from '../site-stats.errors';

export class VisitBeaconDto {
  @ApiProperty({
    description: 'Mã phiên ẩn danh do cổng tạo / Anonymous session id made by the portal',
    example: 'b6c2f1e0-2d4a-4c11-9a51-7e0f2c1d3b4a',
  })
  @Matches(/^[A-Za-z0-9_-]{8,64}$/, {
    message: SiteStatsInputMessages.sessionId,
  })
  sessionId: string;
}
