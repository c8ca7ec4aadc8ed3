import { PDFDocument, StandardFonts } from 'pdf-lib';

/**
 * A real one-page PDF standing for an officer's result document (quyết định, giấy chứng nhận):
 * processing stamps and signs what it receives, so the journeys need a file a PDF reader opens,
 * not just bytes that start like one. Standard fonts have no Vietnamese glyphs: the text is ASCII.
 */
export async function resultPdf(title = 'Quyet dinh giai quyet ho so'): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  const page = doc.addPage([595, 842]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText('UY BAN NHAN DAN TINH - SO TAI CHINH', { x: 60, y: 780, size: 12, font });
  page.drawText(title, { x: 60, y: 740, size: 16, font });
  page.drawText(`Ban hanh luc ${new Date().toISOString()}`, { x: 60, y: 710, size: 10, font });
  return doc.save();
}
