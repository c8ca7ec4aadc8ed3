import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsNotEmpty, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { EnvBoolean, ServiceConfig } from '@dvc/config';
import { WithObjectStorage } from '@dvc/storage';
import { LOCAL_ANSWER_KEY } from '../idempotency/answer-key.config';

/**
 * intake's environment. Defaults suit the local set-up (infra/postgres/init.sql). STORAGE_DRIVER and
 * S3_* come from WithObjectStorage (@dvc/storage), shared with processing.
 */
export class IntakeConfig extends WithObjectStorage(ServiceConfig) {
  override PORT = 3001;
  override DATABASE_URL = 'postgres://dvc_intake:dvc_intake@127.0.0.1:5432/dvc';

  /** The Department's agency code, the first part of every dossier code. */
  @IsString()
  @IsNotEmpty()
  @Matches(/^[0-9A-Z.]+$/, { message: 'AGENCY_CODE may hold only digits, capitals and dots' })
  AGENCY_CODE = '000.00.12.H30';

  /** Where attachments are stored when STORAGE_DRIVER=local (with s3: the bucket S3_BUCKET). */
  @IsString()
  @IsNotEmpty()
  ATTACHMENTS_DIR = 'var/attachments';

  /** Largest attachment accepted, in bytes. */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(100 * 1024 * 1024)
  ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

  /** Most files in one request. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  ATTACHMENT_MAX_FILES = 10;

  /**
   * Wrong guesses (secret or ID number) against one dossier in LOOKUP_WINDOW_MINUTES after which
   * further wrong guesses there answer 429; 4x that from one client, after which that client's ID
   * numbers are no longer checked. The right lookup secret is always answered (ADR 0011).
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  LOOKUP_MAX_FAILURES = 5;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1440)
  LOOKUP_WINDOW_MINUTES = 15;

  /** Hours intake keeps idempotency answers and files uploaded ahead but never attached. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(24 * 365)
  RETENTION_HOURS = 24;

  /**
   * Seals the stored idempotent answers, which hold the lookup secret (AES-256-GCM; ADR 0011). The
   * default is for a local platform only. Changing it makes answers stored under the old one
   * unreadable: rotate when no portal still retries (RETENTION_HOURS after the last submission).
   */
  @IsString()
  @MinLength(32, { message: 'IDEMPOTENCY_ANSWER_KEY must be at least 32 characters' })
  IDEMPOTENCY_ANSWER_KEY = LOCAL_ANSWER_KEY;

  /** processing's base URL: the citizen's results and slips are streamed from its internal file endpoint. */
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'PROCESSING_URL must be an http(s) URL' })
  PROCESSING_URL = 'http://127.0.0.1:3002';

  /**
   * Shared with processing: signs and checks the short-lived tokens of GET /internal/files/:sha256
   * (ADR 0010). The default is for a local platform only.
   */
  @IsString()
  @MinLength(32, { message: 'INTERNAL_FILES_SECRET must be at least 32 characters' })
  INTERNAL_FILES_SECRET = 'local-only-internal-files-secret-0001';

  /** Take portal submissions from the AMQP submissions queue too. */
  @EnvBoolean()
  @IsBoolean()
  SUBMISSION_QUEUE_ENABLED = true;
}
