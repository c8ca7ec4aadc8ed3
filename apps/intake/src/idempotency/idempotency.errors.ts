import { DomainError } from '@dvc/kernel';

export class IdempotencyError extends DomainError {}

export const IdempotencyErrors = {
  missing: () =>
    new IdempotencyError(
      'IDEMPOTENCY.KEY_MISSING',
      {
        vi: 'Thiếu header Idempotency-Key: mỗi lần nộp hồ sơ cần một khóa duy nhất để gửi lại an toàn khi mất kết nối.',
        en: 'The Idempotency-Key header is missing: every submission needs a unique key so it can be resent safely.',
      },
      { status: 400 },
    ),
  malformed: () =>
    new IdempotencyError(
      'IDEMPOTENCY.KEY_MALFORMED',
      {
        vi: 'Idempotency-Key gồm 8-200 ký tự chữ, số, "-", "_", ":" hoặc ".".',
        en: 'Idempotency-Key must be 8-200 letters, digits, "-", "_", ":" or ".".',
      },
      { status: 400 },
    ),
  reused: () =>
    new IdempotencyError(
      'IDEMPOTENCY.KEY_REUSED',
      {
        vi: 'Khóa Idempotency-Key này đã được dùng cho một yêu cầu khác. Hãy dùng khóa mới cho hồ sơ mới.',
        en: 'This Idempotency-Key was already used for a different request. Use a new key for a new dossier.',
      },
      { status: 422 },
    ),
  inFlight: () =>
    new IdempotencyError(
      'IDEMPOTENCY.IN_FLIGHT',
      {
        vi: 'Yêu cầu với khóa này đang được xử lý. Vui lòng thử lại sau vài giây.',
        en: 'A request with this key is still being processed. Please retry in a few seconds.',
      },
      { status: 409 },
    ),
};
