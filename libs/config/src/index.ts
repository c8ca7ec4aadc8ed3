export { loadConfig, ConfigError } from './load-config';
export { ServiceConfig } from './service.config';
export { CsvNumbers, EnvBoolean } from './transforms';
