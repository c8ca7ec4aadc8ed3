import { toProblemDetails } from './problem-details.filter';

describe('toProblemDetails', () => {
  it('answers 503 (retry) when PostgreSQL is restarting or unreachable, and says nothing was recorded', () => {
    for (const err of [
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      new Error('Connection terminated unexpectedly'),
    ]) {
      expect(toProblemDetails(err)).toMatchObject({
        status: 503,
        code: 'SERVICE.DATABASE_UNAVAILABLE',
        message: {
          vi: expect.stringContaining('chưa được ghi nhận'),
          en: expect.stringContaining('nothing was recorded'),
        },
      });
    }
  });

  it('keeps any other unexpected error a 500 that reveals nothing of its cause', () => {
    const problem = toProblemDetails(new Error('relation "intake.secret_table" does not exist'));
    expect(problem).toMatchObject({ status: 500, code: 'INTERNAL.ERROR' });
    expect(JSON.stringify(problem)).not.toContain('secret_table');
  });
});
