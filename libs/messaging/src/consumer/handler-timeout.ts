import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { HANDLER_TIMEOUT_CODE } from './delivery-policy';

/** The defaults of BUS_HANDLER_TIMEOUT_MS and DATABASE_STATEMENT_TIMEOUT_MS (libs/config). */
export const DEFAULT_HANDLER_TIMEOUT_MS = 30_000;
export const DEFAULT_STATEMENT_TIMEOUT_MS = 15_000;

/**
 * A handler that had not finished after its timeout. Retryable (a lock or a slow partner may be
 * gone next time), so the delivery policy retries it through the tiers and parks it at the end
 * with HANDLER.TIMEOUT instead of HANDLER.RETRIES_EXHAUSTED: the human at the parking queue
 * learns it hung rather than threw.
 */
export class HandlerTimeoutError extends Error {
  readonly code = HANDLER_TIMEOUT_CODE;
  readonly retryable = true;
  constructor(readonly timeoutMs: number) {
    super(`the handler had not finished after ${timeoutMs} ms and was given up`);
    this.name = 'HandlerTimeoutError';
  }
}

/**
 * Resolves or rejects as `work` does, or rejects with HandlerTimeoutError after `timeoutMs`
 * (`onTimeout` runs first, e.g. to end the handler's transaction). `work` keeps running: a
 * promise cannot be stopped, so whatever it does afterwards must find its transaction gone.
 */
export function withHandlerTimeout<T>(work: Promise<T>, timeoutMs: number, onTimeout?: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      onTimeout?.();
      reject(new HandlerTimeoutError(timeoutMs));
    }, timeoutMs);
    work.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}

export interface BoundedTransactionOptions {
  /** SET LOCAL statement_timeout of the transaction, in ms (0: none). */
  statementTimeoutMs: number;
}

/**
 * One transaction on a connection of its own, with its statement timeout, that can be given up
 * from outside: `abandon()` ends the PostgreSQL session (pg_terminate_backend, from another
 * connection of the pool), which rolls the transaction back, frees its locks (inbox rows
 * included, so the retried copy is not blocked by them) and ends a statement it waits on, even
 * one stuck behind a lock or in pg_sleep; the connection leaves the pool. Statements the
 * abandoned handler runs afterwards fail (the query runner is released), and so does its commit.
 */
export class BoundedTransaction {
  private pid?: number;
  private abandoned = false;

  private constructor(
    private readonly dataSource: DataSource,
    private readonly runner: QueryRunner,
  ) {}

  static async begin(dataSource: DataSource, o: BoundedTransactionOptions): Promise<BoundedTransaction> {
    const runner = dataSource.createQueryRunner();
    try {
      await runner.connect();
      await runner.startTransaction();
      // One round trip: the session to end if the handler hangs, and the transaction's timeout.
      const [row] = (await runner.query(
        `SELECT pg_backend_pid() AS pid, set_config('statement_timeout', $1, true) AS statement_timeout`,
        [`${Math.max(0, Math.floor(o.statementTimeoutMs))}ms`],
      )) as { pid: number }[];
      const tx = new BoundedTransaction(dataSource, runner);
      tx.pid = row.pid;
      return tx;
    } catch (err) {
      await runner.rollbackTransaction().catch(() => undefined);
      await runner.release().catch(() => undefined);
      throw err;
    }
  }

  get manager(): EntityManager {
    return this.runner.manager;
  }

  get isAbandoned(): boolean {
    return this.abandoned;
  }

  async commit(): Promise<void> {
    if (this.abandoned) throw new Error('the transaction was abandoned after a handler timeout');
    try {
      await this.runner.commitTransaction();
    } finally {
      await this.runner.release().catch(() => undefined);
    }
  }

  async rollback(): Promise<void> {
    if (this.abandoned) return;
    try {
      if (this.runner.isTransactionActive) await this.runner.rollbackTransaction();
    } catch {
      // The connection broke: PostgreSQL rolled the transaction back itself.
    } finally {
      await this.runner.release().catch(() => undefined);
    }
  }

  /** Ends the session under a hung handler; resolves once it is gone (or could not be reached). */
  async abandon(): Promise<void> {
    if (this.abandoned) return;
    this.abandoned = true;
    const pg = this.runner as QueryRunner & {
      databaseConnection?: { on?: (event: 'error', fn: () => void) => void };
      releasePostgresConnection?: (err?: Error) => Promise<void>;
    };
    // The session's end reaches the client as an 'error' event, maybe after the pool forgot the
    // client: without a listener of its own, that event would bring the process down.
    pg.databaseConnection?.on?.('error', () => undefined);
    try {
      await this.dataSource.query('SELECT pg_terminate_backend($1)', [this.pid]);
    } catch {
      // No other connection to be had (pool exhausted, database down). Dropping the socket below
      // still ends an idle transaction at once; a statement in progress ends at its timeout.
    }
    // Out of the pool for good: the client is destroyed rather than handed to the next request.
    if (pg.releasePostgresConnection) await pg.releasePostgresConnection(new Error('abandoned')).catch(() => undefined);
    else await this.runner.release().catch(() => undefined);
  }
}
