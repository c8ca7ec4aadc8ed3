import { DomainError } from '@dvc/kernel';

export class ReconciliationError extends DomainError {}

export const ReconciliationErrors = {
  fileMissing: () =>
    new ReconciliationError(
      'PAYMENT.SETTLEMENT_FILE_MISSING',
      { vi: 'Thiếu tệp đối soát (trường "file").', en: 'The settlement file (field "file") is missing.' },
      { status: 400 },
    ),
  fileInvalid: (problems: string[]) =>
    new ReconciliationError(
      'PAYMENT.SETTLEMENT_FILE_INVALID',
      {
        vi: `Tệp đối soát không hợp lệ (${problems.length} lỗi): ${problems.slice(0, 5).join('; ')}.`,
        en: `The settlement file is not valid (${problems.length} problem(s)): ${problems.slice(0, 5).join('; ')}.`,
      },
      { status: 400, details: { problems } },
    ),
};
