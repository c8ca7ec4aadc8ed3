import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { CurrentOfficer, type Officer, RequireRoles } from '@dvc/platform';
import { CaseService, CaseView } from './case.service';
import { IssueResultDto } from './dto/issue-result.dto';

/**
 * Officers' actions of the walking skeleton, each behind an officer's token and role. The
 * processing issue replaces them with the state machine's full set of actions.
 */
@Controller('v1/cases')
export class CaseController {
  constructor(private readonly cases: CaseService) {}

  @Get(':dossierCode')
  @RequireRoles('reception', 'specialist', 'leader', 'cashier', 'admin')
  find(@Param('dossierCode') dossierCode: string): Promise<CaseView> {
    return this.cases.find(dossierCode);
  }

  /** Tiếp nhận: the one-stop desk. */
  @Post(':dossierCode/accept')
  @RequireRoles('reception')
  accept(@Param('dossierCode') dossierCode: string, @CurrentOfficer() officer: Officer): Promise<CaseView> {
    return this.cases.accept(dossierCode, officer);
  }

  /** The approving leader issues the result. */
  @Post(':dossierCode/issue-result')
  @RequireRoles('leader')
  issueResult(@Param('dossierCode') dossierCode: string, @Body() dto: IssueResultDto, @CurrentOfficer() officer: Officer): Promise<CaseView> {
    return this.cases.issueResult(dossierCode, dto, officer);
  }

  /** The audit trail of the case. */
  @Get(':dossierCode/history')
  @RequireRoles('reception', 'specialist', 'leader', 'cashier', 'admin')
  history(@Param('dossierCode') dossierCode: string) {
    return this.cases.history(dossierCode);
  }
}
