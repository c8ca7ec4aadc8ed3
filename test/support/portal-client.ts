import request from 'supertest';
import { invoiceDossier, liquidationDossier } from '../../tools/journeys/dossiers';

/** A tiny but real PDF (the content check looks at the bytes, not the name). */
export function pdf(text = 'tài liệu'): Buffer {
  return Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`, 'utf8');
}

export const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f6f2a40000000049454e44ae426082',
  'hex',
);

let seq = 0;
export const idempotencyKey = () => `test-${process.pid}-${Date.now()}-${++seq}`;

/** Files a dossier as multipart/form-data: the JSON in the "dossier" field, one file per document code. */
export function submitMultipart(
  intakeUrl: string,
  apiKey: string,
  body: Record<string, unknown>,
  files: [code: string, content: Buffer, name: string][],
  key = idempotencyKey(),
) {
  const req = request(intakeUrl)
    .post('/v1/dossiers')
    .set('X-Api-Key', apiKey)
    .set('Idempotency-Key', key)
    .field('dossier', JSON.stringify(body));
  for (const [code, content, name] of files) req.attach(code, content, name);
  return req;
}

/** Files M.QLCS.22 with its three documents. */
export function submitInvoiceDossier(
  intakeUrl: string,
  apiKey: string,
  body: Record<string, unknown> = invoiceDossier(),
  key = idempotencyKey(),
) {
  return submitMultipart(
    intakeUrl,
    apiKey,
    body,
    [
      ['TP1', pdf('đơn đề nghị'), 'don-de-nghi.pdf'],
      ['TP2', pdf('quyết định bán'), 'quyet-dinh-ban.pdf'],
      ['TP3', PNG, 'bien-ban.png'],
    ],
    key,
  );
}

/** Files 1.005426 with its two mandatory documents. */
export function submitLiquidationDossier(
  intakeUrl: string,
  apiKey: string,
  body: Record<string, unknown> = liquidationDossier(),
  key = idempotencyKey(),
) {
  return submitMultipart(
    intakeUrl,
    apiKey,
    body,
    [
      ['TP1', pdf('văn bản đề nghị'), 'de-nghi.pdf'],
      ['TP3', pdf('danh mục tài sản'), 'danh-muc.pdf'],
    ],
    key,
  );
}
