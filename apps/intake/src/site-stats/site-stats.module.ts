import { Module } from '@nestjs/common';
import { SiteStatsController } from './site-stats.controller';
import { SiteStatsService } from './site-stats.service';

@Module({ controllers: [SiteStatsController], providers: [SiteStatsService], exports: [SiteStatsService] })
export class SiteStatsModule {}
