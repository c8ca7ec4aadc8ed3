import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { isDatabaseUnavailable } from '@dvc/persistence';
import { DomainError } from './domain-error';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** RFC 9457 problem details, with our stable code and the bilingual message. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  message: { vi: string; en: string };
  instance?: string;
  correlationId?: string;
  errors?: unknown;
  [extra: string]: unknown;
}

const GENERIC: Record<number, { code: string; vi: string; en: string }> = {
  400: { code: 'REQUEST.BAD', vi: 'Yêu cầu không hợp lệ.', en: 'The request is not valid.' },
  401: {
    code: 'AUTH.UNAUTHENTICATED',
    vi: 'Cần xác thực để thực hiện thao tác này.',
    en: 'Authentication is required.',
  },
  403: {
    code: 'AUTH.FORBIDDEN',
    vi: 'Bạn không có quyền thực hiện thao tác này.',
    en: 'You are not allowed to do this.',
  },
  404: {
    code: 'REQUEST.NOT_FOUND',
    vi: 'Không tìm thấy tài nguyên được yêu cầu.',
    en: 'The requested resource does not exist.',
  },
  405: { code: 'REQUEST.METHOD_NOT_ALLOWED', vi: 'Phương thức không được hỗ trợ.', en: 'Method not allowed.' },
  503: {
    code: 'SERVICE.UNAVAILABLE',
    vi: 'Dịch vụ tạm thời chưa sẵn sàng; vui lòng thử lại sau.',
    en: 'The service is temporarily unavailable; please try again later.',
  },
  413: { code: 'REQUEST.TOO_LARGE', vi: 'Dữ liệu gửi lên quá lớn.', en: 'The request body is too large.' },
  415: {
    code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
    vi: 'Định dạng dữ liệu không được hỗ trợ.',
    en: 'Unsupported media type.',
  },
};

const DATABASE_UNAVAILABLE = {
  code: 'SERVICE.DATABASE_UNAVAILABLE',
  vi: 'Cơ sở dữ liệu tạm thời không truy cập được; yêu cầu chưa được ghi nhận, vui lòng gửi lại sau ít giây.',
  en: 'The database is temporarily unreachable; nothing was recorded, please send the request again in a few seconds.',
};

/**
 * Maps every error leaving an HTTP handler to application/problem+json. Domain errors keep their
 * code and messages; Nest's own HTTP errors get a generic code; a database that cannot be reached
 * is a 503 with Retry-After; anything else is a 500 whose internals stay in the log, never in the response.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request & { id?: string }>();
    const res = ctx.getResponse<Response>();
    const problem = toProblemDetails(exception);
    problem.instance = req.originalUrl ?? req.url;
    if (req.id) problem.correlationId = String(req.id);
    if (problem.code === DATABASE_UNAVAILABLE.code) {
      this.logger.warn({ msg: 'database unavailable', error: (exception as Error)?.message });
      // Nothing was committed: the client may send the same request again (with its idempotency key).
      res.setHeader('Retry-After', '2');
    } else if (problem.status >= 500 && !(exception instanceof HttpException) && !(exception instanceof DomainError)) {
      this.logger.error({
        msg: 'unhandled error',
        code: problem.code,
        error: (exception as Error)?.message,
        stack: (exception as Error)?.stack,
      });
    }
    res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }
}

/** The problem-details body for any error (also used outside HTTP, e.g. for AMQP replies). */
export function toProblemDetails(exception: unknown): ProblemDetails {
  if (exception instanceof DomainError) {
    return {
      type: `urn:dvc:problem:${exception.code}`,
      title: exception.code,
      status: exception.status,
      code: exception.code,
      detail: exception.text.en,
      message: exception.text,
      ...(exception.details ? { errors: exception.details } : {}),
    };
  }
  // body-parser and multer raise http-errors (e.g. 413 entity.too.large) before Nest's routing.
  const httpError = exception as { expose?: boolean; status?: number };
  if (
    !(exception instanceof HttpException) &&
    httpError?.expose === true &&
    typeof httpError.status === 'number' &&
    httpError.status < 500
  ) {
    return toProblemDetails(new HttpException(String((exception as Error).message), httpError.status));
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const generic = GENERIC[status] ?? {
      code: `HTTP.${status}`,
      vi: 'Yêu cầu không thể xử lý.',
      en: exception.message,
    };
    const body = exception.getResponse();
    return {
      type: `urn:dvc:problem:${generic.code}`,
      title: generic.code,
      status,
      code: generic.code,
      detail: generic.en,
      message: { vi: generic.vi, en: generic.en },
      // Health checks (terminus) explain which dependency is down.
      ...(status === 503 && typeof body === 'object' && body !== null && 'info' in body ? { checks: body } : {}),
    };
  }
  // A restart or fail-over of PostgreSQL is temporary: 503 tells clients and load balancers to retry.
  if (isDatabaseUnavailable(exception)) {
    return {
      type: `urn:dvc:problem:${DATABASE_UNAVAILABLE.code}`,
      title: DATABASE_UNAVAILABLE.code,
      status: HttpStatus.SERVICE_UNAVAILABLE,
      code: DATABASE_UNAVAILABLE.code,
      detail: DATABASE_UNAVAILABLE.en,
      message: { vi: DATABASE_UNAVAILABLE.vi, en: DATABASE_UNAVAILABLE.en },
    };
  }
  return {
    type: 'urn:dvc:problem:INTERNAL.ERROR',
    title: 'INTERNAL.ERROR',
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    code: 'INTERNAL.ERROR',
    detail: 'An unexpected error occurred; it has been logged. Please try again later.',
    message: {
      vi: 'Đã xảy ra lỗi ngoài dự kiến; lỗi đã được ghi lại. Vui lòng thử lại sau.',
      en: 'An unexpected error occurred; it has been logged. Please try again later.',
    },
  };
}
