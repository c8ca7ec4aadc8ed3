import { Controller, Get, HttpCode, Ip, Param, Post, Req, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { IncomingFile } from '../attachment/attachment.service';
import { IntakeConfig } from '../config/intake.config';
import { ResultErrors } from './results.errors';
import { ResultVerificationService } from './result-verification.service';

/**
 * Reads an application/pdf body up to `max` bytes. Past that nothing more is kept, but the rest is
 * read (up to a bound) so that the client, still sending, gets the 413 instead of a broken pipe.
 */
async function rawPdf(req: Request, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max * 4) {
      req.destroy();
      break;
    }
    if (size <= max) chunks.push(chunk);
  }
  if (size > max) throw ResultErrors.verifyTooLarge(max);
  return Buffer.concat(chunks);
}

/** Anyone holding a result checks it: no credentials, since the answer names no person. */
@ApiTags('results')
@Controller('v1/results/verify')
export class VerificationController {
  constructor(
    private readonly verification: ResultVerificationService,
    private readonly config: IntakeConfig,
  ) {}

  @Get(':verificationCode')
  @ApiParam({ name: 'verificationCode', example: 'ABCD-EFGH-JKLM-NPQR' })
  @ApiOperation({
    summary: 'Xác thực kết quả theo mã / Verify a result by its code',
    description:
      'Mã in trên kết quả và trong mã QR. Nhập sai nhiều lần bị tạm khóa như tra cứu hồ sơ. / The code printed on the result and in its QR; wrong codes are throttled like lookups.',
  })
  byCode(@Param('verificationCode') code: string, @Ip() ip: string) {
    return this.verification.byCode(code, ip || 'unknown');
  }

  @Post()
  @HttpCode(200)
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('application/pdf', 'multipart/form-data')
  @ApiBody({
    description: 'Tệp PDF (thân yêu cầu, hoặc trường "file") / The PDF (as the body, or the field "file")',
    schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } },
  })
  @ApiOperation({
    summary: 'Xác thực tệp kết quả PDF / Verify a result PDF',
    description:
      'Cho biết tệp có phải kết quả đã cấp, còn nguyên vẹn, và ai đã ký. / Answers whether the file is an issued result, unaltered, and who signed it.',
  })
  async byPdf(@UploadedFile() file: IncomingFile | undefined, @Req() req: Request) {
    const max = this.config.ATTACHMENT_MAX_BYTES;
    const bytes = file ? file.buffer : req.is('application/pdf') ? await rawPdf(req, max) : undefined;
    if (!bytes?.length) throw ResultErrors.verifyNoFile();
    return this.verification.byPdf(bytes);
  }
}
