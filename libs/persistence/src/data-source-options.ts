import { DataSourceOptions, MixedList } from 'typeorm';

export interface ServiceDataSourceInput {
  url: string;
  /** The service's own schema; its role owns it and has no rights elsewhere. */
  schema: string;
  poolSize: number;
  applicationName: string;
  /**
   * PostgreSQL's statement_timeout for every connection of the pool, in ms (0 or absent: none).
   * A statement stuck behind a lock then ends with 57014 instead of holding a request and its
   * connection forever. Migrations lift it on their own connection (runMigrationsLocked).
   */
  statementTimeoutMs?: number;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
}

/**
 * TypeORM options shared by every service. Schema changes only ever come from migrations
 * (synchronize is off, tests included); each schema keeps its own migrations table.
 */
export function serviceDataSourceOptions(input: ServiceDataSourceInput): DataSourceOptions {
  return {
    type: 'postgres',
    url: input.url,
    schema: input.schema,
    entities: input.entities,
    migrations: input.migrations,
    migrationsTableName: `${input.schema}_migrations`,
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    // Errors reach the caller and are logged there as JSON; TypeORM's console logger would not be.
    logging: false,
    extra: {
      max: input.poolSize,
      application_name: input.applicationName,
      // A dead server must not hang a request forever; the pool reconnects on the next query.
      connectionTimeoutMillis: 5000,
      ...(input.statementTimeoutMs ? { statement_timeout: input.statementTimeoutMs } : {}),
      // Unqualified names resolve to the service's schema only.
      options: `-c search_path=${input.schema}`,
    },
  };
}
