import { Controller, Get, Query } from '@nestjs/common';
import { RequireRoles } from '@dvc/auth';
import { StatsQuery } from './dto/stats.query';
import { StatsService } from './stats.service';

@Controller('v1/stats')
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  @Get()
  @RequireRoles('leader', 'admin', 'reception', 'specialist')
  get(@Query() q: StatsQuery) {
    return this.stats.stats(q);
  }
}
