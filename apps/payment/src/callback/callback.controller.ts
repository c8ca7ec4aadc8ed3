import { Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CallbackService, IncomingCallback } from './callback.service';

type RawRequest = Request & { rawBody?: Buffer };

function incoming(req: RawRequest): Omit<IncomingCallback, 'gateway' | 'channel'> {
  const url = req.originalUrl ?? req.url;
  const q = url.indexOf('?');
  return {
    httpMethod: req.method,
    // The query exactly as sent: its encoding is part of what a dispute looks at.
    query: q >= 0 ? url.slice(q + 1) : '',
    body: req.rawBody,
    headers: req.headers as Record<string, string | undefined>,
    remoteAddr: req.ip,
  };
}

/** What the gateways call. No officer or portal auth: each call proves itself by its signature. */
@Controller('v1/payments')
export class CallbackController {
  constructor(private readonly callbacks: CallbackService) {}

  /** VNPay IPN (server to server): the truth about a payment. Always 200 with {RspCode, Message}. */
  @Get('vnpay/ipn')
  @HttpCode(200)
  vnpayIpn(@Req() req: RawRequest) {
    return this.callbacks.vnpayIpn(incoming(req));
  }

  /** The citizen's browser coming back from VNPay: shows the result, changes nothing. */
  @Get('vnpay/return')
  vnpayReturn(@Req() req: RawRequest) {
    return this.callbacks.vnpayReturn(incoming(req));
  }

  /** Generic HMAC-SHA256 webhook of a configured provider. */
  @Post('webhooks/:provider')
  async webhook(@Param('provider') provider: string, @Req() req: RawRequest, @Res() res: Response): Promise<void> {
    const { status, body } = await this.callbacks.webhook(provider, incoming(req));
    res.status(status).json(body);
  }
}
