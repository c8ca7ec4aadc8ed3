export { DomainError, BilingualMessage, DomainErrorOptions } from './errors/domain-error';
export { ProblemDetailsFilter, ProblemDetails, PROBLEM_CONTENT_TYPE } from './errors/problem-details.filter';
export { createValidationPipe } from './errors/validation.pipe';
export { ServiceConfigModule, SERVICE_CONFIG } from './config/config.module';
export { loggingModule, CORRELATION_HEADER } from './logging/logging.module';
export { HealthModule } from './health/health.module';
export { PlatformModule, PlatformModuleOptions } from './bootstrap/platform.module';
export { bootstrapService, exitOnBootFailure, BootstrapOptions } from './bootstrap/bootstrap-service';
