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
