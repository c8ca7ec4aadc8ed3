export { serviceDataSourceOptions, type ServiceDataSourceInput } from './data-source-options';
export { runMigrationsLocked, assertTestDatabase } from './run-migrations';
export { isDatabaseUnavailable } from './postgres-errors';
export { isUuid, numberOrNull } from './column-values';
