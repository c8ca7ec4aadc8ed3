/**
 * True when a database error means "the database is unreachable or going away" rather than
 * "this statement is wrong". Consumers retry the former without counting it against the message.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { code?: string; message?: string; driverError?: unknown };
  if (e.driverError && e.driverError !== err && isDatabaseUnavailable(e.driverError)) return true;
  const code = e.code ?? '';
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN'].includes(code)) return true;
  // 08: connection exception; 57P01-57P03: admin shutdown, crash shutdown, cannot connect now.
  if (/^08/.test(code) || ['57P01', '57P02', '57P03', '53300'].includes(code)) return true;
  const msg = e.message ?? '';
  // node-postgres and TypeORM wording when the server went away mid-use or cannot be reached yet.
  // TypeORM releases a transaction's connection when the server drops it; the transaction's next
  // statement then fails with QueryRunnerProviderAlreadyReleasedError ("Database connection
  // provided by a query runner was already released"), seen when PostgreSQL restarts under a
  // request that signs a slip.
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable|terminating connection|Query runner already released|connection provided by a query runner was already released/i.test(
    msg,
  );
}
