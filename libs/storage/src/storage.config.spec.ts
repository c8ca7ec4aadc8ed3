import { ConfigError, loadConfig, ServiceConfig } from '@dvc/config';
import { LocalDiskStorage } from './local-disk.storage';
import { S3Storage } from './s3.storage';
import { storageFromConfig, WithObjectStorage } from './storage.config';

class DemoConfig extends WithObjectStorage(ServiceConfig) {
  override PORT = 3009;
  FILES_DIR = 'var/files';
}

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(DemoConfig, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('WithObjectStorage', () => {
  it('keeps files on the local disk by default, asking nothing of S3', () => {
    const c = loadConfig(DemoConfig, {});
    expect(c).toMatchObject({ STORAGE_DRIVER: 'local', S3_BUCKET: '', S3_FORCE_PATH_STYLE: false, PORT: 3009 });
    expect(storageFromConfig(c, c.FILES_DIR)).toBeInstanceOf(LocalDiskStorage);
  });

  it('refuses at boot an s3 driver without its bucket and keys, naming each, echoing no value', () => {
    let error: unknown;
    try {
      loadConfig(DemoConfig, { STORAGE_DRIVER: 's3', S3_SECRET_ACCESS_KEY: 'very-secret-value' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'S3_BUCKET: S3_BUCKET is required when STORAGE_DRIVER=s3',
      'S3_ACCESS_KEY_ID: S3_ACCESS_KEY_ID is required when STORAGE_DRIVER=s3',
    ]);
    expect((error as Error).message).toContain('S3_BUCKET is required when STORAGE_DRIVER=s3');
    expect((error as Error).message).not.toContain('very-secret-value');
  });

  it('refuses an unknown driver and a malformed endpoint', () => {
    expect(problemsOf({ STORAGE_DRIVER: 'ftp' })).toEqual(['STORAGE_DRIVER: STORAGE_DRIVER must be one of local, s3']);
    expect(
      problemsOf({
        STORAGE_DRIVER: 's3',
        S3_ENDPOINT: 'minio:9000',
        S3_BUCKET: 'b',
        S3_ACCESS_KEY_ID: 'k',
        S3_SECRET_ACCESS_KEY: 's',
      }),
    ).toEqual(['S3_ENDPOINT: S3_ENDPOINT must be an http(s) URL or empty']);
  });

  it('builds an S3Storage from a complete s3 configuration', () => {
    const c = loadConfig(DemoConfig, {
      STORAGE_DRIVER: 's3',
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_BUCKET: 'processing-files',
      S3_ACCESS_KEY_ID: 'minio',
      S3_SECRET_ACCESS_KEY: 'minio-secret',
      S3_FORCE_PATH_STYLE: 'true',
    });
    expect(c).toMatchObject({ S3_REGION: 'us-east-1', S3_FORCE_PATH_STYLE: true });
    const storage = storageFromConfig(c, c.FILES_DIR);
    expect(storage).toBeInstanceOf(S3Storage);
    (storage as S3Storage).close();
  });
});
