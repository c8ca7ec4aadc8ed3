import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
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
    this.stats.beacon(dto.sessionId);
  }

  @Get()
  @ApiOperation({ summary: 'Đang trực tuyến, tổng lượt truy cập / Online now and total visits' })
  read() {
    return this.stats.read();
  }
}
