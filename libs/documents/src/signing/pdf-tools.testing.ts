import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';

/** Helpers for the specs: the real Poppler tools on files in a temporary folder. */
export const workDir = (): string => mkdtempSync(join(tmpdir(), 'dvc-documents-'));

export function pdfsig(pdf: Buffer, args: string[] = []): { out: string; status: number | null } {
  const file = join(workDir(), 'doc.pdf');
  writeFileSync(file, pdf);
  const r = spawnSync('pdfsig', [...args, file], { encoding: 'utf8' });
  return { out: `${r.stdout}${r.stderr}`, status: r.status };
}

export function pdftotext(pdf: Buffer): string {
  const file = join(workDir(), 'doc.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-layout', file, '-'], { encoding: 'utf8' });
}

export async function onePagePdf(text = 'Kết quả giải quyết thủ tục hành chính'): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  // The standard fonts are Latin-1: the result's own text is not what these specs check.
  page.drawText(
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[đĐ]/g, 'd'),
    {
      x: 50,
      y: 780,
      size: 14,
      font: await doc.embedFont(StandardFonts.Helvetica),
    },
  );
  return Buffer.from(await doc.save());
}
