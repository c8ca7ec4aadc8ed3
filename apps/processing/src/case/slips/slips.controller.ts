import { Controller, Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Readable } from 'node:stream';
import { CurrentOfficer, type Officer, RequireRoles } from '@dvc/auth';
import { CITIZEN_SLIP_KINDS, type CitizenSlipKind } from '@dvc/contracts';
import { streamFile, streamStoredFile } from '@dvc/storage';
import { AccessLogService } from '../access-log/access-log.service';
import { SlipErrors } from './slip.errors';
import { SlipIssuer } from './slip-issuer.service';

/** The officers who work on cases (the workflow's roles); a cashier or an administrator does not read slips. */
const CASE_OFFICERS = ['reception', 'specialist', 'leader'] as const;
export const SLIP_KINDS = [...CITIZEN_SLIP_KINDS, 'control'] as const;

const inline = (filename: string) => ({ contentType: 'application/pdf', filename, disposition: 'inline' as const });

/** The one-stop slips of a case for its officers: the newest issued of each kind, and the control slip drawn now. */
@Controller('v1/cases')
export class SlipsController {
  constructor(
    private readonly slips: SlipIssuer,
    private readonly accessLog: AccessLogService,
  ) {}

  /**
   * receipt, supplement-request, refusal, apology (the newest issued, as stored and signed), or
   * control (drawn from the history now, signed). Each download is access-logged: the slips carry
   * the applicant's personal data.
   */
  @Get(':dossierCode/slips/:kind')
  @RequireRoles(...CASE_OFFICERS)
  async slip(
    @Param('dossierCode') dossierCode: string,
    @Param('kind') kind: string,
    @CurrentOfficer() officer: Officer,
    @Res() res: Response,
  ): Promise<void> {
    if (!(SLIP_KINDS as readonly string[]).includes(kind)) throw SlipErrors.unknownKind(kind, SLIP_KINDS);
    const log = (documentId: string) =>
      this.accessLog.record({ officer, dossierCode, what: 'slip', documentId, clientIp: res.req.ip });
    if (kind === 'control') {
      const { name, bytes } = await this.slips.control(dossierCode, officer);
      await log('control');
      await streamFile(res, { stream: Readable.from([bytes]), size: bytes.length }, inline(name));
      return;
    }
    const slip = await this.slips.newest(dossierCode, kind as CitizenSlipKind);
    await log(slip.id);
    await streamStoredFile(res, this.slips.storage, slip.storageKey, inline(slip.name));
  }
}
