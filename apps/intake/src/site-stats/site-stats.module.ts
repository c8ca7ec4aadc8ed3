import { Module } from '@nestjs/common';
import { SiteStatsController } from './site-stats.controller';
import { SiteStatsRepository } from './site-stats.repository';
import { SiteStatsService } from './site-stats.service';

@Module({
  controllers: [SiteStatsController],
  providers: [SiteStatsRepository, SiteStatsService],
  exports: [SiteStatsService],
})
export class SiteStatsModule {}
