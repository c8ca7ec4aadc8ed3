import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import type { ServiceConfig } from '@dvc/config';

export const CORRELATION_HEADER = 'x-correlation-id';

/**
 * Structured JSON logs (pino). Every HTTP log line carries the request's correlation id: the
 * caller's X-Correlation-Id when given (a portal may send the dossier code), else a fresh uuid,
 * echoed back in the response header. Credentials and API keys are redacted.
 */
export function loggingModule(service: string, config: ServiceConfig) {
  return LoggerModule.forRoot({
    pinoHttp: {
      level: config.LOG_LEVEL,
      base: { service },
      messageKey: 'msg',
      genReqId: (req: IncomingMessage, res) => {
        const given = req.headers[CORRELATION_HEADER];
        const id = typeof given === 'string' && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID();
        res.setHeader('X-Correlation-Id', id);
        return id;
      },
      customProps: (req: IncomingMessage & { id?: unknown }) => ({ correlationId: req.id }),
      redact: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie'],
      // Health probes and visit beacons are frequent and say nothing an operator needs per request.
      autoLogging: { ignore: (req) => /^\/(health|v1\/site-stats\/visits)/.test(req.url ?? '') },
    },
  });
}
