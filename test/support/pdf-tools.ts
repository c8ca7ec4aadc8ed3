import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type request from 'supertest';

/** SHA-256 (hex) of some bytes. */
export const sha256Of = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** supertest's parser for a binary answer (a PDF, an image): the body as a Buffer. */
export const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/** The bytes written to a fresh temporary file, for the command-line tools. */
export function tempPdf(bytes: Buffer): string {
  const path = join(mkdtempSync(join(tmpdir(), 'dvc-pdf-')), 'file.pdf');
  writeFileSync(path, bytes);
  return path;
}

/** Poppler's pdfsig, written by nobody here: its verdict on every signature of the file. */
export function pdfsig(bytes: Buffer): string {
  try {
    return execFileSync('pdfsig', [tempPdf(bytes)], { encoding: 'utf8' });
  } catch (e) {
    // pdfsig exits non-zero for a broken signature; its verdict is still on stdout.
    return String((e as { stdout?: string }).stdout ?? e);
  }
}

/** The text Poppler's pdftotext reads from the file, with runs of white space made single spaces. */
export const pdfText = (bytes: Buffer) =>
  execFileSync('pdftotext', [tempPdf(bytes), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
