import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { createTestPki } from '@dvc/documents';
import { serviceEnv, ServiceProcess } from '../../tools/harness/service-process';
import { uniqueNamespace } from '../../tools/harness/test-env.config';

/**
 * processing signs every result and slip with the agency's key, so a key it cannot use stops it at
 * boot with the signer's message (exit 1, one "boot failed" line), before it listens or migrates:
 * the operator learns it from the deployment, not from the first result that fails to sign.
 */
describe('processing: a signing key it cannot use stops the boot (compiled service)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dvc-bad-pki-'));
  const write = (name: string, bytes: Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  };

  /** A PKCS#12 holding one PKI's key beside another PKI's certificate. */
  function mismatchedP12(passphrase: string): Buffer {
    const mine = createTestPki({ passphrase });
    const theirs = createTestPki({ passphrase });
    const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(mine.p12.toString('binary')), passphrase);
    const bagType = forge.pki.oids.pkcs8ShroudedKeyBag;
    const key = p12.getBags({ bagType })[bagType]![0].key!;
    const asn1 = forge.pkcs12.toPkcs12Asn1(key, [forge.pki.certificateFromPem(theirs.certPem)], passphrase, {
      algorithm: '3des',
    });
    return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
  }

  async function boot(env: Record<string, string>) {
    const { port, env: base } = await serviceEnv('processing', uniqueNamespace('key'), env);
    const p = new ServiceProcess('processing', port, base);
    p.start();
    const code = await p.waitExit(60000);
    if (code === 'timeout') await p.stop('SIGKILL');
    const failed = p.logs().find((l) => l.msg === 'boot failed');
    return {
      code,
      error: String(failed?.error ?? ''),
      listened: p.logs().some((l) => String(l.msg).includes('listening')),
    };
  }

  const valid = createTestPki({ passphrase: 'dung-mat-khau' });
  const cases: [string, () => Record<string, string>, RegExp][] = [
    ['missing', () => ({ SIGNING_P12_PATH: join(dir, 'khong-co.p12') }), /signing key file \(PKCS#12\) is missing/],
    [
      'expired',
      () => {
        const pki = createTestPki({
          notBefore: new Date(Date.now() - 400 * 24 * 3600_000),
          notAfter: new Date(Date.now() - 24 * 3600_000),
          passphrase: 'het-han',
        });
        return { SIGNING_P12_PATH: write('expired.p12', pki.p12), SIGNING_P12_PASSPHRASE: 'het-han' };
      },
      /expired on/,
    ],
    [
      'not matching its certificate',
      () => ({
        SIGNING_P12_PATH: write('mismatch.p12', mismatchedP12('khac-khoa')),
        SIGNING_P12_PASSPHRASE: 'khac-khoa',
      }),
      /private key matches no certificate/,
    ],
    [
      'behind a wrong passphrase',
      () => ({ SIGNING_P12_PATH: write('valid.p12', valid.p12), SIGNING_P12_PASSPHRASE: 'sai-mat-khau' }),
      /passphrase of the signing key file is wrong/,
    ],
  ];

  it.each(cases)(
    'a key %s: exit 1 with the signer’s message in both languages, never listening',
    async (_what, env, message) => {
      const { code, error, listened } = await boot(env());
      expect(code).toBe(1);
      expect(error).toMatch(message);
      // The operator reads it in Vietnamese too (SignerConfigError's message is "en / vi").
      expect(error).toMatch(/ \/ .*(khóa|chứng thư|mật khẩu)/iu);
      expect(listened).toBe(false);
    },
  );
});
