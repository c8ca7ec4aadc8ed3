import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { ServiceConfig } from '@dvc/config';
import { WithObjectStorage } from '@dvc/storage';

/**
 * processing's environment. Defaults suit the local set-up (infra/postgres/init.sql). STORAGE_DRIVER
 * and S3_* come from WithObjectStorage (@dvc/storage), shared with intake.
 */
export class ProcessingConfig extends WithObjectStorage(ServiceConfig) {
  override PORT = 3002;
  override DATABASE_URL = 'postgres://dvc_processing:dvc_processing@127.0.0.1:5432/dvc';

  /** Where issued result files and slips are stored when STORAGE_DRIVER=local (with s3: S3_BUCKET). */
  @IsString()
  @IsNotEmpty()
  FILES_DIR = 'var/files';

  /** The agency's certificate and key (PKCS#12) that sign results and slips; checked at boot. */
  @IsString()
  @IsNotEmpty()
  SIGNING_P12_PATH = 'var/pki/agency.p12';

  @IsString()
  SIGNING_P12_PASSPHRASE = 'local-only-signing';

  /** The citizens' tracking page; a receipt's QR code points there with `?code=<dossier code>`. */
  @Matches(/^https?:\/\/\S+$/, { message: 'PUBLIC_TRACKING_URL must be an http(s) URL' })
  PUBLIC_TRACKING_URL = 'http://127.0.0.1:3000/tra-cuu';

  /** The public verification endpoint; a result's QR code is `<PUBLIC_VERIFY_URL>/<verification code>`. */
  @Matches(/^https?:\/\/\S+$/, { message: 'PUBLIC_VERIFY_URL must be an http(s) URL' })
  PUBLIC_VERIFY_URL = 'http://127.0.0.1:3001/v1/results/verify';

  /** Shared with intake: signs the short-lived tokens of GET /internal/files/:sha256 (ADR 0010). */
  @IsString()
  @MinLength(32, { message: 'INTERNAL_FILES_SECRET must be at least 32 characters' })
  INTERNAL_FILES_SECRET = 'local-only-internal-files-secret-0001';

  /** intake's base URL: the documents an applicant filed are streamed to officers from its internal file endpoint. */
  @Matches(/^https?:\/\/\S+$/, { message: 'INTAKE_URL must be an http(s) URL' })
  INTAKE_URL = 'http://127.0.0.1:3001';

  /** Largest result file accepted, in bytes. */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(100 * 1024 * 1024)
  RESULT_MAX_BYTES = 20 * 1024 * 1024;

  /** Most result files in one request. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  RESULT_MAX_FILES = 10;

  /** Hours a result file uploaded ahead (POST /v1/cases/:code/result-files) waits for its issue_result. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(24 * 365)
  RESULT_UPLOAD_RETENTION_HOURS = 24;
}
