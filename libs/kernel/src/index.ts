export { DomainError, type BilingualMessage, type DomainErrorOptions } from './errors/domain-error';
export {
  ProblemDetailsFilter,
  type ProblemDetails,
  PROBLEM_CONTENT_TYPE,
  toProblemDetails,
} from './errors/problem-details.filter';
export { createValidationPipe, validateInput, validationFailed } from './errors/validation.pipe';
export { fieldProblems, type FieldProblem } from './errors/field-problems';
export { inputRefused, screenInput } from './errors/input-screen';
export { screenRequestInput } from './errors/input-screen.middleware';
export { ServiceConfigModule, SERVICE_CONFIG } from './config/config.module';
export { loggingModule, CORRELATION_HEADER } from './logging/logging.module';
export { HealthModule } from './health/health.module';
export { PlatformModule, type PlatformModuleOptions } from './bootstrap/platform.module';
export { bootstrapService, exitOnBootFailure, type BootstrapOptions } from './bootstrap/bootstrap-service';
export { VIETNAM_UTC_OFFSET_HOURS, VIETNAM_UTC_OFFSET_MS, vietnamWallClock } from './time/vietnam-time';
