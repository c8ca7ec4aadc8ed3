import { createHash } from 'node:crypto';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { FileExchangeErrors } from './file-exchange.errors';
import { FILE_TOKEN_HEADER, fileToken } from './file-token';
import { isSha256 } from './object-storage';

export interface FileExchangeClientOptions {
  /** The owner's base URL, e.g. http://127.0.0.1:3002 (processing) or http://127.0.0.1:3001 (intake). */
  baseUrl: string;
  /** INTERNAL_FILES_SECRET, the same on both services. */
  secret: string;
  /** Longest wait for the owner's answer, and then for each next piece of the body. Default 10 s. */
  timeoutMs?: number;
}

// Each request gets a fresh token; it only has to live until the owner has checked it.
const TOKEN_LIFETIME_MS = 2 * 60_000;

/**
 * Fetches a file from the service that owns it (`GET /internal/files/:sha256`, ADR 0010) and hands
 * back its bytes as a stream, without holding the file in memory. The stream is checked as bytes
 * pass: more or fewer bytes than announced, or a SHA-256 other than the one asked for, fail it with
 * FILES.DIGEST_MISMATCH. The last piece is held back until the digest is known to be right, so a
 * relay piping the stream to a person never delivers a complete wrong file: the transfer breaks off.
 */
export class FileExchangeClient {
  private readonly baseUrl: string;
  private readonly secret: string;
  private readonly timeoutMs: number;

  constructor(o: FileExchangeClientOptions) {
    this.baseUrl = o.baseUrl.replace(/\/+$/, '');
    this.secret = o.secret;
    this.timeoutMs = o.timeoutMs ?? 10_000;
  }

  /** Streams the owner's file; the stream errors (FILES.DIGEST_MISMATCH) if the bytes are not `sha256`. */
  async open(sha256: string, expect: { size?: number } = {}): Promise<{ stream: NodeJS.ReadableStream; size: number }> {
    if (!isSha256(sha256)) throw new Error('Refused sha256: expected 64 lower-case hex characters.');
    const url = `${this.baseUrl}/internal/files/${sha256}`;
    const token = fileToken(this.secret, sha256, new Date(Date.now() + TOKEN_LIFETIME_MS));

    const abort = new AbortController();
    const reader: { check?: DigestCheck } = {};
    const timer = new IdleTimer(this.timeoutMs, () => {
      // Bytes waiting for a slow reader are the reader's pace, not a stalled owner.
      if (reader.check && (reader.check.readableLength > 0 || reader.check.writableLength > 0)) timer.restart();
      else abort.abort();
    });
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { [FILE_TOKEN_HEADER]: token },
        signal: abort.signal,
        redirect: 'error',
      });
    } catch (error) {
      timer.stop();
      throw FileExchangeErrors.ownerUnavailable(url, abort.signal.aborted ? 'timed out' : describe(error));
    }

    const fail = async (error: Error): Promise<never> => {
      timer.stop();
      await response.body?.cancel().catch(() => undefined);
      throw error;
    };
    if (response.status === 404) return fail(FileExchangeErrors.notFound(sha256));
    if (response.status >= 500) return fail(FileExchangeErrors.ownerUnavailable(url, `HTTP ${response.status}`));
    if (response.status !== 200) return fail(FileExchangeErrors.ownerRefused(url, response.status));

    const length = response.headers.get('content-length');
    const size = length !== null && /^[0-9]+$/.test(length) ? Number(length) : NaN;
    if (!Number.isSafeInteger(size)) return fail(FileExchangeErrors.digestMismatch(url, 'no Content-Length'));
    if (expect.size !== undefined && expect.size !== size) {
      return fail(FileExchangeErrors.digestMismatch(url, `${size} bytes announced, ${expect.size} expected`));
    }

    const body = response.body
      ? Readable.fromWeb(response.body as unknown as WebReadableStream<Uint8Array>)
      : Readable.from([]);
    const output = new DigestCheck(url, sha256, size, timer);
    reader.check = output;
    // By hand rather than pipeline(): a broken connection should fail `checked` with an error that
    // names the owner, and a consumer that stops reading should cancel the request to the owner.
    body.on('error', (error) =>
      output.destroy(
        abort.signal.aborted ? FileExchangeErrors.ownerUnavailable(url, 'stalled') : ownerBroke(url, error),
      ),
    );
    output.on('close', () => {
      timer.stop();
      body.destroy();
    });
    body.pipe(output);
    return { stream: output, size };
  }
}

function ownerBroke(url: string, error: unknown): Error {
  return FileExchangeErrors.ownerUnavailable(url, `connection broke: ${describe(error)}`);
}

/** Counts, hashes and forwards the bytes, holding the newest chunk back until the end is verified. */
class DigestCheck extends Transform {
  private readonly hash = createHash('sha256');
  private received = 0;
  private held: Buffer | undefined;

  constructor(
    private readonly url: string,
    private readonly sha256: string,
    private readonly size: number,
    private readonly timer: IdleTimer,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.timer.restart();
    this.received += chunk.length;
    if (this.received > this.size) {
      done(FileExchangeErrors.digestMismatch(this.url, `more than the ${this.size} bytes announced`));
      return;
    }
    this.hash.update(chunk);
    if (this.held) this.push(this.held);
    this.held = chunk;
    done();
  }

  override _flush(done: TransformCallback): void {
    this.timer.stop();
    if (this.received !== this.size) {
      done(FileExchangeErrors.digestMismatch(this.url, `${this.received} of ${this.size} bytes received`));
      return;
    }
    if (this.hash.digest('hex') !== this.sha256) {
      done(FileExchangeErrors.digestMismatch(this.url, 'the SHA-256 differs'));
      return;
    }
    if (this.held) this.push(this.held);
    done();
  }
}

/** Fires `onIdle` when nothing happened for `ms`; restarted by each event of progress. */
class IdleTimer {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly ms: number,
    private readonly onIdle: () => void,
  ) {
    this.restart();
  }

  restart(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(this.onIdle, this.ms);
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}

function describe(error: unknown): string {
  // fetch() wraps the network error: its cause says what happened (ECONNREFUSED, ENOTFOUND, ...).
  const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
