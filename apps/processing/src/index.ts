// processing's public entry: what tests, benchmarks and tools may use. Nothing inside the app imports it.
export { loadProcessingConfig, PROCESSING_SCHEMA, processingModule } from './app.module';
export { ProcessingConfig } from './config/processing.config';
export { PROCESSING_MIGRATIONS } from './database/migrations';
export { PUBLISHED_YEAR_OVERRIDES } from './calendar/vietnam-holidays';
export { WorkingCalendar } from './calendar/working-calendar';
export { CaseRepository } from './case/case.repository';
export type { CaseRecord, CaseTransitionRecord, NewCase } from './case/case.record';
export { ResultRepository } from './case/results/result.repository';
export type { ResultFileRecord, ResultUploadRecord } from './case/results/result.record';
export { SlipRepository } from './case/slips/slip.repository';
export type { SlipRecord } from './case/slips/slip.record';
export { FilingRepository } from './case/filing/filing.repository';
export { AccessLogRepository } from './case/access-log/access-log.repository';
export { StatsRepository } from './stats/stats.repository';
