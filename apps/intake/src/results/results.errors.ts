import { DomainError } from '@dvc/kernel';
import { CITIZEN_SLIP_KINDS } from '@dvc/contracts';

export class ResultError extends DomainError {}

/**
 * The citizen's downloads and the public verification. A refusal never names a file or its size:
 * the dossier's credentials are checked first (DOSSIER.NOT_FOUND for a wrong secret), and what
 * follows only says that nothing of that id or kind is there.
 */
export const ResultErrors = {
  resultNotFound: () =>
    new ResultError(
      'RESULT.NOT_FOUND',
      {
        vi: 'Hồ sơ không có tệp kết quả với mã này. Danh sách kết quả: GET /v1/dossiers/{mã hồ sơ}/results.',
        en: 'The dossier has no result file with this id. The list of results: GET /v1/dossiers/{code}/results.',
      },
      { status: 404 },
    ),
  unknownSlipKind: () =>
    new ResultError(
      'SLIP.UNKNOWN_KIND',
      {
        vi: `Loại phiếu không hợp lệ. Các loại phiếu: ${CITIZEN_SLIP_KINDS.join(', ')}.`,
        en: `Unknown kind of slip. The kinds are: ${CITIZEN_SLIP_KINDS.join(', ')}.`,
      },
      { status: 404, details: { kinds: [...CITIZEN_SLIP_KINDS] } },
    ),
  slipNotIssued: () =>
    new ResultError(
      'SLIP.NOT_ISSUED',
      {
        vi: 'Hồ sơ chưa có phiếu loại này.',
        en: 'No slip of this kind has been issued for the dossier yet.',
      },
      { status: 404 },
    ),
  processingUnavailable: () =>
    new ResultError(
      'RESULT.FILE_UNAVAILABLE',
      {
        vi: 'Tạm thời chưa lấy được tệp từ hệ thống xử lý hồ sơ. Vui lòng thử lại sau ít phút.',
        en: 'The file cannot be fetched from the processing system right now. Please try again in a few minutes.',
      },
      { status: 503, retryable: true },
    ),
  fileDamaged: () =>
    new ResultError(
      'RESULT.FILE_DAMAGED',
      {
        vi: 'Tệp lưu trữ không khớp với tệp đã cấp nên không được gửi. Vui lòng liên hệ Bộ phận Một cửa.',
        en: 'The stored file does not match the file issued, so it was not sent. Please contact the one-stop desk.',
      },
      { status: 502, retryable: false },
    ),
  verificationCodeNotFound: () =>
    new ResultError(
      'VERIFY.CODE_NOT_FOUND',
      {
        vi: 'Không có kết quả nào được cấp với mã xác thực này. Vui lòng kiểm tra lại mã in trên kết quả (dạng XXXX-XXXX-XXXX-XXXX).',
        en: 'No result was issued with this verification code. Please check the code printed on the result (XXXX-XXXX-XXXX-XXXX).',
      },
      { status: 404 },
    ),
  verifyNoFile: () =>
    new ResultError(
      'VERIFY.NO_FILE',
      {
        vi: 'Cần gửi tệp PDF cần xác thực (thân yêu cầu application/pdf, hoặc trường "file" của multipart).',
        en: 'Send the PDF to verify (an application/pdf body, or the multipart field "file").',
      },
      { status: 400 },
    ),
  verifyNotPdf: () =>
    new ResultError(
      'VERIFY.NOT_A_PDF',
      { vi: 'Tệp gửi lên không phải là tệp PDF đọc được.', en: 'The file sent is not a readable PDF.' },
      { status: 422 },
    ),
  verifyTooLarge: (maxBytes: number) =>
    new ResultError(
      'VERIFY.TOO_LARGE',
      {
        vi: `Tệp cần xác thực không được lớn hơn ${Math.floor(maxBytes / 1024 / 1024)} MB.`,
        en: `The file to verify must not be larger than ${Math.floor(maxBytes / 1024 / 1024)} MB.`,
      },
      { status: 413, details: { maxBytes } },
    ),
};
