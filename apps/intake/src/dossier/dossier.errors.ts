import { DomainError, type FieldProblem } from '@dvc/kernel';

export class DossierError extends DomainError {}

/** 429 for wrong guesses; the Retry-After header (seconds) comes from `retryAfterSeconds` (RetryAfterInterceptor). */
export class LookupThrottledError extends DossierError {
  constructor(readonly retryAfterSeconds: number) {
    const minutes = Math.ceil(retryAfterSeconds / 60);
    super(
      'DOSSIER.LOOKUP_THROTTLED',
      {
        vi: `Nhập sai quá nhiều lần. Vui lòng thử lại sau ${minutes} phút, hoặc dùng mã tra cứu nhận khi nộp hồ sơ.`,
        en: `Too many wrong attempts. Please try again in ${minutes} minute(s), or use the lookup secret given at submission.`,
      },
      { status: 429, details: { retryAfterSeconds } },
    );
  }
}

export const DossierErrors = {
  notFound: () =>
    // The same answer for an unknown code and a wrong secret: codes cannot be probed.
    new DossierError(
      'DOSSIER.NOT_FOUND',
      {
        vi: 'Không tìm thấy hồ sơ với mã và mã tra cứu đã nhập.',
        en: 'No dossier matches this code and lookup secret.',
      },
      { status: 404 },
    ),
  secretRequired: () =>
    new DossierError(
      'DOSSIER.LOOKUP_SECRET_REQUIRED',
      {
        vi: 'Cần mã tra cứu (header X-Lookup-Secret) hoặc số giấy tờ của người nộp (header X-Applicant-Id).',
        en: "A lookup secret (X-Lookup-Secret header) or the applicant's ID number (X-Applicant-Id header) is required.",
      },
      { status: 401 },
    ),
  tooManyAttempts: (retryAfterSeconds: number) => new LookupThrottledError(retryAfterSeconds),
  procedureNotFound: (code: string) =>
    new DossierError(
      'PROCEDURE.NOT_FOUND',
      {
        vi: `Không có thủ tục mã ${code}. Vui lòng kiểm tra lại mã thủ tục.`,
        en: `There is no procedure with code ${code}. Please check the procedure code.`,
      },
      {
        status: 422,
        details: {
          fields: [
            {
              field: 'procedureCode',
              code: 'PROCEDURE.NOT_FOUND',
              vi: `Không có thủ tục mã ${code}.`,
              en: `No procedure ${code}.`,
            },
          ],
        },
      },
    ),
  notOnline: (code: string, level: number) =>
    new DossierError(
      'PROCEDURE.NOT_ONLINE',
      {
        vi: `Thủ tục ${code} là dịch vụ công mức độ ${level}: chưa nhận hồ sơ trực tuyến. Vui lòng nộp hồ sơ giấy trực tiếp tại Bộ phận Một cửa của Sở Tài chính hoặc gửi qua dịch vụ bưu chính công ích; biểu mẫu và thành phần hồ sơ xem tại GET /v1/procedures/${code}.`,
        en: `Procedure ${code} is a level ${level} service and cannot be filed online. Please file it on paper at the Department of Finance's one-stop desk or send it by public postal service; forms and required documents are at GET /v1/procedures/${code}.`,
      },
      {
        status: 422,
        details: {
          level,
          paperFiling: { where: 'Bộ phận Một cửa, Sở Tài chính', byPost: true, procedure: `/v1/procedures/${code}` },
        },
      },
    ),
  invalid: (problems: FieldProblem[]) =>
    new DossierError(
      'DOSSIER.INVALID',
      {
        vi: `Hồ sơ chưa hợp lệ ở ${problems.length} chỗ: ${problems.map((p) => `${p.field}: ${p.vi}`).join(' ')}`,
        en: `The dossier has ${problems.length} problem(s): ${problems.map((p) => `${p.field}: ${p.en}`).join(' ')}`,
      },
      { status: 422, details: { fields: problems } },
    ),
  cannotWithdraw: (status: string) =>
    new DossierError(
      'DOSSIER.CANNOT_WITHDRAW',
      {
        vi: `Hồ sơ đang ở trạng thái "${status}", không thể rút.`,
        en: `The dossier is "${status}" and can no longer be withdrawn.`,
      },
      { status: 409, details: { status } },
    ),
  noSuchSupplementRequest: (requestId: string) =>
    new DossierError(
      'SUPPLEMENT.REQUEST_NOT_FOUND',
      { vi: `Hồ sơ không có yêu cầu bổ sung ${requestId}.`, en: `The dossier has no supplement request ${requestId}.` },
      { status: 404 },
    ),
  alreadySupplemented: (requestId: string) =>
    new DossierError(
      'SUPPLEMENT.ALREADY_SUPPLIED',
      {
        vi: `Yêu cầu bổ sung ${requestId} đã được trả lời.`,
        en: `Supplement request ${requestId} has already been answered.`,
      },
      { status: 409 },
    ),
};

/** One problem of a submission or a supplement, named after its field; reported together in DOSSIER.INVALID. */
export const DossierProblems = {
  paymentMethodNotAllowed: (level: number, allowed: readonly string[]): FieldProblem => ({
    field: 'paymentMethod',
    code: 'DOSSIER.PAYMENT_METHOD_NOT_ALLOWED',
    vi: `Thủ tục mức độ ${level} chỉ cho phép nộp phí: ${allowed.join(', ')}.`,
    en: `A level ${level} procedure allows only these payment methods: ${allowed.join(', ')}.`,
  }),
  deliveryMethodNotAllowed: (level: number, allowed: readonly string[]): FieldProblem => ({
    field: 'deliveryMethod',
    code: 'DOSSIER.DELIVERY_METHOD_NOT_ALLOWED',
    vi: `Thủ tục mức độ ${level} chỉ cho phép nhận kết quả: ${allowed.join(', ')}.`,
    en: `A level ${level} procedure allows only these ways to receive the result: ${allowed.join(', ')}.`,
  }),
  unknownDocument: (field: string, documentCode: string): FieldProblem => ({
    field,
    code: 'ATTACHMENT.UNKNOWN_DOCUMENT',
    vi: `Thủ tục không có thành phần hồ sơ "${documentCode}".`,
    en: `The procedure has no document "${documentCode}".`,
  }),
  missingDocument: (documentCode: string, name: string): FieldProblem => ({
    field: `documents.${documentCode}`,
    code: 'ATTACHMENT.MISSING_DOCUMENT',
    vi: `Thiếu thành phần hồ sơ bắt buộc: ${name}.`,
    en: `A mandatory document is missing: ${name}.`,
  }),
  documentTypeNotAllowed: (
    field: string,
    doc: { code: string; name: string; fileTypes: readonly string[] },
  ): FieldProblem => ({
    field,
    code: 'ATTACHMENT.TYPE_NOT_ALLOWED',
    vi: `Thành phần "${doc.name}" chỉ nhận tệp ${doc.fileTypes.join(', ')}.`,
    en: `Document "${doc.code}" accepts only ${doc.fileTypes.join(', ')} files.`,
  }),
  uploadNotAvailable: (field: string): FieldProblem => ({
    field,
    code: 'ATTACHMENT.NOT_AVAILABLE',
    vi: 'Không có tệp này, hoặc tệp đã được dùng cho hồ sơ khác.',
    en: 'No such upload, or it is already attached to another dossier.',
  }),
  supplementUploadNotAvailable: (field: string): FieldProblem => ({
    field,
    code: 'ATTACHMENT.NOT_AVAILABLE',
    vi: 'Không có tệp này hoặc tệp đã được dùng.',
    en: 'No such upload, or it is already used.',
  }),
  noSupplementDocuments: (): FieldProblem => ({
    field: 'attachments',
    code: 'SUPPLEMENT.NO_DOCUMENTS',
    vi: 'Cần ít nhất một giấy tờ bổ sung.',
    en: 'At least one document is needed.',
  }),
};

/** Messages of the input checks on this module's request bodies (class-validator). */
export const DossierInputMessages = {
  phone: 'Số điện thoại gồm 9-15 chữ số. / The phone number must have 9-15 digits.',
  withdrawReason: 'Cần nêu lý do rút hồ sơ. / A reason is required.',
  applicantKind: 'kind phải là individual hoặc organisation. / kind must be individual or organisation.',
  name: 'Tên không được để trống. / The name must not be blank.',
  email: 'Email không hợp lệ. / The email address is not valid.',
  documentCode: 'documentCode là mã thành phần hồ sơ, ví dụ TP1. / documentCode is a document code such as TP1.',
  attachmentId:
    'attachmentId phải là id do POST /v1/attachments trả về. / attachmentId must be an id returned by POST /v1/attachments.',
  declaration: 'declaration phải là một đối tượng JSON. / declaration must be a JSON object.',
  deliveryAddress:
    'Cần địa chỉ nhận kết quả khi chọn nhận qua bưu chính. / deliveryAddress is required when the result is sent by post.',
};
