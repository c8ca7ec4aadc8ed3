import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pkcs12Signer, verifyPdf } from '@dvc/documents';
import { PDFDocument } from 'pdf-lib';
import { DEV_PKI_COMMON_NAME, ensureDevPki } from './dev-pki';

describe('ensureDevPki', () => {
  it('makes the local CA and agency key once, valid two years, that the signer loads and verification trusts', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'dvc-pki-')), 'var', 'pki');
    const first = ensureDevPki(dir);
    expect(first.created).toBe(true);
    const p12 = readFileSync(first.p12Path);

    const again = ensureDevPki(dir);
    expect(again.created).toBe(false);
    expect(readFileSync(again.p12Path).equals(p12)).toBe(true);

    const signer = Pkcs12Signer.fromFile(first.p12Path, 'local-only-signing');
    expect(signer.identity.commonName).toBe(DEV_PKI_COMMON_NAME);
    expect(signer.identity.organisation).toBe('Sở Tài chính');
    const years = (signer.identity.notAfter.getTime() - Date.now()) / (365 * 24 * 3600_000);
    expect(years).toBeGreaterThan(1.99);
    expect(years).toBeLessThan(2.01);

    const doc = await PDFDocument.create();
    doc.addPage();
    const signed = await signer.signPdf(Buffer.from(await doc.save()), { reason: 'dev' });
    const v = await verifyPdf(signed, { caCertificatesPem: [readFileSync(first.caPemPath, 'utf8')] });
    expect(v.signatures[0]).toMatchObject({ validSignature: true, chainTrusted: true });
  });

  it('replaces an expired key, and keeps a valid one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dvc-pki-'));
    ensureDevPki(dir);
    const threeYearsOn = new Date(Date.now() + 3 * 365 * 24 * 3600_000);
    expect(ensureDevPki(dir, threeYearsOn).created).toBe(true);
    expect(ensureDevPki(dir, threeYearsOn).created).toBe(false);
  });
});
