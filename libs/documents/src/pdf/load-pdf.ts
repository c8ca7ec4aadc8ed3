import { EncryptedPDFError, PDFDocument } from 'pdf-lib';
import { DocumentErrors } from '../documents.errors';

/** Loads a PDF to change it; an encrypted, unreadable or page-less file is a DocumentError with a stable code. */
export async function loadPdf(pdf: Buffer): Promise<PDFDocument> {
  let doc: PDFDocument;
  let pages: number;
  try {
    doc = await PDFDocument.load(pdf, { updateMetadata: false });
    // A file with no page tree throws here rather than at load.
    pages = doc.getPageCount();
  } catch (err) {
    if (err instanceof EncryptedPDFError) throw DocumentErrors.encrypted();
    throw DocumentErrors.unreadable((err as Error).message);
  }
  if (pages === 0) throw DocumentErrors.unreadable('no page');
  return doc;
}
