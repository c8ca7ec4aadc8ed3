import { IsIn, IsInt, IsString, Matches, Max, MaxLength, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { validateInput } from './validation.pipe';
import { DomainError } from './domain-error';

class Inner {
  @IsInt() @Max(10) n: number;
}

class Form {
  @IsIn(['a', 'b']) kind: string;
  @IsString() @MaxLength(3) name: string;
  @Matches(/^\d+$/, { message: 'Chỉ gồm chữ số. / Digits only.' }) digits: string;
  @ValidateNested() @Type(() => Inner) inner: Inner;
}

describe('validation problems', () => {
  it('gives each broken rule its field, a stable code and Vietnamese beside English', async () => {
    let err: unknown;
    try {
      await validateInput(Form, { kind: 'c', name: 'long name', digits: 'x1', inner: { n: 11 }, extra: true });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DomainError);
    const e = err as DomainError;
    expect(e.code).toBe('REQUEST.VALIDATION_FAILED');
    expect(e.status).toBe(400);
    expect(e.details?.fields).toEqual(
      expect.arrayContaining([
        {
          field: 'kind',
          code: 'FIELD.IS_IN',
          vi: 'Giá trị không hợp lệ; chọn một trong: a, b.',
          en: 'kind must be one of the following values: a, b',
        },
        {
          field: 'name',
          code: 'FIELD.MAX_LENGTH',
          vi: 'Tối đa 3 ký tự.',
          en: expect.stringContaining('name must be shorter than or equal to 3 characters'),
        },
        { field: 'digits', code: 'FIELD.MATCHES', vi: 'Chỉ gồm chữ số.', en: 'Digits only.' },
        { field: 'inner.n', code: 'FIELD.MAX', vi: 'Giá trị lớn nhất là 10.', en: 'n must not be greater than 10' },
        {
          field: 'extra',
          code: 'FIELD.WHITELIST_VALIDATION',
          vi: 'Trường này không được phép gửi lên.',
          en: 'property extra should not exist',
        },
      ]),
    );
    expect(e.text.vi).toContain('5 trường');
  });
});
