import { rgb } from 'pdf-lib';
import { loadPdf } from '../pdf/load-pdf';
import { wrap } from '../pdf/page-writer';
import { drawQr } from '../pdf/qr';
import { embedVietnameseFonts } from '../pdf/vietnamese-font';

const QR_SIZE = 62;
const PAD = 6;
const FONT_SIZE = 7.5;

/**
 * Adds, on the result's first page (bottom left, on a white panel so it reads on any background),
 * the verification code, "Ký số bởi / Signed by" and a QR code of the public verification URL.
 * Done before signing, so the stamp is part of what the signature covers.
 */
export async function stampResult(
  pdf: Buffer,
  o: { verificationCode: string; verifyUrl: string; signedBy: string },
): Promise<Buffer> {
  const doc = await loadPdf(pdf);
  const page = doc.getPage(0);
  const { regular, bold } = await embedVietnameseFonts(doc);
  const box = page.getCropBox();
  const width = Math.min(300, box.width - 2 * 18);
  const textWidth = width - QR_SIZE - 3 * PAD;
  const lines: { text: string; bold?: boolean }[] = [
    { text: `Mã xác thực / Verification code: ${o.verificationCode}`, bold: true },
    ...wrap(`Ký số bởi / Signed by: ${o.signedBy.normalize('NFC')}`, regular, FONT_SIZE, textWidth).map((text) => ({
      text,
    })),
    ...wrap(`Kiểm tra tại / Verify at: ${o.verifyUrl}`, regular, FONT_SIZE, textWidth).map((text) => ({ text })),
  ];
  const height = Math.max(QR_SIZE, lines.length * FONT_SIZE * 1.35) + 2 * PAD;
  const x = box.x + 18;
  const y = box.y + 18;
  page.drawRectangle({ x, y, width, height, color: rgb(1, 1, 1), borderColor: rgb(0.3, 0.3, 0.3), borderWidth: 0.5 });
  drawQr(page, o.verifyUrl, x + PAD, y + (height - QR_SIZE) / 2, QR_SIZE);
  lines.forEach((line, i) => {
    page.drawText(line.text, {
      x: x + QR_SIZE + 2 * PAD,
      y: y + height - PAD - (i + 1) * FONT_SIZE * 1.35 + 2,
      size: FONT_SIZE,
      font: line.bold ? bold : regular,
      color: rgb(0, 0, 0),
    });
  });
  return Buffer.from(await doc.save());
}
