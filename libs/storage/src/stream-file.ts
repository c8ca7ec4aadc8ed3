import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { FileExchangeErrors } from './file-exchange.errors';
import { checkFileToken } from './file-token';
import { isMissingObject, isSha256, type ObjectStorage } from './object-storage';

export interface FileHeaders {
  contentType: string;
  /** The name the person sees when saving; any Unicode (Vietnamese with diacritics). */
  filename: string;
  /** inline: shown in the browser (PDF, images); attachment (default): saved. */
  disposition?: 'inline' | 'attachment';
}

/** What became of a response once its headers were sent; errors before that reject instead. */
export interface StreamOutcome {
  /** Every byte was handed to the connection. */
  complete: boolean;
  /** Why not: the client went away (ERR_STREAM_PREMATURE_CLOSE) or the source failed mid-way. */
  error?: Error;
}

/**
 * Content-Disposition per RFC 6266: an ASCII `filename` for old clients and `filename*` in UTF-8
 * (RFC 5987/8187) with the real name, e.g. `attachment; filename="Giay phep.pdf";
 * filename*=UTF-8''Gi%E1%BA%A5y%20ph%C3%A9p.pdf`.
 */
export function contentDisposition(filename: string, disposition: 'inline' | 'attachment' = 'attachment'): string {
  // No path, no control characters: a name, never a place to save to or a header break.
  const name = filename.replace(/[\p{Cc}/\\]+/gu, '_').trim() || 'file';
  const ascii = foldToAscii(name)
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["%]/g, '_');
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}

function foldToAscii(text: string): string {
  // đ/Đ are letters of their own, not d plus a mark: NFD does not split them.
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}

function encodeRfc5987(text: string): string {
  // encodeURIComponent leaves ' ( ) * unescaped, which RFC 5987's attr-char does not allow.
  return encodeURIComponent(text).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Sends a file's bytes as a 200 with Content-Type, Content-Length, Content-Disposition, nosniff and
 * no-store (the files are personal). Used by the owner (streamStoredFile) and by a relay handing on
 * what FileExchangeClient.open returned. A failure of the source once bytes are on their way
 * destroys the response, so the client sees a broken transfer rather than a short file; a client
 * that goes away stops the source. Neither rejects: headers are out, no problem+json can follow.
 */
export async function streamFile(
  res: ServerResponse,
  source: { stream: NodeJS.ReadableStream; size: number },
  headers: FileHeaders,
): Promise<StreamOutcome> {
  res.statusCode = 200;
  res.setHeader('Content-Type', headers.contentType);
  res.setHeader('Content-Length', String(source.size));
  res.setHeader('Content-Disposition', contentDisposition(headers.filename, headers.disposition));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'private, no-store');
  try {
    await pipeline(source.stream, res);
    return { complete: true };
  } catch (error) {
    // pipeline has destroyed both sides: the source stops reading, the socket closes.
    return { complete: false, error: error as Error };
  }
}

/**
 * The owner's side of `GET /internal/files/:sha256` (and of an officer's or citizen's download of
 * the service's own file): streams what `storage` holds under `key`. Rejects with FILES.NOT_FOUND,
 * before any header is sent, when nothing is stored there; the caller has already checked that one
 * of its records refers to the file and, for the internal endpoint, the token.
 */
export async function streamStoredFile(
  res: ServerResponse,
  storage: ObjectStorage,
  key: string,
  headers: FileHeaders,
): Promise<StreamOutcome> {
  const sha256 = key.slice(key.lastIndexOf('/') + 1);
  const stat = await storage.stat(key);
  if (!stat) throw FileExchangeErrors.notFound(sha256);
  let stream: NodeJS.ReadableStream;
  try {
    stream = await storage.open(key);
  } catch (error) {
    // Removed between stat and open.
    if (isMissingObject(error)) throw FileExchangeErrors.notFound(sha256);
    throw error;
  }
  return streamFile(res, { stream, size: stat.size }, headers);
}

/** A file the owner keeps, found by one of its own records: where it is stored and how to send it. */
export interface OwnedFile extends FileHeaders {
  storageKey: string;
}

/**
 * The whole of an owner's `GET /internal/files/:sha256` (ADR 0010): the token must be for this
 * sha256 and unexpired, and `find` (the owner's own records) must know the file; only then are the
 * bytes streamed. The token is checked first, so a caller without one learns nothing, not even
 * whether such a file exists.
 */
export async function serveOwnedFile(
  res: ServerResponse,
  storage: ObjectStorage,
  request: { secret: string; sha256: string; token: string | undefined },
  find: (sha256: string) => Promise<OwnedFile | null | undefined>,
): Promise<StreamOutcome> {
  if (!checkFileToken(request.secret, request.sha256, request.token)) throw FileExchangeErrors.tokenRefused();
  const file = isSha256(request.sha256) ? await find(request.sha256) : undefined;
  if (!file) throw FileExchangeErrors.notFound(request.sha256);
  const { storageKey, ...headers } = file;
  return streamStoredFile(res, storage, storageKey, headers);
}
