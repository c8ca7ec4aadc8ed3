import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { SignerConfigError } from '../documents.errors';
import { Pkcs12Signer } from './pkcs12-signer';
import { onePagePdf, pdfsig, workDir } from './pdf-tools.testing';
import { createTestPki } from './test-pki';

const DAY = 24 * 3600_000;

function bootError(f: () => unknown): SignerConfigError {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(SignerConfigError);
    return err as SignerConfigError;
  }
  throw new Error('expected a SignerConfigError');
}

describe('Pkcs12Signer', () => {
  const pki = createTestPki({ commonName: 'Sở Tài chính tỉnh Thử nghiệm' });
  const signer = Pkcs12Signer.fromBytes(pki.p12, pki.passphrase);

  it('names the signer as the certificate does, Vietnamese included', () => {
    expect(signer.identity).toEqual({
      commonName: 'Sở Tài chính tỉnh Thử nghiệm',
      organisation: 'Sở Tài chính',
      serialNumber: expect.stringMatching(/^[0-9A-F]+$/),
      notAfter: expect.any(Date),
    });
  });

  it('signs a PDF that Poppler reports valid, as a PAdES (ETSI.CAdES.detached) signature of the whole document', async () => {
    const signed = await signer.signPdf(await onePagePdf(), { reason: 'Ký số kết quả', location: 'Hà Nội' });
    const { out } = pdfsig(signed, ['-nocert']);
    expect(out).toContain('Signature is Valid.');
    expect(out).toContain('Signature Type: ETSI.CAdES.detached');
    expect(out).toContain('Total document signed');
    expect(out).toContain('Signer Certificate Common Name: Sở Tài chính tỉnh Thử nghiệm');
    expect(out).toContain('Signing Hash Algorithm: SHA-256');
  });

  it('carries the signing-certificate-v2 attribute binding the signer certificate (OpenSSL reads it)', async () => {
    const signed = await signer.signPdf(await onePagePdf(), { reason: 'Kiểm tra' });
    const dir = workDir();
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, signed);
    execFileSync('pdfsig', ['-dump', file], { cwd: dir });
    const cms = execFileSync(
      'openssl',
      ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', join(dir, 'doc.pdf.sig0')],
      {
        encoding: 'utf8',
      },
    );
    expect(cms).toContain('id-smime-aa-signingCertificateV2');
    expect(cms).toContain('messageDigest');
    expect(cms).not.toContain('signingTime');
  });

  it('gives a tampered copy (one byte changed inside the signed range) an invalid signature', async () => {
    const signed = await signer.signPdf(await onePagePdf(), { reason: 'Ký số kết quả' });
    const tampered = Buffer.from(signed);
    // The page grows by one point: a change a reader would not see, inside the first signed range.
    const at = signed.indexOf('/MediaBox [ 0 0 595 842 ]');
    expect(at).toBeGreaterThan(0);
    tampered.write('6', at + '/MediaBox [ 0 0 59'.length);
    const { out } = pdfsig(tampered, ['-nocert']);
    // Poppler's word for a signature whose signed bytes changed.
    expect(out).toContain('Signature Validation: Digest Mismatch.');
    expect(out).not.toContain('Signature is Valid.');
  });

  it('leaves the question of trust to the verifier: with the CA in an NSS database Poppler trusts the signer', async () => {
    const signed = await signer.signPdf(await onePagePdf(), { reason: 'Ký số kết quả' });
    const untrusted = pdfsig(signed).out;
    expect(untrusted).toContain('Signature is Valid.');
    expect(untrusted).not.toContain('Certificate is Trusted.');

    const nss = mkdtempSync(join(tmpdir(), 'dvc-nss-'));
    writeFileSync(join(nss, 'ca.pem'), pki.caCertPem);
    execFileSync('certutil', ['-N', '-d', `sql:${nss}`, '--empty-password']);
    execFileSync('certutil', ['-A', '-d', `sql:${nss}`, '-n', 'test-ca', '-t', 'CT,C,C', '-i', join(nss, 'ca.pem')]);
    // No -no-ocsp: with it, this Poppler reports "Unknown issue" instead (the certificate has no OCSP address anyway).
    const trusted = pdfsig(signed, ['-nssdir', `sql:${nss}`]).out;
    expect(trusted).toContain('Signature is Valid.');
    expect(trusted).toContain('Certificate is Trusted.');
  });

  describe('boot checks', () => {
    it('refuses a missing file, naming the path', () => {
      const err = bootError(() => Pkcs12Signer.fromFile('/nonexistent/agency.p12', 'x'));
      expect(err.code).toBe('SIGNER.P12_MISSING');
      expect(err.text.vi).toContain('Không tìm thấy tệp khóa ký số');
      expect(err.message).toContain('/nonexistent/agency.p12');
    });

    it('refuses bytes that are no PKCS#12', () => {
      expect(bootError(() => Pkcs12Signer.fromBytes(Buffer.from('not a key'), 'x')).code).toBe('SIGNER.P12_UNREADABLE');
    });

    it('refuses a wrong passphrase', () => {
      const err = bootError(() => Pkcs12Signer.fromBytes(pki.p12, 'wrong'));
      expect(err.code).toBe('SIGNER.WRONG_PASSPHRASE');
      expect(err.message).toContain('passphrase');
      expect(err.message).toContain('Mật khẩu');
    });

    it('refuses an expired certificate and one not yet valid', () => {
      const expired = createTestPki({
        notBefore: new Date(Date.now() - 40 * DAY),
        notAfter: new Date(Date.now() - DAY),
      });
      expect(bootError(() => Pkcs12Signer.fromBytes(expired.p12, expired.passphrase)).code).toBe(
        'SIGNER.CERTIFICATE_EXPIRED',
      );
      const future = createTestPki({ notBefore: new Date(Date.now() + DAY) });
      const err = bootError(() => Pkcs12Signer.fromBytes(future.p12, future.passphrase));
      expect(err.code).toBe('SIGNER.CERTIFICATE_NOT_YET_VALID');
      expect(err.text.vi).toContain('chưa có hiệu lực');
      // The clock is a parameter: the same file is fine once its time has come.
      expect(() => Pkcs12Signer.fromBytes(future.p12, future.passphrase, new Date(Date.now() + 2 * DAY))).not.toThrow();
    });

    it('refuses a key that does not match the certificate', () => {
      const a = createTestPki();
      const b = createTestPki();
      const keyOfA = forge.pkcs12
        .pkcs12FromAsn1(forge.asn1.fromDer(a.p12.toString('binary')), a.passphrase)
        .getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag]![0].key!;
      const mixed = forge.pkcs12.toPkcs12Asn1(keyOfA, [forge.pki.certificateFromPem(b.certPem)], 'pw', {
        algorithm: '3des',
      });
      const p12 = Buffer.from(forge.asn1.toDer(mixed).getBytes(), 'binary');
      const err = bootError(() => Pkcs12Signer.fromBytes(p12, 'pw'));
      expect(err.code).toBe('SIGNER.KEY_CERTIFICATE_MISMATCH');
      expect(err.text.en).toContain('matches no certificate');
    });

    it('reads a PKCS#12 made by OpenSSL 3 with its defaults (AES-256, PBKDF2, SHA-256 MAC)', async () => {
      const dir = workDir();
      const key = forge.pkcs12
        .pkcs12FromAsn1(forge.asn1.fromDer(pki.p12.toString('binary')), pki.passphrase)
        .getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag]![0].key!;
      writeFileSync(join(dir, 'key.pem'), forge.pki.privateKeyToPem(key));
      writeFileSync(join(dir, 'cert.pem'), pki.certPem);
      writeFileSync(join(dir, 'ca.pem'), pki.caCertPem);
      execFileSync('openssl', [
        'pkcs12',
        '-export',
        '-out',
        join(dir, 'a.p12'),
        '-inkey',
        join(dir, 'key.pem'),
        '-in',
        join(dir, 'cert.pem'),
        '-certfile',
        join(dir, 'ca.pem'),
        '-passout',
        'pass:secret-from-openssl',
      ]);
      const fromOpenssl = Pkcs12Signer.fromFile(join(dir, 'a.p12'), 'secret-from-openssl');
      expect(fromOpenssl.identity.serialNumber).toBe(signer.identity.serialNumber);
      const signed = await fromOpenssl.signPdf(await onePagePdf(), { reason: 'OpenSSL' });
      expect(pdfsig(signed, ['-nocert']).out).toContain('Signature is Valid.');
    });
  });
});
