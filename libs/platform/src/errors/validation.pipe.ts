import { ValidationError, ValidationPipe } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DomainError } from './domain-error';

function collect(errors: ValidationError[], prefix = ''): { field: string; problems: string[] }[] {
  return errors.flatMap((e) => {
    const field = `${prefix}${e.property}`;
    const own = e.constraints ? [{ field, problems: Object.values(e.constraints) }] : [];
    return [...own, ...collect(e.children ?? [], `${field}.`)];
  });
}

const OPTIONS = { whitelist: true, forbidNonWhitelisted: true } as const;

/** The 400 every invalid input gets: each offending field, with its messages. */
export function validationFailed(errors: ValidationError[]): DomainError {
  const fields = collect(errors);
  return new DomainError(
    'REQUEST.VALIDATION_FAILED',
    {
      vi: `Dữ liệu gửi lên chưa hợp lệ ở ${fields.length} trường: ${fields.map((f) => f.field).join(', ')}. Vui lòng sửa và gửi lại.`,
      en: `The request has ${fields.length} invalid field(s): ${fields.map((f) => f.field).join(', ')}. Please correct them and resend.`,
    },
    { status: 400, retryable: false, details: { fields } },
  );
}

/** The same rules as the pipe, for input that arrives another way (a multipart JSON field, a message). */
export async function validateInput<T extends object>(cls: new () => T, plain: unknown): Promise<T> {
  const instance = plainToInstance(cls, plain ?? {});
  const errors = await validate(instance, OPTIONS);
  if (errors.length) throw validationFailed(errors);
  return instance;
}

/**
 * class-validator on every request body, query and param. Unknown properties are refused (a
 * misspelt field must not be silently dropped), and the answer lists every bad field at once.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({ ...OPTIONS, transform: true, exceptionFactory: validationFailed });
}
