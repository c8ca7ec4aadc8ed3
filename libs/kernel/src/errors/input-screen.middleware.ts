import type { NextFunction, Request, Response } from 'express';
import { screenInput } from './input-screen';

/** The decoded segments of the URL's path, where route parameters come from. */
function pathSegments(req: Request): string[] {
  const url = req.originalUrl ?? req.url;
  const q = url.indexOf('?');
  return (q >= 0 ? url.slice(0, q) : url).split('/').map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s; // a malformed escape is the router's to refuse
    }
  });
}

/**
 * Every request's parsed JSON or urlencoded body, query string and path, screened after the body
 * parsers and before guards, interceptors and handlers: a guard or a handler reading `req` itself
 * (gateway callbacks) sees only input that passed. Route parameters are only known after routing,
 * so a flaw in the path is reported on `path`; the pipe then names the parameter for what it sees.
 */
export function screenRequestInput(req: Request, _res: Response, next: NextFunction): void {
  try {
    screenInput(
      pathSegments(req).filter((s) => s !== ''),
      'path',
    );
    screenInput(req.query);
    screenInput(req.body);
    next();
  } catch (err) {
    next(err);
  }
}
