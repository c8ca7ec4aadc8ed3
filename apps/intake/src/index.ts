// intake's public entry: what tests, benchmarks and tools may use. Nothing inside the app imports it.
export { INTAKE_SCHEMA, intakeModule, loadIntakeConfig } from './app.module';
export { IntakeConfig } from './config/intake.config';
export { INTAKE_MIGRATIONS } from './database/migrations';
export { HousekeepingService } from './housekeeping/housekeeping.service';
export { LocalDiskStorage } from './attachment/storage/local-disk.storage';
