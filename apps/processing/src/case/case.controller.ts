import { Body, Controller, Get, HttpCode, Param, Post, Query, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import { CurrentOfficer, type Officer, RequireRoles } from '@dvc/auth';
import { CaseErrors } from './case.errors';
import { CaseActionDto } from './dto/case-action.dto';
import { QueueQuery } from './dto/queue.query';
import { IssueResultDto } from './dto/issue-result.dto';
import { OFFICER_ACTIONS, OfficerAction } from './workflow/case-workflow';
import { OfficerActionsService } from './actions/officer-actions.service';
import { CaseQueueService } from './queue/case-queue.service';
import { ResultErrors } from './results/result.errors';
import { type IncomingResultFile, ResultsService } from './results/results.service';
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
    private readonly results: ResultsService,
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

  /**
   * issue_result with its files: multipart `files` parts (PDFs are stamped and signed; images kept
   * as sent) and an optional `note`, or JSON `{ fileIds, note }` of files uploaded ahead with
   * POST :dossierCode/result-files. Declared before the generic route, which it takes precedence over.
   */
  @Post(':dossierCode/actions/issue_result')
  @HttpCode(200)
  @RequireRoles(...ANY_OFFICER)
  @UseInterceptors(FilesInterceptor('files'))
  async issueResult(
    @Param('dossierCode') dossierCode: string,
    @Body() dto: IssueResultDto,
    @UploadedFiles() files: IncomingResultFile[] | undefined,
    @CurrentOfficer() officer: Officer,
  ): Promise<CaseView> {
    if (dto.documents !== undefined || (!files?.length && !dto.fileIds?.length)) throw ResultErrors.fileRequired();
    // Files sent with the request are checked and stored as uploads first (nothing is kept if one is refused).
    const sent = files?.length ? await this.results.upload(dossierCode, officer, files) : [];
    return this.actions.act(dossierCode, 'issue_result', officer, {
      note: dto.note,
      fileIds: [...(dto.fileIds ?? []), ...sent.map((f) => f.fileId)],
    });
  }

  /** accept, refuse, assign, request_supplement, propose_result, approve, send_back, reject, issue_result (JSON fileIds), hand_over, stop. */
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

  /** The leader issues the result: its files (same as actions/issue_result). */
  @Post(':dossierCode/issue-result')
  @HttpCode(200)
  @RequireRoles(...ANY_OFFICER)
  @UseInterceptors(FilesInterceptor('files'))
  issueResultAlias(
    @Param('dossierCode') dossierCode: string,
    @Body() dto: IssueResultDto,
    @UploadedFiles() files: IncomingResultFile[] | undefined,
    @CurrentOfficer() officer: Officer,
  ): Promise<CaseView> {
    return this.issueResult(dossierCode, dto, files, officer);
  }
}
