import { Controller, Get, Ip, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CurrentOfficer, type Officer, RequireRoles } from '@dvc/auth';
import { streamFile } from '@dvc/storage';
import { CASE_ROLES } from '../workflow/case-workflow';
import { FilingService } from './filing.service';

/**
 * The dossier as filed, for the officers the workflow gives actions on a case (reception,
 * specialists, leaders); cashiers and administrators have no business with its personal data.
 */
@Controller('v1/cases')
export class FilingController {
  constructor(private readonly filings: FilingService) {}

  /** Applicant, declaration with its labels, documents with their download links, supplements. */
  @Get(':dossierCode/filing')
  @RequireRoles(...CASE_ROLES)
  filing(@Param('dossierCode') dossierCode: string, @CurrentOfficer() officer: Officer, @Ip() ip: string) {
    return this.filings.filing(dossierCode, officer, ip);
  }

  /** One filed document, streamed from intake: inline for PDF and images, as an attachment otherwise. */
  @Get(':dossierCode/documents/:attachmentId')
  @RequireRoles(...CASE_ROLES)
  async document(
    @Param('dossierCode') dossierCode: string,
    @Param('attachmentId') attachmentId: string,
    @CurrentOfficer() officer: Officer,
    @Ip() ip: string,
    @Res() res: Response,
  ): Promise<void> {
    const { source, headers } = await this.filings.openDocument(dossierCode, attachmentId, officer, ip);
    // Once headers are out a failure can only break the transfer (streamFile destroys the response).
    await streamFile(res, source, headers);
  }
}
