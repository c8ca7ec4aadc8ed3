import { findInputFlaws, type InputFlaw } from '@dvc/contracts';
import { DomainError } from './domain-error';

/**
 * The 400 for input that breaks the platform's one sanitation rule (findInputFlaws in
 * @dvc/contracts): the code of the first flaw, every flaw on its field, nothing stored.
 */
export function inputRefused(flaws: InputFlaw[]): DomainError {
  const names = [...new Set(flaws.map((f) => f.field || '(body)'))];
  const forbiddenKey = flaws[0].code === 'REQUEST.FORBIDDEN_KEY';
  return new DomainError(
    flaws[0].code,
    forbiddenKey
      ? {
          vi: `Dữ liệu gửi lên có tên trường không được phép: ${names.join(', ')}.`,
          en: `The request has a key that is not allowed: ${names.join(', ')}.`,
        }
      : {
          vi: `Dữ liệu gửi lên có ký tự điều khiển không được phép ở: ${names.join(', ')}. Vui lòng sửa và gửi lại.`,
          en: `The request holds a control character that is not allowed in: ${names.join(', ')}. Please correct it and resend.`,
        },
    { status: 400, retryable: false, details: { fields: flaws } },
  );
}

/**
 * Objects already walked and found clean. The request middleware screens the parsed body and
 * query, and the validation pipe then receives the same objects as @Body() and @Query(): the
 * second walk of a large declaration would find nothing new. Only objects never changed after
 * parsing reach both; a multipart body (built by multer after the middleware) is a new object and
 * is walked by the pipe.
 */
const screened = new WeakSet<object>();

/** Throws the 400 when the value (a body, a parameter named `field`, a message) breaks the rule. */
export function screenInput(value: unknown, field = ''): void {
  const isObject = typeof value === 'object' && value !== null;
  if (isObject && screened.has(value)) return;
  const flaws = findInputFlaws(value, field);
  if (flaws.length) throw inputRefused(flaws);
  if (isObject) screened.add(value);
}
