import { ConfigError, loadConfig } from '@dvc/config';
import { IntakeConfig } from './intake.config';

describe('IntakeConfig storage settings', () => {
  it('keeps attachments on the local disk by default', () => {
    expect(loadConfig(IntakeConfig, {})).toMatchObject({ STORAGE_DRIVER: 'local', ATTACHMENTS_DIR: 'var/attachments' });
  });

  it('stops the boot when STORAGE_DRIVER=s3 names no bucket, saying what is missing', () => {
    const boot = () =>
      loadConfig(IntakeConfig, { STORAGE_DRIVER: 's3', S3_ACCESS_KEY_ID: 'k', S3_SECRET_ACCESS_KEY: 's' });
    expect(boot).toThrow(ConfigError);
    expect(boot).toThrow('S3_BUCKET: S3_BUCKET is required when STORAGE_DRIVER=s3');
  });
});
