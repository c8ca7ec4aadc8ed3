// intake's public entry: what tests, benchmarks and tools may use. Nothing inside the app imports it.
export { INTAKE_SCHEMA, intakeModule, loadIntakeConfig } from './app.module';
export { IntakeConfig } from './config/intake.config';
export { INTAKE_MIGRATIONS } from './database/migrations';
export { HousekeepingService } from './housekeeping/housekeeping.service';
export { AttachmentService } from './attachment/attachment.service';
export { AttachmentRepository, type Attachment } from './attachment/attachment.repository';
export { DossierRepository, type Dossier } from './dossier/dossier.repository';
export { IdempotencyRepository } from './idempotency/idempotency.repository';
export { IdempotencyService } from './idempotency/idempotency.service';
export { ProcedureRepository, type ProcedureVersion } from './procedure/procedure.repository';
