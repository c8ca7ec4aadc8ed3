import { IsBoolean, IsIn, IsNotEmpty, IsString, Matches, ValidateIf } from 'class-validator';
import { EnvBoolean } from '@dvc/config';
import { LocalDiskStorage } from './local-disk.storage';
import type { ObjectStorage } from './object-storage';
import { S3Storage } from './s3.storage';

export const STORAGE_DRIVERS = ['local', 's3'] as const;
export type StorageDriver = (typeof STORAGE_DRIVERS)[number];

/** The storage part of a service's config (see WithObjectStorage); names are the environment variables. */
export interface StorageSettings {
  STORAGE_DRIVER: StorageDriver;
  S3_ENDPOINT: string;
  S3_REGION: string;
  S3_BUCKET: string;
  S3_ACCESS_KEY_ID: string;
  S3_SECRET_ACCESS_KEY: string;
  S3_FORCE_PATH_STYLE: boolean;
}

type ConfigClass = abstract new (...args: any[]) => object;

const whenS3 = ValidateIf((c: StorageSettings) => c.STORAGE_DRIVER === 's3');
const requiredForS3 = (name: string) => IsNotEmpty({ message: `${name} is required when STORAGE_DRIVER=s3` });

/**
 * Adds the object storage settings to a service's config class, so that intake and processing
 * declare them once: `class IntakeConfig extends WithObjectStorage(ServiceConfig)`. The S3 settings
 * are checked only when STORAGE_DRIVER=s3; the local directory stays the app's own setting
 * (ATTACHMENTS_DIR, FILES_DIR), passed to storageFromConfig.
 */
export function WithObjectStorage<TBase extends ConfigClass>(Base: TBase) {
  abstract class WithObjectStorageConfig extends Base implements StorageSettings {
    /** local: a directory (the app's *_DIR); s3: the service's own bucket (S3_*). */
    @IsIn(STORAGE_DRIVERS, { message: `STORAGE_DRIVER must be one of ${STORAGE_DRIVERS.join(', ')}` })
    STORAGE_DRIVER: StorageDriver = 'local';

    /** Empty: AWS's endpoint for S3_REGION. Set for MinIO, Ceph or another S3-compatible server. */
    @whenS3
    @Matches(/^(https?:\/\/\S+)?$/, { message: 'S3_ENDPOINT must be an http(s) URL or empty' })
    S3_ENDPOINT = '';

    @whenS3
    @IsString()
    @requiredForS3('S3_REGION')
    S3_REGION = 'us-east-1';

    @whenS3
    @IsString()
    @requiredForS3('S3_BUCKET')
    S3_BUCKET = '';

    @whenS3
    @IsString()
    @requiredForS3('S3_ACCESS_KEY_ID')
    S3_ACCESS_KEY_ID = '';

    @whenS3
    @IsString()
    @requiredForS3('S3_SECRET_ACCESS_KEY')
    S3_SECRET_ACCESS_KEY = '';

    /** true: http://host/bucket/key, what MinIO and most local servers need; false: AWS's bucket.host. */
    @EnvBoolean()
    @IsBoolean()
    S3_FORCE_PATH_STYLE = false;
  }
  return WithObjectStorageConfig;
}

/** The storage a validated config asks for; `localDir` is the app's directory for the local driver. */
export function storageFromConfig(c: StorageSettings, localDir: string): ObjectStorage {
  switch (c.STORAGE_DRIVER) {
    case 'local':
      return new LocalDiskStorage(localDir);
    case 's3':
      return new S3Storage({
        endpoint: c.S3_ENDPOINT || undefined,
        region: c.S3_REGION,
        bucket: c.S3_BUCKET,
        accessKeyId: c.S3_ACCESS_KEY_ID,
        secretAccessKey: c.S3_SECRET_ACCESS_KEY,
        forcePathStyle: c.S3_FORCE_PATH_STYLE,
      });
  }
}
