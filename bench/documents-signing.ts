/**
 * PDF results signed per second (a one-page result: stampResult + Pkcs12Signer.signPdf, PAdES)
 * beside a bare node:crypto RSA-2048 signature of the same PDF bytes with the same key, in the same
 * run. The integrator folds it into `npm run bench:documents`; alone:
 *
 *   node dist/bench/documents-signing.js [seconds per measure, default 5]
 */
import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { createTestPki, newVerificationCode, Pkcs12Signer, stampResult } from '@dvc/documents';
import { machineLine, runBench } from './support/run-bench';

export interface SigningBenchOptions {
  /** How long each measure runs; default 5. */
  seconds?: number;
}

export interface SigningBenchFigures {
  signedPerSec: number;
  bareRsaPerSec: number;
  /** signedPerSec / bareRsaPerSec: the share of a bare signature's rate a signed PDF result reaches. */
  ratio: number;
  pdfBytes: number;
  signedPdfBytes: number;
}

export async function benchSigning(opts: SigningBenchOptions = {}): Promise<SigningBenchFigures> {
  const seconds = opts.seconds ?? 5;
  const pki = createTestPki({ commonName: 'Sở Tài chính (benchmark)' });
  const signer = Pkcs12Signer.fromBytes(pki.p12, pki.passphrase);
  const key = keyOf(pki.p12, pki.passphrase);
  const pdf = await resultPdf();

  let signedPdfBytes = 0;
  const signedPerSec = await rate(seconds, async () => {
    const code = newVerificationCode();
    const stamped = await stampResult(pdf, {
      verificationCode: code,
      verifyUrl: `http://127.0.0.1:3001/v1/results/verify/${code}`,
      signedBy: signer.identity.commonName,
    });
    signedPdfBytes = (await signer.signPdf(stamped, { reason: 'Ký số kết quả' })).length;
  });
  const bareRsaPerSec = await rate(seconds, () => {
    sign('sha256', pdf, key);
  });
  return { signedPerSec, bareRsaPerSec, ratio: signedPerSec / bareRsaPerSec, pdfBytes: pdf.length, signedPdfBytes };
}

/** Operations per second of `op`, run back to back for `seconds` after a short warm-up. */
async function rate(seconds: number, op: () => unknown): Promise<number> {
  for (let i = 0; i < 5; i++) await op();
  let n = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(Math.round(seconds * 1e9));
  while (process.hrtime.bigint() < end) {
    await op();
    n++;
  }
  return n / (Number(process.hrtime.bigint() - start) / 1e9);
}

/** The agency's key as node:crypto holds it, from the same PKCS#12 the signer reads. */
function keyOf(p12: Buffer, passphrase: string): KeyObject {
  const store = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(p12.toString('binary')), passphrase);
  const bag = store.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag]![0];
  return createPrivateKey(forge.pki.privateKeyToPem(bag.key!));
}

/** A one-page result as an agency's system would produce it: a title and some paragraphs. */
async function resultPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText('GIAY CHUNG NHAN DANG KY HO KINH DOANH', { x: 90, y: 760, size: 16, font });
  for (let i = 0; i < 30; i++) {
    page.drawText(`Dong ${i + 1}: noi dung ket qua giai quyet thu tuc hanh chinh, ma ho so H12.99-260302-0001.`, {
      x: 60,
      y: 720 - i * 20,
      size: 10,
      font,
    });
  }
  return Buffer.from(await doc.save());
}

if (require.main === module) {
  runBench('bench:documents-signing', async () => {
    const seconds = Number(process.argv[2] ?? 5);
    process.stdout.write(machineLine(`${seconds} s per measure, RSA-2048, SHA-256`));
    const f = await benchSigning({ seconds });
    process.stdout.write(
      `PDF results stamped + signed (PAdES): ${f.signedPerSec.toFixed(1)}/s (${f.pdfBytes} B in, ${f.signedPdfBytes} B out)\n` +
        `bare RSA signatures of the same bytes: ${f.bareRsaPerSec.toFixed(1)}/s\n` +
        `ratio: ${f.ratio.toFixed(3)} of the bare signature's rate\n`,
    );
  });
}
