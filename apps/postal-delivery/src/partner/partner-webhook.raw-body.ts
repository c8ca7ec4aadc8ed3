import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { POSTAL_PARTNER_WEBHOOK_PATH } from '@dvc/contracts';
import { PROBLEM_CONTENT_TYPE, toProblemDetails } from '@dvc/kernel';
import { requestTooLarge } from './partner.errors';

/** The webhook's body, exactly as received. */
export type RawBodyRequest = Request & { partnerRawBody?: Buffer };

/**
 * Reads the partner webhook's body as bytes before Express's JSON parser sees it: the signature is
 * over the exact bytes, and a malformed body must reach the handler to be refused with a reason and
 * stored for audit (the JSON parser would answer 400 before any of that). The JSON parser then
 * skips the request, its stream being already read.
 */
export function partnerWebhookRawBody(limitBytes: number): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'POST' || req.path !== POSTAL_PARTNER_WEBHOOK_PATH) return next();
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limitBytes) tooLarge = true;
      else chunks.push(c);
    });
    req.on('error', next);
    req.on('end', () => {
      if (tooLarge) {
        const problem = toProblemDetails(requestTooLarge());
        res
          .status(413)
          .type(PROBLEM_CONTENT_TYPE)
          .send(JSON.stringify({ ...problem, instance: POSTAL_PARTNER_WEBHOOK_PATH }));
        return;
      }
      (req as RawBodyRequest).partnerRawBody = Buffer.concat(chunks);
      next();
    });
  };
}
