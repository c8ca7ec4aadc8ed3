import { DomainError, type FieldProblem } from '@dvc/kernel';

export class ResultError extends DomainError {}

/** What is wrong with one uploaded result file (one entry of errors.fields[]). */
export const ResultProblems = {
  empty: (field: string, name: string): FieldProblem => ({
    field,
    code: 'RESULT.FILE_EMPTY',
    vi: `Tệp "${name}" rỗng.`,
    en: `File "${name}" is empty.`,
  }),
  typeNotAllowed: (field: string, name: string, allowed: readonly string[]): FieldProblem => ({
    field,
    code: 'RESULT.FILE_TYPE_NOT_ALLOWED',
    vi: `Tệp kết quả "${name}" không đúng loại cho phép (${allowed.join(', ')}).`,
    en: `Result file "${name}" is not an allowed type (${allowed.join(', ')}).`,
  }),
  contentMismatch: (field: string, name: string): FieldProblem => ({
    field,
    code: 'RESULT.FILE_CONTENT_MISMATCH',
    vi: `Nội dung tệp "${name}" không khớp với phần mở rộng của tên tệp.`,
    en: `The content of "${name}" does not match its extension.`,
  }),
  encrypted: (field: string, name: string): FieldProblem => ({
    field,
    code: 'RESULT.FILE_ENCRYPTED',
    vi: `Tệp PDF "${name}" được mã hóa hoặc đặt mật khẩu; không thể ký số. Vui lòng gửi bản không mã hóa.`,
    en: `PDF "${name}" is encrypted or password-protected and cannot be signed. Please send it unencrypted.`,
  }),
  unreadablePdf: (field: string, name: string): FieldProblem => ({
    field,
    code: 'RESULT.FILE_UNREADABLE',
    vi: `Không đọc được tệp PDF "${name}" để đóng dấu và ký số.`,
    en: `PDF "${name}" could not be read to stamp and sign it.`,
  }),
};

export const ResultErrors = {
  invalidFiles: (problems: FieldProblem[]) =>
    new ResultError(
      'RESULT.FILES_INVALID',
      {
        vi: `Tệp kết quả chưa hợp lệ: ${problems.map((p) => p.vi).join(' ')}`,
        en: `Result files are not valid: ${problems.map((p) => p.en).join(' ')}`,
      },
      { status: 422, details: { fields: problems } },
    ),
  /** issue_result without a file: a result is the issued file itself, not a name and a hash. */
  fileRequired: () =>
    new ResultError(
      'RESULT.FILE_REQUIRED',
      {
        vi: 'Trả kết quả cần tệp kết quả: gửi các tệp trong trường "files" (multipart) hoặc "fileIds" của tệp đã tải lên trước. Danh sách "documents" (tên và sha256) không còn được chấp nhận.',
        en: 'Issuing a result needs its files: send them as multipart "files" parts, or "fileIds" of files uploaded ahead. A "documents" list (name and sha256) is no longer accepted.',
      },
      {
        status: 400,
        details: {
          fields: [
            {
              field: 'files',
              code: 'RESULT.FILE_REQUIRED',
              vi: 'Cần ít nhất một tệp kết quả.',
              en: 'At least one result file is needed.',
            },
          ],
        },
      },
    ),
  /** fileIds that are not uploads of this case still waiting for an issue (unknown, expired, already issued). */
  unknownUploads: (ids: string[]) =>
    new ResultError(
      'RESULT.UPLOAD_NOT_FOUND',
      {
        vi: `Không tìm thấy tệp đã tải lên của hồ sơ này (hoặc tệp đã hết hạn hay đã dùng): ${ids.join(', ')}.`,
        en: `No upload of this case waits under these ids (unknown, expired or already issued): ${ids.join(', ')}.`,
      },
      { status: 422, details: { fileIds: ids } },
    ),
  fileNotFound: (dossierCode: string) =>
    new ResultError(
      'RESULT.FILE_NOT_FOUND',
      {
        vi: `Hồ sơ ${dossierCode} không có tệp kết quả này.`,
        en: `Dossier ${dossierCode} has no such result file.`,
      },
      { status: 404 },
    ),
};
