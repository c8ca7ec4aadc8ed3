import { DomainError } from '@dvc/kernel';

export class CaseError extends DomainError {}

export const CaseErrors = {
  notFound: (code: string) =>
    new CaseError(
      'CASE.NOT_FOUND',
      { vi: `Không tìm thấy hồ sơ ${code} trong hệ thống xử lý.`, en: `No case for dossier ${code}.` },
      { status: 404 },
    ),
  /** An event about a dossier whose case is not opened yet (events may overtake each other): retry later. */
  notYetOpened: (code: string) =>
    new CaseError(
      'CASE.NOT_YET_OPENED',
      { vi: `Chưa có hồ sơ ${code} trong hệ thống xử lý.`, en: `No case for ${code} yet.` },
      { status: 409, retryable: true },
    ),
  wrongState: (
    code: string,
    status: string,
    action: string,
    allowedFrom: readonly string[],
    allowedActions: readonly string[],
  ) =>
    new CaseError(
      'CASE.ACTION_NOT_ALLOWED',
      {
        vi: `Hồ sơ ${code} đang ở trạng thái "${status}", không thể thực hiện "${action}". Thao tác có thể làm lúc này: ${allowedActions.join(', ') || 'không có'}.`,
        en: `Dossier ${code} is "${status}"; "${action}" is not allowed now. Actions open to you now: ${allowedActions.join(', ') || 'none'}.`,
      },
      { status: 409, details: { status, action, allowedFrom, allowedActions } },
    ),
  invalidInput: (action: string, fields: string[]) =>
    new CaseError(
      'CASE.ACTION_INPUT_MISSING',
      { vi: `Thao tác "${action}" cần: ${fields.join(', ')}.`, en: `"${action}" needs: ${fields.join(', ')}.` },
      {
        status: 400,
        details: {
          fields: fields.map((field) => ({
            field,
            code: 'FIELD.IS_DEFINED',
            vi: 'Thông tin bắt buộc cho thao tác này.',
            en: 'Required for this action.',
          })),
        },
      },
    ),
  feeNotPaid: (code: string, amount: number) =>
    new CaseError(
      'CASE.FEE_NOT_PAID',
      {
        vi: `Hồ sơ ${code} chưa nộp phí (${amount.toLocaleString('vi-VN')} đồng); chưa thể trả kết quả.`,
        en: `The fee of dossier ${code} (${amount} VND) is not paid yet; the result cannot be handed over.`,
      },
      { status: 409, details: { amount } },
    ),
  notAtOffice: (code: string) =>
    new CaseError(
      'CASE.NOT_COLLECTED_AT_OFFICE',
      { vi: `Kết quả hồ sơ ${code} được gửi qua bưu chính.`, en: `The result of ${code} goes by post.` },
      { status: 409 },
    ),
  /** An apology must promise a later date than the one the applicant holds. */
  apologyDateNotLater: (code: string, newDueAt: string, current: Date | null) =>
    new CaseError(
      'CASE.NEW_DUE_DATE_NOT_LATER',
      {
        vi: current
          ? `Ngày hẹn trả mới của hồ sơ ${code} phải sau ngày hẹn hiện tại (${current.toISOString()}).`
          : `Hồ sơ ${code} chưa có ngày hẹn trả kết quả.`,
        en: current
          ? `The new return date of ${code} must be later than the current one (${current.toISOString()}).`
          : `Dossier ${code} has no return date yet.`,
      },
      {
        status: 422,
        details: {
          currentDueAt: current?.toISOString() ?? null,
          fields: [
            {
              field: 'newDueAt',
              code: 'FIELD.DATE_NOT_LATER',
              vi: 'Ngày hẹn trả mới phải sau ngày hẹn hiện tại.',
              en: 'Must be later than the current return date.',
              value: newDueAt,
            },
          ],
        },
      },
    ),
  unknownAction: (action: string, known: readonly string[]) =>
    new CaseError(
      'CASE.UNKNOWN_ACTION',
      { vi: `Không có thao tác "${action}".`, en: `There is no action "${action}".` },
      { status: 404, details: { known } },
    ),
  notYourAction: (action: string, roles: readonly string[]) =>
    new CaseError(
      'CASE.ACTION_NOT_YOUR_ROLE',
      {
        vi: `Thao tác "${action}" chỉ dành cho: ${roles.join(', ')}.`,
        en: `Only ${roles.join(', ')} may take "${action}".`,
      },
      { status: 403, details: { action, roles } },
    ),
};

/** Validation messages of the officers' request bodies. */
export const CaseMessages = {
  sha256: 'sha256 gồm 64 ký tự hex thường. / sha256 must be 64 lowercase hex characters.',
  fileIds:
    'fileIds là các id (UUID) của tệp kết quả đã tải lên. / fileIds must be ids (UUIDs) of uploaded result files.',
  newDueAt: 'newDueAt là ngày giờ ISO 8601. / newDueAt must be an ISO 8601 date-time.',
};
