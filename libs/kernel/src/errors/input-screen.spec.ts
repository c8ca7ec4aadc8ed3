import type { NextFunction, Request, Response } from 'express';
import { IsString } from 'class-validator';
import { DomainError } from './domain-error';
import { screenInput } from './input-screen';
import { screenRequestInput } from './input-screen.middleware';
import { createValidationPipe, validateInput } from './validation.pipe';

class NameDto {
  @IsString() name: string;
}

const refusal = async (run: () => unknown): Promise<DomainError> => {
  try {
    await run();
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    return err as DomainError;
  }
  throw new Error('not refused');
};

describe('the sanitation rule in the HTTP and validation layer', () => {
  it('is a 400 problem with the stable code, both languages and every field', async () => {
    const err = await refusal(() => screenInput(JSON.parse('{"a":"\\u0000","b":{"c":"\\u0007"}}')));
    expect(err).toMatchObject({ code: 'REQUEST.CONTROL_CHARACTER', status: 400, retryable: false });
    expect(err.text.vi).toContain('a, b.c');
    expect(err.text.en).toContain('a, b.c');
    expect((err.details?.fields as { field: string }[]).map((f) => f.field)).toEqual(['a', 'b.c']);
    const key = await refusal(() => screenInput(JSON.parse('{"__proto__":{}}')));
    expect(key.code).toBe('REQUEST.FORBIDDEN_KEY');
  });

  it('validateInput refuses a __proto__ key that class-transformer would drop, and a NUL', async () => {
    await expect(validateInput(NameDto, { name: 'Hoa' })).resolves.toMatchObject({ name: 'Hoa' });
    const proto = await refusal(() => validateInput(NameDto, JSON.parse('{"name":"Hoa","__proto__":{"x":1}}')));
    expect(proto.code).toBe('REQUEST.FORBIDDEN_KEY');
    const nul = await refusal(() => validateInput(NameDto, { name: 'H\u0000oa' }));
    expect(nul.details?.fields).toEqual([
      expect.objectContaining({ field: 'name', code: 'REQUEST.CONTROL_CHARACTER' }),
    ]);
  });

  it('the global pipe names a parameter and screens an uploaded file object, not its bytes', async () => {
    const pipe = createValidationPipe();
    const param = await refusal(() => pipe.transform('M.QLCS.22\u0000', { type: 'param', data: 'code' }));
    expect(param.details?.fields).toEqual([expect.objectContaining({ field: 'code' })]);
    const file = { fieldname: 'file', originalname: 'tep\u0000.pdf', buffer: Buffer.from([0]) };
    const upload = await refusal(() => pipe.transform(file, { type: 'custom' }));
    expect(upload.details?.fields).toEqual([expect.objectContaining({ field: 'originalname' })]);
    await expect(pipe.transform({ ...file, originalname: 'tệp.pdf' }, { type: 'custom' })).resolves.toBeDefined();
  });

  it('the middleware screens body, query and decoded path, and passes what is clean', () => {
    const run = (req: Partial<Request>) => {
      const next = jest.fn() as jest.MockedFunction<NextFunction>;
      screenRequestInput({ originalUrl: '/v1/x', query: {}, ...req } as Request, {} as Response, next);
      return next.mock.calls[0][0] as unknown;
    };
    expect(run({ body: { name: 'Cổng tỉnh' }, query: { q: 'thanh lý' } })).toBeUndefined();
    expect(run({ body: { name: 'a\u0000' } })).toMatchObject({ code: 'REQUEST.CONTROL_CHARACTER' });
    expect(run({ query: { q: '\u0000' } })).toMatchObject({ code: 'REQUEST.CONTROL_CHARACTER' });
    expect(run({ originalUrl: '/v1/procedures/M.QLCS.22%00?x=1' })).toMatchObject({
      code: 'REQUEST.CONTROL_CHARACTER',
      details: { fields: [expect.objectContaining({ field: 'path.2' })] },
    });
    expect(run({ originalUrl: '/v1/procedures/%E0%A4%A' })).toBeUndefined(); // malformed: the router's to refuse
  });
});
