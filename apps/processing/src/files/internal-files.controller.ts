import { Controller, Get, Headers, Inject, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { FILE_TOKEN_HEADER, OBJECT_STORAGE, type ObjectStorage, serveOwnedFile } from '@dvc/storage';
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
    await serveOwnedFile(res, this.storage, { secret: this.config.INTERNAL_FILES_SECRET, sha256, token }, async (s) => {
      const issued = (await this.results.fileBySha256(s)) ?? (await this.slips.bySha256(s));
      return issued && { storageKey: issued.storageKey, contentType: issued.contentType, filename: issued.name };
    });
  }
}
