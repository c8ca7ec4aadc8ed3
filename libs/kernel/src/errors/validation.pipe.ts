import { ValidationError, ValidationPipe } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DomainError } from './domain-error';
import { fieldProblems } from './field-problems';

const OPTIONS = { whitelist: true, forbidNonWhitelisted: true } as const;

/** The 400 every invalid input gets: one entry per broken rule, each on its field. */
export function validationFailed(errors: ValidationError[]): DomainError {
  const fields = fieldProblems(errors);
  const names = [...new Set(fields.map((f) => f.field))];
  return new DomainError(
    'REQUEST.VALIDATION_FAILED',
    {
      vi: `Dữ liệu gửi lên chưa hợp lệ ở ${names.length} trường: ${names.join(', ')}. Vui lòng sửa và gửi lại.`,
      en: `The request has ${names.length} invalid field(s): ${names.join(', ')}. Please correct them and resend.`,
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
