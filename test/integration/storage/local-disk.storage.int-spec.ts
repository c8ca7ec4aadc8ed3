import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { LocalDiskStorage } from '@dvc/storage';
import { type ContractSubject, objectStorageContract } from './object-storage.contract';

describe('LocalDiskStorage (the ObjectStorage contract, on a real directory)', () => {
  let root: string;
  let subject: ContractSubject;

  beforeAll(async () => {
    root = await fs.mkdtemp(join(tmpdir(), 'dvc-storage-contract-'));
    subject = {
      storage: new LocalDiskStorage(root),
      allKeys: async () =>
        (await fs.readdir(root, { recursive: true, withFileTypes: true }))
          .filter((e) => e.isFile())
          .map((e) => relative(root, join(e.parentPath, e.name)))
          .sort(),
    };
  });

  afterAll(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  objectStorageContract(() => subject);
});
