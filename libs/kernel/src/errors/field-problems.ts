import type { ValidationError } from '@nestjs/common';

/** One problem, placed on the field a portal shows it next to, in both languages, with a stable code. */
export interface FieldProblem {
  field: string;
  code: string;
  vi: string;
  en: string;
}

/** Vietnamese for class-validator's built-in rules; the English is class-validator's own message. */
const VI: Record<string, (c: Record<string, unknown> | undefined) => string> = {
  whitelistValidation: () => 'Trường này không được phép gửi lên.',
  isDefined: () => 'Thông tin bắt buộc, chưa được gửi.',
  isNotEmpty: () => 'Không được để trống.',
  isString: () => 'Phải là chuỗi ký tự.',
  isInt: () => 'Phải là số nguyên.',
  isBoolean: () => 'Phải là true hoặc false.',
  isObject: () => 'Phải là một đối tượng JSON.',
  isIn: (c) => `Giá trị không hợp lệ; chọn một trong: ${(c?.[0] as unknown[] | undefined)?.join(', ') ?? ''}.`,
  min: (c) => `Giá trị nhỏ nhất là ${String(c?.[0])}.`,
  max: (c) => `Giá trị lớn nhất là ${String(c?.[0])}.`,
  minLength: (c) => `Cần ít nhất ${String(c?.[0])} ký tự.`,
  maxLength: (c) => `Tối đa ${String(c?.[0])} ký tự.`,
  arrayMinSize: (c) => `Cần ít nhất ${String(c?.[0])} mục.`,
  arrayMaxSize: (c) => `Tối đa ${String(c?.[0])} mục.`,
  matches: () => 'Sai định dạng.',
  isEmail: () => 'Địa chỉ email không hợp lệ.',
  isUuid: () => 'Phải là một mã định danh (UUID).',
  isIso8601: () => 'Phải là ngày giờ theo ISO 8601.',
  nestedValidation: () => 'Phải là một đối tượng hợp lệ.',
};

/** SCREAMING_SNAKE of a constraint name: isIn -> FIELD.IS_IN. */
const codeOf = (constraint: string) => `FIELD.${constraint.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`;

/**
 * Flattens class-validator's tree into one problem per broken rule per field. Our own messages
 * are written "tiếng Việt / English"; built-in ones get their Vietnamese from the table above.
 */
export function fieldProblems(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = `${prefix}${e.property}`;
    const own = Object.entries(e.constraints ?? {}).map(([constraint, message]) => {
      const [vi, en] = message.includes(' / ')
        ? message.split(' / ', 2)
        : [
            VI[constraint]?.(e.contexts?.[constraint] ?? constraintArgs(e, constraint)) ?? 'Giá trị không hợp lệ.',
            message,
          ];
      return { field, code: codeOf(constraint), vi, en };
    });
    return [...own, ...fieldProblems(e.children ?? [], `${field}.`)];
  });
}

/** class-validator keeps a rule's arguments in its message only; the few templates that need them parse them back. */
function constraintArgs(e: ValidationError, constraint: string): Record<string, unknown> | undefined {
  const message = e.constraints?.[constraint] ?? '';
  if (constraint === 'isIn') {
    const list = /following values: (.*)$/.exec(message)?.[1];
    return list ? { 0: list.split(', ') } : undefined;
  }
  const n = /(-?\d+(\.\d+)?)(?!.*\d)/.exec(message)?.[1];
  return n !== undefined ? { 0: n } : undefined;
}
