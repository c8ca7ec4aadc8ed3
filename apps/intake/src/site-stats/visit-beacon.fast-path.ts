import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { PROBLEM_CONTENT_TYPE, toProblemDetails, validateInput } from '@dvc/kernel';
import { PortalAuthenticator } from '@dvc/auth';
import { VisitBeaconDto } from './dto/visit-beacon.dto';
import { SiteStatsErrors } from './site-stats.errors';
import { SiteStatsService } from './site-stats.service';

export const VISIT_BEACON_PATH = '/v1/site-stats/visits';
const MAX_BODY = 1024;

/**
 * POST /v1/site-stats/visits answered before Express's body parsers, the request logger and the
 * NestJS pipeline: a storm of beacons must not take the CPU that submissions need, and a beacon
 * needs none of that machinery. Same rules and same problem+json answers as the rest of the API:
 * a portal key, a valid session id, and a per-process budget (429 beyond).
 */
export function visitBeaconFastPath(stats: SiteStatsService, portals: PortalAuthenticator): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'POST' || req.path !== VISIT_BEACON_PATH) return next();
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => {
      void answer(Buffer.concat(chunks), size)
        .then(() => res.status(204).end())
        .catch((err: unknown) => {
          const problem = toProblemDetails(err);
          res
            .status(problem.status)
            .type(PROBLEM_CONTENT_TYPE)
            .send(JSON.stringify({ ...problem, instance: VISIT_BEACON_PATH }));
        });
    });

    async function answer(body: Buffer, received: number): Promise<void> {
      const key = req.headers['x-api-key'];
      await portals.authenticate(typeof key === 'string' ? key : undefined);
      if (received > MAX_BODY) throw SiteStatsErrors.tooLarge();
      let json: unknown;
      try {
        json = JSON.parse(body.toString('utf8'));
      } catch {
        throw SiteStatsErrors.notJson();
      }
      const dto = await validateInput(VisitBeaconDto, json);
      if (!stats.beacon(dto.sessionId)) throw SiteStatsErrors.tooMany();
    }
  };
}
