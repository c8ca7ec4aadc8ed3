import { IsNotEmpty, IsString, Matches } from 'class-validator';
import { ServiceConfig } from '@dvc/config';

/** intake's environment. Defaults suit the local set-up (infra/postgres/init.sql). */
export class IntakeConfig extends ServiceConfig {
  override PORT = 3001;
  override DATABASE_URL = 'postgres://dvc_intake:dvc_intake@127.0.0.1:5432/dvc';

  /** The Department's agency code, the first part of every dossier code. */
  @IsString() @IsNotEmpty() @Matches(/^[0-9A-Z.]+$/, { message: 'AGENCY_CODE may hold only digits, capitals and dots' })
  AGENCY_CODE = '000.00.12.H30';
}
