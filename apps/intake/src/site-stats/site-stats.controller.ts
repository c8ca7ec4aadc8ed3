import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SiteStatsService } from './site-stats.service';

/** Reading the figures; beacons (POST /v1/site-stats/visits) are taken by visit-beacon.fast-path.ts. */
@ApiTags('site-stats')
@Controller('v1/site-stats')
export class SiteStatsController {
  constructor(private readonly stats: SiteStatsService) {}

  @Get()
  @ApiOperation({ summary: 'Đang trực tuyến, tổng lượt truy cập / Online now and total visits' })
  read() {
    return this.stats.read();
  }
}
