import { Controller, Get, HttpCode, Param, Post, Res, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import type { Response } from 'express';
import { CurrentOfficer, type Officer, RequireRoles } from '@dvc/auth';
import { streamStoredFile } from '@dvc/storage';
import { AccessLogService } from '../access-log/access-log.service';
import { type IncomingResultFile, ResultsService } from './results.service';

/** The officers who work on cases (the workflow's roles); a cashier or an administrator does not read results. */
const CASE_OFFICERS = ['reception', 'specialist', 'leader'] as const;

/** Result files: uploaded ahead of issue_result, then listed and downloaded by the case's officers. */
@Controller('v1/cases')
export class ResultsController {
  constructor(
    private readonly results: ResultsService,
    private readonly accessLog: AccessLogService,
  ) {}

  /**
   * Uploads result files ahead (multipart `files` parts) for a later issue_result `{ fileIds }`.
   * Nothing is stored when any file is refused; an upload no issue takes expires.
   */
  @Post(':dossierCode/result-files')
  @HttpCode(201)
  @RequireRoles(...CASE_OFFICERS)
  @UseInterceptors(FilesInterceptor('files'))
  upload(
    @Param('dossierCode') dossierCode: string,
    @UploadedFiles() files: IncomingResultFile[] | undefined,
    @CurrentOfficer() officer: Officer,
  ) {
    return this.results.upload(dossierCode, officer, files ?? []);
  }

  @Get(':dossierCode/results')
  @RequireRoles(...CASE_OFFICERS)
  list(@Param('dossierCode') dossierCode: string) {
    return this.results.list(dossierCode);
  }

  /** The issued file as stored (the signed PDF), shown inline. */
  @Get(':dossierCode/results/:fileId')
  @RequireRoles(...CASE_OFFICERS)
  async download(
    @Param('dossierCode') dossierCode: string,
    @Param('fileId') fileId: string,
    @CurrentOfficer() officer: Officer,
    @Res() res: Response,
  ): Promise<void> {
    const file = await this.results.file(dossierCode, fileId);
    await this.accessLog.record({
      officer,
      dossierCode,
      what: 'result',
      documentId: file.fileId,
      clientIp: res.req.ip,
    });
    await streamStoredFile(res, this.results.storage, file.storageKey, {
      contentType: file.contentType,
      filename: file.name,
      disposition: 'inline',
    });
  }
}
