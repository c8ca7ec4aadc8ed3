import { Controller, Get, Headers, Inject, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  checkFileToken,
  FILE_TOKEN_HEADER,
  FileExchangeErrors,
  isSha256,
  OBJECT_STORAGE,
  type ObjectStorage,
  streamStoredFile,
} from '@dvc/storage';
import { ProcessingConfig } from '../config/processing.config';
import { ResultRepository } from '../case/results/result.repository';
import { SlipRepository } from '../case/slips/slip.repository';

/**
 * `GET /internal/files/:sha256`: intake fetches an issued result or slip here to relay it to the
 * citizen it has checked (ADR 0010). The short-lived token over the SHA-256 is the credential (no
 * officer token); only bytes that one of processing's issued records refers to are served, so an
 * upload waiting for its issue or any other stored object stays out of reach.
 */
@ApiExcludeController()
@Controller('internal/files')
export class InternalFilesController {
  constructor(
    private readonly config: ProcessingConfig,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    private readonly results: ResultRepository,
    private readonly slips: SlipRepository,
  ) {}

  @Get(':sha256')
  async file(
    @Param('sha256') sha256: string,
    @Headers(FILE_TOKEN_HEADER) token: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    if (!checkFileToken(this.config.INTERNAL_FILES_SECRET, sha256, token)) throw FileExchangeErrors.tokenRefused();
    if (!isSha256(sha256)) throw FileExchangeErrors.notFound(sha256);
    const issued = (await this.results.fileBySha256(sha256)) ?? (await this.slips.bySha256(sha256));
    if (!issued) throw FileExchangeErrors.notFound(sha256);
    await streamStoredFile(res, this.storage, issued.storageKey, {
      contentType: issued.contentType,
      filename: issued.name,
      disposition: 'attachment',
    });
  }
}
