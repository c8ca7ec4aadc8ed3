import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DomainError } from './domain-error';
import { fieldProblems } from './field-problems';
import { screenInput } from './input-screen';

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
  // Before class-transformer, which drops a `__proto__` key without a word.
  screenInput(plain);
  const instance = plainToInstance(cls, plain ?? {});
  const errors = await validate(instance, OPTIONS);
  if (errors.length) throw validationFailed(errors);
  return instance;
}

/**
 * The sanitation rule on what the handler receives (a parameter under its own name, a multipart
 * body once multer has read it, uploaded files' names), then class-validator.
 */
class ScreeningValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    screenInput(value, metadata.type === 'custom' ? '' : (metadata.data ?? ''));
    return super.transform(value, metadata);
  }
}

/**
 * class-validator on every request body, query and param, after the sanitation rule (input-screen).
 * Unknown properties are refused (a misspelt field must not be silently dropped), and the answer
 * lists every bad field at once.
 */
export function createValidationPipe(): ValidationPipe {
  return new ScreeningValidationPipe({ ...OPTIONS, transform: true, exceptionFactory: validationFailed });
}
