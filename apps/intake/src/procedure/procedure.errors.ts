import type { ErrorObject } from 'ajv/dist/2020';
import { DomainError, type FieldProblem } from '@dvc/kernel';

export class ProcedureError extends DomainError {}

export const ProcedureErrors = {
  notFound: (code: string) =>
    new ProcedureError(
      'PROCEDURE.NOT_FOUND',
      {
        vi: `Không có thủ tục mã ${code}. Vui lòng kiểm tra lại mã thủ tục.`,
        en: `There is no procedure with code ${code}. Please check the procedure code.`,
      },
      { status: 404 },
    ),
  versionNotFound: (code: string, version: number) =>
    new ProcedureError(
      'PROCEDURE.VERSION_NOT_FOUND',
      { vi: `Thủ tục ${code} không có phiên bản ${version}.`, en: `Procedure ${code} has no version ${version}.` },
      { status: 404 },
    ),
  alreadyExists: (code: string) =>
    new ProcedureError(
      'PROCEDURE.ALREADY_EXISTS',
      {
        vi: `Thủ tục mã ${code} đã có; để sửa, hãy tạo phiên bản mới.`,
        en: `Procedure ${code} already exists; revise it with a new version instead.`,
      },
      { status: 409 },
    ),
  invalidDefinition: (problems: FieldProblem[]) =>
    new ProcedureError(
      'PROCEDURE.INVALID_DEFINITION',
      {
        vi: `Định nghĩa thủ tục chưa hợp lệ: ${problems.map((p) => p.field).join(', ')}.`,
        en: `The procedure definition is not valid: ${problems.map((p) => p.field).join(', ')}.`,
      },
      { status: 422, details: { fields: problems } },
    ),
};

/** Problems of a procedure definition, one per field, reported together. */
export const ProcedureProblems = {
  formRequired: (): FieldProblem => ({
    field: 'declarationSchema',
    code: 'PROCEDURE.FORM_REQUIRED',
    vi: 'Thủ tục mức độ 3-4 cần có tờ khai (JSON Schema).',
    en: 'A level 3-4 procedure needs its declaration form.',
  }),
  formInvalid: (problem: string): FieldProblem => ({
    field: 'declarationSchema',
    code: 'PROCEDURE.FORM_INVALID',
    vi: `Tờ khai không phải JSON Schema hợp lệ: ${problem}`,
    en: `The form is not a valid JSON Schema: ${problem}`,
  }),
  quantityField: (index: number): FieldProblem => ({
    field: `fees.${index}.quantityField`,
    code: 'PROCEDURE.QUANTITY_FIELD',
    vi: 'Phí theo số lượng cần một trường số nguyên bắt buộc trong tờ khai.',
    en: 'A per_item fee needs a required integer property of the declaration form.',
  }),
  duplicateDocument: (): FieldProblem => ({
    field: 'requiredDocuments',
    code: 'PROCEDURE.DUPLICATE_DOCUMENT',
    vi: 'Mã thành phần hồ sơ bị trùng.',
    en: 'Document codes must be unique.',
  }),
};

/** What the applicant reads for one declaration field that breaks its procedure's form (an ajv error). */
export function declarationProblem(e: ErrorObject): Omit<FieldProblem, 'field'> {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return { code: 'DECLARATION.REQUIRED', vi: 'Thông tin bắt buộc, chưa được khai.', en: 'Required, but missing.' };
    case 'additionalProperties':
      return {
        code: 'DECLARATION.UNKNOWN_FIELD',
        vi: 'Trường này không có trong tờ khai.',
        en: 'This field is not part of the form.',
      };
    case 'type':
      return {
        code: 'DECLARATION.WRONG_TYPE',
        vi: `Sai kiểu dữ liệu (cần ${String(p.type)}).`,
        en: `Wrong type (expected ${String(p.type)}).`,
      };
    case 'minLength':
      return {
        code: 'DECLARATION.TOO_SHORT',
        vi: `Cần ít nhất ${String(p.limit)} ký tự.`,
        en: `Needs at least ${String(p.limit)} characters.`,
      };
    case 'maxLength':
      return {
        code: 'DECLARATION.TOO_LONG',
        vi: `Tối đa ${String(p.limit)} ký tự.`,
        en: `At most ${String(p.limit)} characters.`,
      };
    case 'minimum':
    case 'exclusiveMinimum':
      return {
        code: 'DECLARATION.TOO_SMALL',
        vi: `Giá trị phải ${e.keyword === 'minimum' ? 'từ' : 'lớn hơn'} ${String(p.limit)}.`,
        en: `Must be ${e.keyword === 'minimum' ? 'at least' : 'more than'} ${String(p.limit)}.`,
      };
    case 'maximum':
    case 'exclusiveMaximum':
      return {
        code: 'DECLARATION.TOO_LARGE',
        vi: `Giá trị phải ${e.keyword === 'maximum' ? 'không quá' : 'nhỏ hơn'} ${String(p.limit)}.`,
        en: `Must be ${e.keyword === 'maximum' ? 'at most' : 'less than'} ${String(p.limit)}.`,
      };
    case 'minItems':
      return {
        code: 'DECLARATION.TOO_FEW_ITEMS',
        vi: `Cần ít nhất ${String(p.limit)} mục.`,
        en: `Needs at least ${String(p.limit)} item(s).`,
      };
    case 'maxItems':
      return {
        code: 'DECLARATION.TOO_MANY_ITEMS',
        vi: `Tối đa ${String(p.limit)} mục.`,
        en: `At most ${String(p.limit)} item(s).`,
      };
    case 'format':
      return {
        code: 'DECLARATION.BAD_FORMAT',
        vi: `Sai định dạng (${String(p.format)}).`,
        en: `Wrong format (${String(p.format)}).`,
      };
    case 'enum':
      return {
        code: 'DECLARATION.NOT_ALLOWED',
        vi: 'Giá trị không nằm trong danh sách cho phép.',
        en: 'Not one of the allowed values.',
      };
    case 'pattern':
      return { code: 'DECLARATION.BAD_FORMAT', vi: 'Sai định dạng.', en: 'Wrong format.' };
    default:
      return { code: 'DECLARATION.INVALID', vi: 'Giá trị không hợp lệ.', en: e.message ?? 'Invalid value.' };
  }
}

/** Messages of the input checks on this module's request bodies (class-validator). */
export const ProcedureInputMessages = {
  documentCode: 'code: 1-20 capitals, digits or _',
  procedureCode: 'code: digits, capitals and dots, e.g. 1.005426',
};
