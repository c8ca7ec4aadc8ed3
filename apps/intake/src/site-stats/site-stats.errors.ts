import { DomainError } from '@dvc/kernel';

export class SiteStatsError extends DomainError {}

export const SiteStatsErrors = {
  tooMany: () =>
    new SiteStatsError(
      'SITE_STATS.TOO_MANY_BEACONS',
      { vi: 'Quá nhiều lượt báo truy cập; vui lòng gửi chậm lại.', en: 'Too many visit beacons; please slow down.' },
      { status: 429 },
    ),
  tooLarge: () =>
    new SiteStatsError(
      'REQUEST.TOO_LARGE',
      { vi: 'Dữ liệu gửi lên quá lớn.', en: 'The request body is too large.' },
      { status: 413 },
    ),
  notJson: () =>
    new SiteStatsError(
      'REQUEST.BAD',
      { vi: 'Nội dung không phải JSON hợp lệ.', en: 'The body is not valid JSON.' },
      { status: 400 },
    ),
};

/** Messages of the input checks on this module's request bodies (class-validator). */
export const SiteStatsInputMessages = {
  sessionId: 'sessionId: 8-64 chữ, số, "-" hoặc "_". / sessionId: 8-64 letters, digits, "-" or "_".',
};
