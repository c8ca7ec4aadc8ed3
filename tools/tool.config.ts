import { IsString, Matches } from 'class-validator';

/** Settings of the local tools (bootstrap, platform runner), read through loadConfig like the apps'. */
export class ToolConfig {
  /** A superuser connection, used only to create the database, roles and schemas. */
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DB_ADMIN_URL must be a postgres:// URL' })
  DB_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

  /** The database the platform runs in. */
  @IsString()
  @Matches(/^[a-z_][a-z0-9_]*$/)
  DVC_DATABASE = 'dvc';
}
