import { DomainError, type FieldProblem } from '@dvc/kernel';

export class ProcedureError extends DomainError {}

export const ProcedureErrors = {
  notFound: (code: string) =>
    new ProcedureError(
      'PROCEDURE.NOT_FOUND',
      { vi: `Không có thủ tục mã ${code}. Vui lòng kiểm tra lại mã thủ tục.`, en: `There is no procedure with code ${code}. Please check the procedure code.` },
      { status: 404 },
    ),
  versionNotFound: (code: string, version: number) =>
    new ProcedureError('PROCEDURE.VERSION_NOT_FOUND', { vi: `Thủ tục ${code} không có phiên bản ${version}.`, en: `Procedure ${code} has no version ${version}.` }, { status: 404 }),
  alreadyExists: (code: string) =>
    new ProcedureError(
      'PROCEDURE.ALREADY_EXISTS',
      { vi: `Thủ tục mã ${code} đã có; để sửa, hãy tạo phiên bản mới.`, en: `Procedure ${code} already exists; revise it with a new version instead.` },
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
