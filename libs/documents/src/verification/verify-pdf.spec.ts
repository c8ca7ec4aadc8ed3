import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pkcs12Signer } from '../signing/pkcs12-signer';
import { onePagePdf, pdfsig, workDir } from '../signing/pdf-tools.testing';
import { createTestPki } from '../signing/test-pki';
import { isEncryptedPdf } from './encrypted-pdf';
import { verifyPdf } from './verify-pdf';

describe('verifyPdf', () => {
  const pki = createTestPki({ commonName: 'Sở Tài chính tỉnh Thử nghiệm' });
  const signer = Pkcs12Signer.fromBytes(pki.p12, pki.passphrase);
  // /M has whole seconds; the certificate is valid from a minute ago.
  const signedAt = new Date(Math.floor(Date.now() / 1000) * 1000);
  let signed: Buffer;

  beforeAll(async () => {
    signed = await signer.signPdf(await onePagePdf(), { reason: 'Ký số kết quả', signedAt });
  });

  it('reports a signed result intact, validly signed over the whole file, by whom and when', async () => {
    const v = await verifyPdf(signed, { caCertificatesPem: [pki.caCertPem] });
    expect(v.signed).toBe(true);
    expect(v.signatures).toEqual([
      {
        intact: true,
        validSignature: true,
        coversWholeDocument: true,
        signer: {
          commonName: 'Sở Tài chính tỉnh Thử nghiệm',
          organisation: 'Sở Tài chính',
          serialNumber: signer.identity.serialNumber,
          notAfter: signer.identity.notAfter,
          issuer: 'CN=CA thử nghiệm của Sở Tài chính (không dùng thật), O=Sở Tài chính',
        },
        signedAt,
        chainTrusted: true,
      },
    ]);
  });

  it('says nothing of trust without CAs, and no trust for a CA that did not issue the certificate', async () => {
    expect((await verifyPdf(signed)).signatures[0]).not.toHaveProperty('chainTrusted');
    const other = createTestPki();
    expect((await verifyPdf(signed, { caCertificatesPem: [other.caCertPem] })).signatures[0].chainTrusted).toBe(false);
  });

  it('finds a tampered copy not intact (the digest no longer matches), as pdfsig does', async () => {
    const tampered = Buffer.from(signed);
    const at = signed.indexOf('/MediaBox [ 0 0 595 842 ]') + '/MediaBox [ 0 0 59'.length;
    tampered.write('6', at);
    const [s] = (await verifyPdf(tampered)).signatures;
    expect(s.intact).toBe(false);
    expect(s.signer.commonName).toBe('Sở Tài chính tỉnh Thử nghiệm');
    expect(s.coversWholeDocument).toBe(true);
    expect(pdfsig(tampered, ['-nocert']).out).toContain('Digest Mismatch');
  });

  it('finds a forged signature value invalid', async () => {
    const forged = Buffer.from(signed);
    // The RSA signature is the last non-zero run of /Contents: flip a byte in it.
    const contentsStart = signed.indexOf('/Contents <') + '/Contents <'.length;
    const hexEnd = signed.indexOf('>', contentsStart);
    const hex = signed
      .subarray(contentsStart, hexEnd)
      .toString('latin1')
      .replace(/(00)+$/, '');
    const pos = contentsStart + hex.length - 10;
    forged.write(forged[pos] === 0x30 ? '1' : '0', pos);
    const [s] = (await verifyPdf(forged)).signatures;
    expect(s.validSignature).toBe(false);
    expect(s.intact).toBe(true);
  });

  it('sees bytes appended after signing (an incremental update) as not covering the whole document', async () => {
    const appended = Buffer.concat([signed, Buffer.from('\n% appended after signing\n')]);
    const [s] = (await verifyPdf(appended)).signatures;
    expect(s).toMatchObject({ intact: true, validSignature: true, coversWholeDocument: false });
  });

  it('checks a signature made by a signer nobody here wrote (Poppler with NSS, adbe.pkcs7.detached)', async () => {
    const dir = workDir();
    const nss = `sql:${dir}`;
    writeFileSync(join(dir, 'agency.p12'), pki.p12);
    writeFileSync(join(dir, 'plain.pdf'), await onePagePdf());
    execFileSync('certutil', ['-N', '-d', nss, '--empty-password']);
    execFileSync('pk12util', ['-i', join(dir, 'agency.p12'), '-d', nss, '-W', pki.passphrase, '-K', '']);
    // NSS names the imported key after the PKCS#12's friendly name.
    const nick = 'agency';
    const out = join(dir, 'poppler.pdf');
    execFileSync('pdfsig', [
      '-nssdir',
      nss,
      '-add-signature',
      '-nick',
      nick,
      '-reason',
      'Poppler',
      join(dir, 'plain.pdf'),
      out,
    ]);
    const v = await verifyPdf(readFileSync(out), { caCertificatesPem: [pki.caCertPem] });
    expect(v.signatures).toEqual([
      expect.objectContaining({
        intact: true,
        validSignature: true,
        coversWholeDocument: true,
        chainTrusted: true,
        signer: expect.objectContaining({ commonName: 'Sở Tài chính tỉnh Thử nghiệm' }),
        signedAt: expect.any(Date),
      }),
    ]);
  });

  it('reports an unsigned PDF as unsigned', async () => {
    expect(await verifyPdf(await onePagePdf())).toEqual({ signed: false, signatures: [] });
  });
});

describe('isEncryptedPdf', () => {
  it('recognises a PDF encrypted by qpdf (AES-256 and RC4-128, with and without object streams)', async () => {
    const dir = workDir();
    writeFileSync(join(dir, 'plain.pdf'), await onePagePdf());
    const variants = [
      ['256', '--object-streams=generate'],
      ['256', '--object-streams=disable'],
      ['128', '--object-streams=disable', '--allow-weak-crypto'],
    ];
    for (const [bits, ...flags] of variants) {
      const out = join(dir, `enc-${bits}${flags.join('')}.pdf`);
      execFileSync('qpdf', ['--encrypt', 'user-pw', 'owner-pw', bits, '--', ...flags, join(dir, 'plain.pdf'), out]);
      expect(isEncryptedPdf(readFileSync(out))).toBe(true);
    }
    // Owner password only (opens without asking, still encrypted: copying and printing may be restricted).
    const ownerOnly = join(dir, 'owner-only.pdf');
    execFileSync('qpdf', ['--encrypt', '', 'owner-pw', '256', '--print=none', '--', join(dir, 'plain.pdf'), ownerOnly]);
    expect(isEncryptedPdf(readFileSync(ownerOnly))).toBe(true);
  });

  it('does not take a plain or a signed PDF for an encrypted one, nor the word in a content stream', async () => {
    const plain = await onePagePdf();
    expect(isEncryptedPdf(plain)).toBe(false);
    const pki = createTestPki();
    expect(isEncryptedPdf(await Pkcs12Signer.fromBytes(pki.p12, pki.passphrase).signPdf(plain, { reason: 'x' }))).toBe(
      false,
    );
    const dir = workDir();
    writeFileSync(join(dir, 'plain.pdf'), plain);
    // An uncompressed page whose content mentions /Encrypt.
    execFileSync('qpdf', ['--qdf', '--object-streams=disable', join(dir, 'plain.pdf'), join(dir, 'qdf.pdf')]);
    const qdf = readFileSync(join(dir, 'qdf.pdf')).toString('latin1').replace('/Resources', '/Foo /Encrypt /Resources');
    expect(isEncryptedPdf(Buffer.from(qdf, 'latin1'))).toBe(false);
  });
});
