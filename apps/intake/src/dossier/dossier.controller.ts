import { type AuthenticatedPortal, CurrentPortal, PortalApiKeyGuard } from '@dvc/auth';
import {
  applyDecorators,
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Ip,
  Param,
  Post,
  Res,
  UploadedFiles,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { AnyFilesInterceptor } from '@nestjs/platform-express';
import {
  ApiBody,
  ApiConsumes,
  ApiExtraModels,
  ApiHeader,
  ApiOperation,
  ApiSecurity,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { IncomingFile } from '../attachment/attachment.service';
import { DossierActionsService } from './dossier-actions.service';
import { LookupCredentials } from './dossier-access.service';
import { DossierLookupService } from './dossier-lookup.service';
import { DossierSubmissionService } from './dossier-submission.service';
import { SupplementDossierDto, WithdrawDossierDto } from './dto/dossier-actions.dto';
import { SubmitDossierDto } from './dto/submit-dossier.dto';

/**
 * A multipart request carries the JSON object in the named field and the files beside it;
 * a JSON request is the object itself. Both go through the same validation.
 */
function payloadOf(body: unknown, field: string): unknown {
  const value = (body as Record<string, unknown> | undefined)?.[field];
  if (typeof value !== 'string') return body;
  try {
    return JSON.parse(value);
  } catch {
    return { [field]: value }; // validation then reports the field as malformed
  }
}

export const credentials = (
  secret: string | undefined,
  applicantId: string | undefined,
  ip: string,
): LookupCredentials => ({
  secret: secret?.trim() || undefined,
  applicantId: applicantId?.trim() || undefined,
  client: ip || 'unknown',
});

/** Secrets travel in headers, never in the URL: URLs end up in logs. */
export const ApiLookupHeaders = () =>
  applyDecorators(
    ApiHeader({
      name: 'X-Lookup-Secret',
      required: false,
      description: 'Mã tra cứu nhận khi nộp / The lookup secret given at submission',
    }),
    ApiHeader({
      name: 'X-Applicant-Id',
      required: false,
      description: "Hoặc số định danh/mã số thuế của người nộp / Or the applicant's citizen ID or tax code",
    }),
  );

@ApiTags('dossiers')
@ApiExtraModels(SubmitDossierDto)
@Controller('v1/dossiers')
export class DossierController {
  constructor(
    private readonly submissions: DossierSubmissionService,
    private readonly lookups: DossierLookupService,
    private readonly actions: DossierActionsService,
  ) {}

  @Post()
  @UseGuards(PortalApiKeyGuard)
  @UseInterceptors(AnyFilesInterceptor())
  @ApiSecurity('portal-api-key')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description:
      'Khóa duy nhất cho mỗi hồ sơ; gửi lại cùng khóa nhận lại cùng kết quả / One unique key per dossier; resending it returns the first answer',
  })
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({
    description:
      'JSON, hoặc multipart với trường "dossier" (JSON) và mỗi tệp đặt tên theo mã thành phần (TP1...) / JSON, or multipart with a "dossier" JSON field and one file per document code (TP1...)',
    schema: { $ref: getSchemaPath(SubmitDossierDto) },
  })
  @ApiOperation({
    summary: 'Nộp hồ sơ / File a dossier',
    description:
      'Trả 202 với mã hồ sơ và mã tra cứu (chỉ hiện một lần). / Answers 202 with the dossier code and the lookup secret (shown once).',
  })
  async submit(
    @Body() body: unknown,
    @UploadedFiles() files: IncomingFile[] | undefined,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CurrentPortal() portal: AuthenticatedPortal,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.submissions.submit(portal, idempotencyKey, payloadOf(body, 'dossier'), files ?? []);
    res.status(result.status);
    return result.body;
  }

  @Get(':code')
  @ApiOperation({
    summary: 'Tra cứu hồ sơ / Look a dossier up',
    description: 'Trạng thái, lịch sử, hạn xử lý. / Status, history, due date.',
  })
  @ApiLookupHeaders()
  lookup(
    @Param('code') code: string,
    @Headers('x-lookup-secret') secret: string | undefined,
    @Headers('x-applicant-id') applicantId: string | undefined,
    @Ip() ip: string,
  ) {
    return this.lookups.lookup(code, credentials(secret, applicantId, ip));
  }

  @Post(':code/withdraw')
  @HttpCode(202)
  @UseGuards(PortalApiKeyGuard)
  @ApiSecurity('portal-api-key')
  @ApiLookupHeaders()
  @ApiBody({ type: WithdrawDossierDto })
  @ApiOperation({ summary: 'Rút hồ sơ (trước khi có kết quả) / Withdraw a dossier (before a result exists)' })
  withdraw(
    @Param('code') code: string,
    @Body() body: unknown,
    @Headers('x-lookup-secret') secret: string | undefined,
    @Headers('x-applicant-id') applicantId: string | undefined,
    @Ip() ip: string,
  ) {
    return this.actions.withdraw(code, credentials(secret, applicantId, ip), body);
  }

  @Post(':code/supplements')
  @HttpCode(202)
  @UseGuards(PortalApiKeyGuard)
  @UseInterceptors(AnyFilesInterceptor())
  @ApiSecurity('portal-api-key')
  @ApiLookupHeaders()
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({ type: SupplementDossierDto })
  @ApiOperation({ summary: 'Bổ sung hồ sơ theo yêu cầu / Answer a supplement request' })
  supplement(
    @Param('code') code: string,
    @Body() body: unknown,
    @UploadedFiles() files: IncomingFile[] | undefined,
    @Headers('x-lookup-secret') secret: string | undefined,
    @Headers('x-applicant-id') applicantId: string | undefined,
    @Ip() ip: string,
    @CurrentPortal() portal: AuthenticatedPortal,
  ) {
    return this.actions.supplement(
      portal,
      code,
      credentials(secret, applicantId, ip),
      payloadOf(body, 'supplement'),
      files ?? [],
    );
  }
}
