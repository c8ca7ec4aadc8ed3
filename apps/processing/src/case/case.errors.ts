import { DomainError } from '@dvc/platform';

export class CaseError extends DomainError {}

export const CaseErrors = {
  notFound: (code: string) =>
    new CaseError('CASE.NOT_FOUND', { vi: `Không tìm thấy hồ sơ ${code} trong hệ thống xử lý.`, en: `No case for dossier ${code}.` }, { status: 404 }),
  /** An event about a dossier whose case is not opened yet (events may overtake each other): retry later. */
  notYetOpened: (code: string) =>
    new CaseError('CASE.NOT_YET_OPENED', { vi: `Chưa có hồ sơ ${code} trong hệ thống xử lý.`, en: `No case for ${code} yet.` }, { status: 409, retryable: true }),
  wrongState: (code: string, status: string, action: string, allowedFrom: readonly string[]) =>
    new CaseError(
      'CASE.ACTION_NOT_ALLOWED',
      { vi: `Hồ sơ ${code} đang ở trạng thái "${status}", không thể thực hiện "${action}".`, en: `Dossier ${code} is "${status}"; "${action}" is not allowed now.` },
      { status: 409, details: { status, action, allowedFrom } },
    ),
  notYourAction: (action: string, roles: readonly string[]) =>
    new CaseError(
      'CASE.ACTION_NOT_YOUR_ROLE',
      { vi: `Thao tác "${action}" chỉ dành cho: ${roles.join(', ')}.`, en: `Only ${roles.join(', ')} may take "${action}".` },
      { status: 403, details: { action, roles } },
    ),
};
