export { DomainError, type BilingualMessage, type DomainErrorOptions } from './errors/domain-error';
export { ProblemDetailsFilter, type ProblemDetails, PROBLEM_CONTENT_TYPE } from './errors/problem-details.filter';
export { createValidationPipe } from './errors/validation.pipe';
export { ServiceConfigModule, SERVICE_CONFIG } from './config/config.module';
export { loggingModule, CORRELATION_HEADER } from './logging/logging.module';
export { HealthModule } from './health/health.module';
export { PlatformModule, type PlatformModuleOptions } from './bootstrap/platform.module';
export { bootstrapService, exitOnBootFailure, type BootstrapOptions } from './bootstrap/bootstrap-service';
