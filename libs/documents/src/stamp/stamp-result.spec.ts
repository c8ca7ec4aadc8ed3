import { VERIFICATION_CODE_PATTERN } from '@dvc/contracts';
import { PDFDocument } from 'pdf-lib';
import { DocumentError } from '../documents.errors';
import { Pkcs12Signer } from '../signing/pkcs12-signer';
import { onePagePdf, pdfsig, pdftotext } from '../signing/pdf-tools.testing';
import { createTestPki } from '../signing/test-pki';
import { verifyPdf } from '../verification/verify-pdf';
import { stampResult } from './stamp-result';
import { newVerificationCode } from './verification-code';

describe('newVerificationCode', () => {
  it('matches the contracts pattern and does not repeat', () => {
    const codes = Array.from({ length: 500 }, newVerificationCode);
    for (const c of codes) expect(c).toMatch(VERIFICATION_CODE_PATTERN);
    expect(new Set(codes).size).toBe(codes.length);
  });
});

describe('stampResult', () => {
  const pki = createTestPki({ commonName: 'Sở Tài chính tỉnh Thử nghiệm' });
  const signer = Pkcs12Signer.fromBytes(pki.p12, pki.passphrase);

  it('prints the code, who signs and the verification address on page 1 only, and the stamped result signs valid', async () => {
    const doc = await PDFDocument.load(await onePagePdf());
    doc.addPage();
    const twoPages = Buffer.from(await doc.save());
    const code = newVerificationCode();
    const verifyUrl = `http://127.0.0.1:3001/v1/results/verify/${code}`;
    const stamped = await stampResult(twoPages, {
      verificationCode: code,
      verifyUrl,
      signedBy: 'Sở Tài chính tỉnh Thử nghiệm',
    });

    const pages = pdftotext(stamped).split('\f');
    const page1 = pages[0].replace(/\s+/g, ' ');
    expect(page1).toContain(`Mã xác thực / Verification code: ${code}`);
    expect(page1).toContain('Ký số bởi / Signed by: Sở Tài chính tỉnh Thử nghiệm');
    expect(page1).toContain('Kiểm tra tại / Verify at:');
    expect(page1).toContain('Ket qua giai quyet'); // the result's own text is still there
    expect(pages[1]).not.toContain(code);

    const signed = await signer.signPdf(stamped, { reason: 'Ký số kết quả giải quyết thủ tục hành chính' });
    expect(pdfsig(signed, ['-nocert']).out).toContain('Signature is Valid.');
    const [s] = (await verifyPdf(signed)).signatures;
    expect(s).toMatchObject({ intact: true, validSignature: true, coversWholeDocument: true });
  });

  it('refuses what is not a PDF with a stable code', async () => {
    await expect(
      stampResult(Buffer.from('not a pdf'), { verificationCode: 'AAAA-BBBB-CCCC-DDDD', verifyUrl: 'x', signedBy: 'x' }),
    ).rejects.toMatchObject({ code: 'DOCUMENT.PDF_UNREADABLE' });
    await expect(
      stampResult(Buffer.from('%PDF-1.7\n'), { verificationCode: 'x', verifyUrl: 'x', signedBy: 'x' }),
    ).rejects.toBeInstanceOf(DocumentError);
  });
});
