import { DomainError, type FieldProblem } from '@dvc/kernel';

export class AttachmentError extends DomainError {}

export type AttachmentProblem = FieldProblem;

export const AttachmentProblems = {
  typeNotAllowed: (field: string, filename: string, allowed: readonly string[]): AttachmentProblem => ({
    field,
    code: 'ATTACHMENT.TYPE_NOT_ALLOWED',
    vi: `Tệp "${filename}" không đúng loại cho phép (${allowed.join(', ')}).`,
    en: `File "${filename}" is not an allowed type (${allowed.join(', ')}).`,
  }),
  contentMismatch: (field: string, filename: string): AttachmentProblem => ({
    field,
    code: 'ATTACHMENT.CONTENT_MISMATCH',
    vi: `Nội dung tệp "${filename}" không khớp với phần mở rộng của tên tệp.`,
    en: `The content of "${filename}" does not match its extension.`,
  }),
  empty: (field: string, filename: string): AttachmentProblem => ({
    field,
    code: 'ATTACHMENT.EMPTY',
    vi: `Tệp "${filename}" rỗng.`,
    en: `File "${filename}" is empty.`,
  }),
};

export const AttachmentErrors = {
  invalid: (problems: AttachmentProblem[]) =>
    new AttachmentError(
      'ATTACHMENT.INVALID',
      {
        vi: `Tệp đính kèm chưa hợp lệ: ${problems.map((p) => p.vi).join(' ')}`,
        en: `Attachments are not valid: ${problems.map((p) => p.en).join(' ')}`,
      },
      { status: 422, details: { fields: problems } },
    ),
  none: () =>
    new AttachmentError(
      'ATTACHMENT.NONE',
      { vi: 'Chưa có tệp nào được gửi lên (trường "file").', en: 'No file was uploaded (field "file").' },
      { status: 400 },
    ),
};
