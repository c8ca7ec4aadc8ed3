import { Controller, Get, Headers, Ip, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CITIZEN_SLIP_KINDS } from '@dvc/contracts';
import { ApiLookupHeaders, credentials } from '../dossier/dossier.controller';
import { CitizenResultsService } from './citizen-results.service';
import { sendDownload } from './relay-response';

/** The citizen's signed results and slips, with the lookup's credentials (X-Lookup-Secret or X-Applicant-Id). */
@ApiTags('results')
@Controller('v1/dossiers')
export class ResultsController {
  constructor(private readonly results: CitizenResultsService) {}

  @Get(':code/results')
  @ApiLookupHeaders()
  @ApiOperation({
    summary: 'Danh sách kết quả điện tử / The electronic results of a dossier',
    description:
      'Mỗi tệp kết quả với SHA-256, đã ký số hay chưa và mã xác thực. / Each result file with its SHA-256, whether it is signed, and its verification code.',
  })
  list(
    @Param('code') code: string,
    @Headers('x-lookup-secret') secret: string | undefined,
    @Headers('x-applicant-id') applicantId: string | undefined,
    @Ip() ip: string,
  ) {
    return this.results.list(code, credentials(secret, applicantId, ip));
  }

  @Get(':code/results/:fileId')
  @ApiLookupHeaders()
  @ApiParam({ name: 'fileId', description: 'fileId trong danh sách kết quả / fileId from the list of results' })
  @ApiProduces('application/pdf', 'application/octet-stream')
  @ApiOperation({ summary: 'Tải tệp kết quả / Download a result file' })
  async download(
    @Param('code') code: string,
    @Param('fileId') fileId: string,
    @Headers('x-lookup-secret') secret: string | undefined,
    @Headers('x-applicant-id') applicantId: string | undefined,
    @Ip() ip: string,
    @Res() res: Response,
  ): Promise<void> {
    await sendDownload(res, await this.results.openResult(code, credentials(secret, applicantId, ip), fileId));
  }

  @Get(':code/slips/:kind')
  @ApiLookupHeaders()
  @ApiParam({ name: 'kind', enum: CITIZEN_SLIP_KINDS })
  @ApiProduces('application/pdf')
  @ApiOperation({
    summary: 'Tải phiếu mới nhất của loại này / Download the newest slip of this kind',
    description:
      'Phiếu tiếp nhận và hẹn trả kết quả, yêu cầu bổ sung, từ chối, xin lỗi và hẹn lại ngày trả. / Receipt and appointment, supplement request, refusal, apology with a new date.',
  })
  async slip(
    @Param('code') code: string,
    @Param('kind') kind: string,
    @Headers('x-lookup-secret') secret: string | undefined,
    @Headers('x-applicant-id') applicantId: string | undefined,
    @Ip() ip: string,
    @Res() res: Response,
  ): Promise<void> {
    await sendDownload(res, await this.results.openSlip(code, credentials(secret, applicantId, ip), kind));
  }
}
