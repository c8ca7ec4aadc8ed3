import { Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { POSTAL_PARTNER_HEADERS, POSTAL_PARTNER_WEBHOOK_PATH } from '@dvc/contracts';
import { RequireRoles } from '@dvc/auth';
import { PartnerReportService, ReportReceipt } from './partner-report.service';
import type { RawBodyRequest } from './partner-webhook.raw-body';

const header = (req: RawBodyRequest, name: string) => {
  const v = req.headers[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
};

/** The postal partner reports each step of a parcel here, signed (docs/asyncapi/postal-partner.yaml). */
@ApiTags('partner')
@Controller()
export class PartnerReportController {
  constructor(private readonly reports: PartnerReportService) {}

  @Post(POSTAL_PARTNER_WEBHOOK_PATH.slice(1))
  @HttpCode(200)
  @ApiOperation({
    summary: 'Đối tác bưu chính báo trạng thái bưu gửi / The postal partner reports a status (HMAC-SHA256 signed)',
  })
  @ApiHeader({ name: 'X-Partner-Id', required: true })
  @ApiHeader({ name: 'X-Timestamp', required: true, description: 'Unix seconds; 300 s tolerance' })
  @ApiHeader({ name: 'X-Signature', required: true, description: 'hex HMAC-SHA256 of `${X-Timestamp}.${raw body}`' })
  report(@Req() req: RawBodyRequest): Promise<ReportReceipt> {
    return this.reports.receive({
      channel: 'http',
      partnerId: header(req, POSTAL_PARTNER_HEADERS.PARTNER),
      timestamp: header(req, POSTAL_PARTNER_HEADERS.TIMESTAMP),
      signature: header(req, POSTAL_PARTNER_HEADERS.SIGNATURE),
      rawBody: req.partnerRawBody ?? Buffer.alloc(0),
    });
  }

  /** What the partner reported about a shipment, refused reports included (audit). */
  @Get('v1/shipments/:id/reports')
  @RequireRoles('reception', 'specialist', 'leader', 'cashier', 'admin')
  reportsOf(@Param('id') id: string): Promise<unknown[]> {
    return this.reports.reportsOf(id);
  }
}
