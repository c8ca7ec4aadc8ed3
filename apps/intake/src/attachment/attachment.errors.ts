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
  // An officer must be able to open what was filed, and processing to read it: a password-protected
  // PDF is neither, so it is refused at the door like a disguised file.
  encryptedPdf: (field: string, filename: string): AttachmentProblem => ({
    field,
    code: 'ATTACHMENT.PDF_ENCRYPTED',
    vi: `Tệp "${filename}" là PDF có mật khẩu hoặc bị mã hóa. Vui lòng tải lên bản không đặt mật khẩu, không mã hóa.`,
    en: `"${filename}" is a password-protected or encrypted PDF. Please upload a copy without a password or encryption.`,
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
