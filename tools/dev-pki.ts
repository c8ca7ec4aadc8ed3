import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createTestPki, Pkcs12Signer, SignerConfigError } from '@dvc/documents';

export const DEV_PKI_PASSPHRASE = 'local-only-signing';
export const DEV_PKI_COMMON_NAME = 'Sở Tài chính (môi trường phát triển)';
const TWO_YEARS_MS = 2 * 365 * 24 * 3600_000;

export interface DevPki {
  caPemPath: string;
  p12Path: string;
  passphrase: string;
  /** false when the files were already there and still valid. */
  created: boolean;
}

/**
 * The local signing key: a throw-away CA (ca.pem) and the agency's certificate and key
 * (agency.p12), made once per work tree so `npm start` and the tests sign results without a real
 * certificate. Kept while valid; made anew when the certificate expired. Never for production.
 */
export function ensureDevPki(dir = 'var/pki', now: Date = new Date()): DevPki {
  const root = resolve(dir);
  const caPemPath = join(root, 'ca.pem');
  const p12Path = join(root, 'agency.p12');
  const paths = { caPemPath, p12Path, passphrase: DEV_PKI_PASSPHRASE };
  if (existsSync(caPemPath) && existsSync(p12Path) && stillValid(p12Path, now)) return { ...paths, created: false };

  const pki = createTestPki({
    commonName: DEV_PKI_COMMON_NAME,
    organisation: 'Sở Tài chính',
    passphrase: DEV_PKI_PASSPHRASE,
    notBefore: new Date(now.getTime() - 60_000),
    notAfter: new Date(now.getTime() + TWO_YEARS_MS),
  });
  mkdirSync(root, { recursive: true });
  writeFileSync(caPemPath, pki.caCertPem);
  writeFileSync(p12Path, pki.p12, { mode: 0o600 });
  return { ...paths, created: true };
}

function stillValid(p12Path: string, now: Date): boolean {
  try {
    Pkcs12Signer.fromFile(p12Path, DEV_PKI_PASSPHRASE, now);
    return true;
  } catch (err) {
    // Only an outdated certificate is replaced: any other problem is someone's own file, reported as is.
    if (err instanceof SignerConfigError && err.code === 'SIGNER.CERTIFICATE_EXPIRED') return false;
    throw err;
  }
}

if (require.main === module) {
  try {
    const pki = ensureDevPki(process.argv[2] ?? 'var/pki');
    process.stdout.write(`${pki.created ? 'created' : 'kept'} ${pki.p12Path} and ${pki.caPemPath}\n`);
  } catch (err) {
    process.stderr.write(`dev PKI failed: ${(err as Error).message}\n`);
    process.exit(1);
  }
}
