import { Module } from '@nestjs/common';
import { ShipmentModule } from '../shipment/shipment.module';
import { PartnerReportController } from './partner-report.controller';
import { PartnerReportRepository } from './partner-report.repository';
import { PartnerReportService } from './partner-report.service';
import { PartnerReportsConsumer } from './partner-reports.consumer';

@Module({
  imports: [ShipmentModule],
  controllers: [PartnerReportController],
  providers: [PartnerReportRepository, PartnerReportService, PartnerReportsConsumer],
  exports: [PartnerReportService],
})
export class PartnerModule {}
