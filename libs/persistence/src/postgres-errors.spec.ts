import { isDatabaseUnavailable } from './postgres-errors';

describe('isDatabaseUnavailable', () => {
  it.each([
    [
      'a restart (57P01)',
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
    ],
    ['a server starting up (57P03)', Object.assign(new Error('the database system is starting up'), { code: '57P03' })],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a pool that cannot connect in time', new Error('timeout exceeded when trying to connect')],
    ['a client closed under the query', new Error('Client was closed and is not queryable')],
    ['a connection lost mid-query', new Error('Connection terminated unexpectedly')],
    [
      'a transaction whose connection TypeORM released when the server dropped it',
      Object.assign(
        new Error(
          'Database connection provided by a query runner was already released, cannot continue to use its querying methods anymore.',
        ),
        { name: 'QueryRunnerProviderAlreadyReleasedError' },
      ),
    ],
    [
      'a wrapped driver error',
      Object.assign(new Error('query failed'), { driverError: Object.assign(new Error('x'), { code: '08006' }) }),
    ],
  ])('recognises %s (retry without counting it against the message)', (_what, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  it.each([
    [
      'a unique violation',
      Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }),
    ],
    ['a syntax error', Object.assign(new Error('syntax error at or near "SELEC"'), { code: '42601' })],
    [
      'a statement cancelled at its statement timeout (57014): the message counts it as an attempt',
      Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }),
    ],
    [
      'a statement timeout wrapped by TypeORM',
      Object.assign(new Error('canceling statement due to statement timeout'), {
        code: '57014',
        driverError: Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }),
      }),
    ],
    ['a programming error', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['not an error', 'boom'],
  ])('does not excuse %s', (_what, err) => {
    expect(isDatabaseUnavailable(err)).toBe(false);
  });
});
