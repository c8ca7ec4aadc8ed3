import { Module } from '@nestjs/common';
import { AccessLogController } from './access-log.controller';
import { AccessLogRepository } from './access-log.repository';
import { AccessLogService } from './access-log.service';

/** The access log of personal data; import it and call AccessLogService.record on every read. */
@Module({
  controllers: [AccessLogController],
  providers: [AccessLogRepository, AccessLogService],
  exports: [AccessLogService],
})
export class AccessLogModule {}
