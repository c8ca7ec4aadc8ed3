import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CurrentOfficer, type Officer, RequireRoles } from '@dvc/auth';
import { CaseErrors } from './case.errors';
import { CaseActionDto } from './dto/case-action.dto';
import { QueueQuery } from './dto/queue.query';
import { IssueResultDto } from './dto/issue-result.dto';
import { OFFICER_ACTIONS, OfficerAction } from './workflow/case-workflow';
import { OfficerActionsService } from './actions/officer-actions.service';
import { CaseQueueService } from './queue/case-queue.service';
import { CaseView } from './views/case-view';
import { CaseViewsService } from './views/case-views.service';

const ANY_OFFICER = ['reception', 'specialist', 'leader', 'cashier', 'admin'] as const;

/**
 * Officers' actions on a case. Any officer may call; the workflow table decides whether this
 * officer's roles may take this action in the case's current state (403/409 otherwise).
 */
@Controller('v1/cases')
export class CaseController {
  constructor(
    private readonly actions: OfficerActionsService,
    private readonly queues: CaseQueueService,
    private readonly views: CaseViewsService,
  ) {}

  /** The officer's work: cases they can act on now, most urgent first, with due-soon and overdue flags. */
  @Get('queue')
  @RequireRoles(...ANY_OFFICER)
  queue(@CurrentOfficer() officer: Officer, @Query() q: QueueQuery) {
    return this.queues.queue(officer, q.limit);
  }

  @Get(':dossierCode')
  @RequireRoles(...ANY_OFFICER)
  find(@Param('dossierCode') dossierCode: string): Promise<CaseView> {
    return this.views.find(dossierCode);
  }

  /** The case in the national portal's field names, ready for synchronisation. */
  @Get(':dossierCode/national-record')
  @RequireRoles(...ANY_OFFICER)
  nationalRecord(@Param('dossierCode') dossierCode: string) {
    return this.views.nationalRecord(dossierCode);
  }

  /** The audit trail of the case. */
  @Get(':dossierCode/history')
  @RequireRoles(...ANY_OFFICER)
  history(@Param('dossierCode') dossierCode: string) {
    return this.views.history(dossierCode);
  }

  /** accept, refuse, assign, request_supplement, propose_result, approve, send_back, reject, issue_result, hand_over, stop. */
  @Post(':dossierCode/actions/:action')
  @HttpCode(200)
  @RequireRoles(...ANY_OFFICER)
  act(
    @Param('dossierCode') dossierCode: string,
    @Param('action') action: string,
    @Body() dto: CaseActionDto,
    @CurrentOfficer() officer: Officer,
  ): Promise<CaseView> {
    if (!(OFFICER_ACTIONS as readonly string[]).includes(action))
      throw CaseErrors.unknownAction(action, OFFICER_ACTIONS);
    return this.actions.act(dossierCode, action as OfficerAction, officer, dto);
  }

  /** Tiếp nhận, by the one-stop desk (same as actions/accept). */
  @Post(':dossierCode/accept')
  @RequireRoles(...ANY_OFFICER)
  accept(@Param('dossierCode') dossierCode: string, @CurrentOfficer() officer: Officer): Promise<CaseView> {
    return this.actions.act(dossierCode, 'accept', officer);
  }

  /** The leader issues the result document (same as actions/issue_result with one document). */
  @Post(':dossierCode/issue-result')
  @RequireRoles(...ANY_OFFICER)
  issueResult(
    @Param('dossierCode') dossierCode: string,
    @Body() dto: IssueResultDto,
    @CurrentOfficer() officer: Officer,
  ): Promise<CaseView> {
    return this.actions.act(dossierCode, 'issue_result', officer, {
      documents: [{ name: dto.documentName, sha256: dto.sha256 }],
    });
  }
}
