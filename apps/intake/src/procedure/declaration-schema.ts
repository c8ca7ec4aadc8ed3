import Ajv2020, { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { FieldProblem } from '@dvc/kernel';

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const compiled = new Map<string, ValidateFunction>();

/** Compiles once per procedure version; the catalog holds few schemas and they never change. */
function validatorFor(cacheKey: string, schema: Record<string, unknown>): ValidateFunction {
  let v = compiled.get(cacheKey);
  if (!v) compiled.set(cacheKey, (v = ajv.compile(schema)));
  return v;
}

/** For the admin API: is this a JSON Schema ajv can use? Returns the problem, or undefined. */
export function schemaProblem(schema: unknown): string | undefined {
  try {
    if (typeof schema !== 'object' || schema === null) return 'declarationSchema must be a JSON Schema object';
    new Ajv2020({ allErrors: true, strict: false }).compile(schema as Record<string, unknown>);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

function describe(e: ErrorObject): Omit<FieldProblem, 'field'> {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return { code: 'DECLARATION.REQUIRED', vi: 'Thông tin bắt buộc, chưa được khai.', en: 'Required, but missing.' };
    case 'additionalProperties':
      return { code: 'DECLARATION.UNKNOWN_FIELD', vi: 'Trường này không có trong tờ khai.', en: 'This field is not part of the form.' };
    case 'type':
      return { code: 'DECLARATION.WRONG_TYPE', vi: `Sai kiểu dữ liệu (cần ${String(p.type)}).`, en: `Wrong type (expected ${String(p.type)}).` };
    case 'minLength':
      return { code: 'DECLARATION.TOO_SHORT', vi: `Cần ít nhất ${String(p.limit)} ký tự.`, en: `Needs at least ${String(p.limit)} characters.` };
    case 'maxLength':
      return { code: 'DECLARATION.TOO_LONG', vi: `Tối đa ${String(p.limit)} ký tự.`, en: `At most ${String(p.limit)} characters.` };
    case 'minimum':
    case 'exclusiveMinimum':
      return { code: 'DECLARATION.TOO_SMALL', vi: `Giá trị phải ${e.keyword === 'minimum' ? 'từ' : 'lớn hơn'} ${String(p.limit)}.`, en: `Must be ${e.keyword === 'minimum' ? 'at least' : 'more than'} ${String(p.limit)}.` };
    case 'maximum':
    case 'exclusiveMaximum':
      return { code: 'DECLARATION.TOO_LARGE', vi: `Giá trị phải ${e.keyword === 'maximum' ? 'không quá' : 'nhỏ hơn'} ${String(p.limit)}.`, en: `Must be ${e.keyword === 'maximum' ? 'at most' : 'less than'} ${String(p.limit)}.` };
    case 'minItems':
      return { code: 'DECLARATION.TOO_FEW_ITEMS', vi: `Cần ít nhất ${String(p.limit)} mục.`, en: `Needs at least ${String(p.limit)} item(s).` };
    case 'maxItems':
      return { code: 'DECLARATION.TOO_MANY_ITEMS', vi: `Tối đa ${String(p.limit)} mục.`, en: `At most ${String(p.limit)} item(s).` };
    case 'format':
      return { code: 'DECLARATION.BAD_FORMAT', vi: `Sai định dạng (${String(p.format)}).`, en: `Wrong format (${String(p.format)}).` };
    case 'enum':
      return { code: 'DECLARATION.NOT_ALLOWED', vi: 'Giá trị không nằm trong danh sách cho phép.', en: 'Not one of the allowed values.' };
    case 'pattern':
      return { code: 'DECLARATION.BAD_FORMAT', vi: 'Sai định dạng.', en: 'Wrong format.' };
    default:
      return { code: 'DECLARATION.INVALID', vi: 'Giá trị không hợp lệ.', en: e.message ?? 'Invalid value.' };
  }
}

/** Validates a declaration against its procedure's form; one problem per offending field. */
export function validateDeclaration(cacheKey: string, schema: Record<string, unknown>, data: unknown): FieldProblem[] {
  const validate = validatorFor(cacheKey, schema);
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e) => {
    const p = e.params as Record<string, unknown>;
    const segments = e.instancePath.split('/').filter(Boolean).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (e.keyword === 'required') segments.push(String(p.missingProperty));
    if (e.keyword === 'additionalProperties') segments.push(String(p.additionalProperty));
    return { field: ['declaration', ...segments].join('.'), ...describe(e) };
  });
}
