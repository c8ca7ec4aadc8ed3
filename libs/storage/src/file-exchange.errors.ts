import { DomainError } from '@dvc/kernel';

/** Errors of the internal file exchange between the services (ADR 0010). */
export class FileExchangeError extends DomainError {}

export const FileExchangeErrors = {
  /** The owner has no such file, or none of its records refers to it. */
  notFound: (sha256: string) =>
    new FileExchangeError(
      'FILES.NOT_FOUND',
      { vi: 'Không tìm thấy tệp.', en: 'The file was not found.' },
      { status: 404, retryable: false, details: { sha256 } },
    ),
  /** Owner side: the request's X-DVC-File-Token is missing, expired or not for this file. */
  tokenRefused: () =>
    new FileExchangeError(
      'FILES.TOKEN_REFUSED',
      {
        vi: 'Mã truy cập tệp nội bộ không hợp lệ hoặc đã hết hạn.',
        en: 'The internal file token is missing, expired or not for this file.',
      },
      { status: 403, retryable: false },
    ),
  /** Requester side: the bytes (or their announced size) are not those of the file asked for. */
  digestMismatch: (url: string, reason: string) =>
    new FileExchangeError(
      'FILES.DIGEST_MISMATCH',
      {
        vi: `Tệp nhận được từ ${url} không đúng với tệp đã lưu (${reason}).`,
        en: `The file received from ${url} is not the stored file (${reason}).`,
      },
      { status: 502, retryable: false, details: { url, reason } },
    ),
  /** Requester side: the owner could not be reached, timed out or failed (5xx): worth retrying later. */
  ownerUnavailable: (url: string, reason: string) =>
    new FileExchangeError(
      'FILES.OWNER_UNAVAILABLE',
      {
        vi: `Không lấy được tệp từ ${url} (${reason}). Vui lòng thử lại sau.`,
        en: `Could not fetch the file from ${url} (${reason}). Please try again later.`,
      },
      { status: 503, retryable: true, details: { url, reason } },
    ),
  /** Requester side: the owner refused us (e.g. 403: the two services' INTERNAL_FILES_SECRET differ). */
  ownerRefused: (url: string, status: number) =>
    new FileExchangeError(
      'FILES.OWNER_REFUSED',
      {
        vi: `Dịch vụ lưu tệp từ chối yêu cầu ${url} (HTTP ${status}).`,
        en: `The file owner refused ${url} (HTTP ${status}).`,
      },
      { status: 502, retryable: false, details: { url, status } },
    ),
};
