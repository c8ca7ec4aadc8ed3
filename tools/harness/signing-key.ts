import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createTestPki } from '@dvc/documents';

/**
 * A throw-away agency key for a local or test processing (it refuses to boot without one): a
 * PKCS#12 written at `path` when none is there. Never for production: the CA is made on the spot.
 */
export function ensureSigningKey(path: string, passphrase: string): { path: string; caCertPem?: string } {
  if (existsSync(path)) return { path };
  const pki = createTestPki({ passphrase, organisation: 'Sở Tài chính (thử nghiệm)' });
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, pki.p12, { mode: 0o600 });
  writeFileSync(`${path}.ca.pem`, pki.caCertPem);
  return { path, caCertPem: pki.caCertPem };
}

let testKey: { SIGNING_P12_PATH: string; SIGNING_P12_PASSPHRASE: string } | undefined;

/** One key per test process, in a temporary directory: the env a processing under test signs with. */
export function testSigningEnv(): { SIGNING_P12_PATH: string; SIGNING_P12_PASSPHRASE: string } {
  if (!testKey) {
    const path = join(mkdtempSync(join(tmpdir(), 'dvc-pki-')), 'agency.p12');
    ensureSigningKey(path, 'test-only-signing');
    testKey = { SIGNING_P12_PATH: path, SIGNING_P12_PASSPHRASE: 'test-only-signing' };
  }
  return testKey;
}
