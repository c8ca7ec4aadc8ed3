import { Module } from '@nestjs/common';
import { ShipmentModule } from '../shipment/shipment.module';
import { PartnerReportController } from './partner-report.controller';
import { PartnerReportService } from './partner-report.service';
import { PartnerReportsConsumer } from './partner-reports.consumer';

@Module({
  imports: [ShipmentModule],
  controllers: [PartnerReportController],
  providers: [PartnerReportService, PartnerReportsConsumer],
  exports: [PartnerReportService],
})
export class PartnerModule {}
