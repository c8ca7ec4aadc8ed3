import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@dvc/platform';
import { PortalApiKeyGuard } from '../portal/portal-api-key.guard';
import { VisitBeaconDto } from './dto/visit-beacon.dto';
import { SiteStatsService } from './site-stats.service';

@ApiTags('site-stats')
@Controller('v1/site-stats')
export class SiteStatsController {
  constructor(private readonly stats: SiteStatsService) {}

  @Post('visits')
  @HttpCode(204)
  @UseGuards(PortalApiKeyGuard)
  @ApiSecurity('portal-api-key')
  @ApiOperation({ summary: 'Báo một lượt truy cập (phiên ẩn danh) / Report a visit beacon (anonymous session)' })
  visit(@Body() dto: VisitBeaconDto): void {
    if (!this.stats.beacon(dto.sessionId)) {
      throw new DomainError('SITE_STATS.TOO_MANY_BEACONS', { vi: 'Quá nhiều lượt báo truy cập; vui lòng gửi chậm lại.', en: 'Too many visit beacons; please slow down.' }, { status: 429 });
    }
  }

  @Get()
  @ApiOperation({ summary: 'Đang trực tuyến, tổng lượt truy cập / Online now and total visits' })
  read() {
    return this.stats.read();
  }
}
