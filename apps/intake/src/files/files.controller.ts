import { Controller, Get, Headers, Inject, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { FILE_TOKEN_HEADER, OBJECT_STORAGE, type ObjectStorage, serveOwnedFile } from '@dvc/storage';
import { AttachmentRepository } from '../attachment/attachment.repository';
import { IntakeConfig } from '../config/intake.config';

/**
 * processing's way to the applicant's documents (ADR 0010): a short-lived token made with the
 * shared INTERNAL_FILES_SECRET for this very sha256, and only a file an attachment bound to a
 * dossier refers to (an upload no dossier took is nobody's business but its portal's). Not in the
 * public OpenAPI document: only processing calls it.
 */
@ApiExcludeController()
@Controller('internal/files')
export class FilesController {
  constructor(
    private readonly config: IntakeConfig,
    private readonly attachments: AttachmentRepository,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
  ) {}

  @Get(':sha256')
  async file(
    @Param('sha256') sha256: string,
    @Headers(FILE_TOKEN_HEADER) token: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    await serveOwnedFile(res, this.storage, { secret: this.config.INTERNAL_FILES_SECRET, sha256, token }, async (s) => {
      const attachment = await this.attachments.findBoundBySha256(s);
      return (
        attachment && {
          storageKey: attachment.storageKey,
          contentType: 'application/octet-stream',
          filename: attachment.filename,
        }
      );
    });
  }
}
