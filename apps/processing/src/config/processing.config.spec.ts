import { ConfigError, loadConfig } from '@dvc/config';
import { ProcessingConfig } from './processing.config';

describe('ProcessingConfig storage settings', () => {
  it('keeps issued files on the local disk by default, in var/files', () => {
    expect(loadConfig(ProcessingConfig, {})).toMatchObject({ STORAGE_DRIVER: 'local', FILES_DIR: 'var/files' });
  });

  it('stops the boot when STORAGE_DRIVER=s3 names no bucket, saying what is missing', () => {
    const boot = () =>
      loadConfig(ProcessingConfig, { STORAGE_DRIVER: 's3', S3_ACCESS_KEY_ID: 'k', S3_SECRET_ACCESS_KEY: 's' });
    expect(boot).toThrow(ConfigError);
    expect(boot).toThrow('S3_BUCKET: S3_BUCKET is required when STORAGE_DRIVER=s3');
  });
});
