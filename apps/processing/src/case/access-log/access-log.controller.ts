import { Controller, Get, Param, Query } from '@nestjs/common';
import { RequireRoles } from '@dvc/auth';
import { AccessLogQuery } from './access-log.query';
import { AccessLogService } from './access-log.service';

/** The administrator's view of who read a dossier's personal data (Decree 13/2023/NĐ-CP). */
@Controller('v1/cases')
export class AccessLogController {
  constructor(private readonly log: AccessLogService) {}

  /** The dossier's reads, newest first; `next` continues with `?before=`. */
  @Get(':dossierCode/access-log')
  @RequireRoles('admin')
  list(@Param('dossierCode') dossierCode: string, @Query() q: AccessLogQuery) {
    return this.log.page(dossierCode, { limit: q.limit, before: q.before });
  }
}
