import { type AuthenticatedPortal, CurrentPortal, PortalApiKeyGuard } from '@dvc/auth';
import { Controller, Post, UploadedFile, UseGuards, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { AttachmentErrors } from './attachment.errors';
import { AttachmentService, IncomingFile } from './attachment.service';

@ApiTags('attachments')
@ApiSecurity('portal-api-key')
@Controller('v1/attachments')
@UseGuards(PortalApiKeyGuard)
export class AttachmentController {
  constructor(private readonly attachments: AttachmentService) {}

  @Post()
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOperation({
    summary: 'Tải tệp lên trước khi nộp hồ sơ / Upload a file ahead of the submission',
    description:
      'Trả về id để dùng trong "attachments" của hồ sơ. / Returns an id to reference in the dossier\'s "attachments".',
  })
  async upload(@UploadedFile() file: IncomingFile | undefined, @CurrentPortal() portal: AuthenticatedPortal) {
    if (!file) throw AttachmentErrors.none();
    const { row, problem } = await this.attachments.preUpload(portal.id, file);
    if (!row) throw AttachmentErrors.invalid([problem!]);
    return { id: row.id, filename: row.filename, fileType: row.fileType, sizeBytes: row.sizeBytes, sha256: row.sha256 };
  }
}
