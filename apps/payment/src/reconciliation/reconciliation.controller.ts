import { Body, Controller, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiConsumes } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';
import { CurrentOfficer, type Officer, RequireRoles } from '@dvc/auth';
import { ReconciliationErrors } from './reconciliation.errors';
import { ReconciliationService } from './reconciliation.service';

class ReconcileForm {
  @IsOptional() @IsISO8601() from?: string;
  @IsOptional() @IsISO8601() to?: string;
}

const MAX_FILE_BYTES = 20 * 1024 * 1024;

@Controller('v1/payments/reconciliation')
@ApiBearerAuth()
export class ReconciliationController {
  constructor(private readonly reconciliation: ReconciliationService) {}

  /** Đối soát: multipart field "file" = the gateway's settlement CSV; optional from/to (ISO). */
  @Post()
  @RequireRoles('admin')
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_FILE_BYTES, files: 1 } }))
  reconcile(
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() form: ReconcileForm,
    @CurrentOfficer() officer: Officer,
  ) {
    if (!file) throw ReconciliationErrors.fileMissing();
    return this.reconciliation.reconcile(file.buffer, officer, form);
  }

  /** Đối soát thu hộ (COD): multipart field "file" = the postal partner's remittance CSV; optional from/to (ISO). */
  @Post('cod')
  @RequireRoles('admin')
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_FILE_BYTES, files: 1 } }))
  reconcileCod(
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() form: ReconcileForm,
    @CurrentOfficer() officer: Officer,
  ) {
    if (!file) throw ReconciliationErrors.fileMissing();
    return this.reconciliation.reconcileCodRemittance(file.buffer, officer, form);
  }
}
