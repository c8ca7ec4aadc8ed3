import { sleep } from '../harness/wait';

/**
 * A small fetch client for the journeys (tests, demo, chaos, load). Plain fetch, so the demo
 * runs from the build without test libraries. While services are killed and restarted (chaos),
 * a request that cannot reach its service, or gets 502/503/504, is tried again until `patienceMs`.
 */
export interface HttpAnswer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface HttpOptions {
  headers?: Record<string, string>;
  /** JSON body, a FormData for multipart, or bytes (sent as they are, with the content type given in headers). */
  body?: unknown;
  /** Keep the answer's bytes (a PDF) instead of reading it as JSON or text. */
  binary?: boolean;
  /** Keep trying while the service is unreachable or unavailable (default 60 s; 0 = one try). */
  patienceMs?: number;
}

const RETRY_STATUSES = new Set([502, 503, 504]);

export async function http<T = any>(method: string, url: string, opts: HttpOptions = {}): Promise<HttpAnswer<T>> {
  const deadline = Date.now() + (opts.patienceMs ?? 60_000);
  let wait = 100;
  for (;;) {
    try {
      const asIs = opts.body instanceof FormData || opts.body instanceof Uint8Array;
      const res = await fetch(url, {
        method,
        headers: {
          ...(opts.body !== undefined && !asIs ? { 'content-type': 'application/json' } : {}),
          ...opts.headers,
        },
        body:
          opts.body === undefined
            ? undefined
            : asIs
              ? (opts.body as NonNullable<RequestInit['body']>)
              : JSON.stringify(opts.body),
        signal: AbortSignal.timeout(15_000),
      });
      let body: unknown;
      if (opts.binary && res.ok) {
        body = Buffer.from(await res.arrayBuffer());
      } else {
        const text = await res.text();
        body = text;
        try {
          body = text ? JSON.parse(text) : null;
        } catch {
          // not JSON (an HTML page, a CSV): keep the text
        }
      }
      if (RETRY_STATUSES.has(res.status) && Date.now() < deadline) {
        await sleep(wait);
        wait = Math.min(wait * 2, 2000);
        continue;
      }
      return { status: res.status, body: body as T, headers: res.headers };
    } catch (err) {
      if (Date.now() >= deadline) throw new Error(`${method} ${url}: ${(err as Error).message}`);
      await sleep(wait);
      wait = Math.min(wait * 2, 2000);
    }
  }
}

/** Fails with the answer when the status is not the expected one. */
export function expectStatus<T>(answer: HttpAnswer<T>, expected: number | number[], what: string): HttpAnswer<T> {
  const ok = Array.isArray(expected) ? expected.includes(answer.status) : answer.status === expected;
  if (!ok)
    throw new Error(
      `${what}: expected HTTP ${String(expected)}, got ${answer.status} ${JSON.stringify(answer.body).slice(0, 500)}`,
    );
  return answer;
}
