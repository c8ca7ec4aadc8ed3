import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { catchError, type Observable, throwError } from 'rxjs';
import { LookupThrottledError } from './dossier.errors';

/**
 * Sets Retry-After on a throttled lookup before the problem-details filter writes the 429 (the
 * filter keeps headers already set). Registered app-wide: lookups, actions, results, slips and
 * verification by code all throttle through LookupThrottle.
 */
@Injectable()
export class RetryAfterInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((err: unknown) => {
        if (err instanceof LookupThrottledError && context.getType() === 'http')
          context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(err.retryAfterSeconds));
        return throwError(() => err);
      }),
    );
  }
}
