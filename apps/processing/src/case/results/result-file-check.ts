/**
 * What a result file may be, judged from its bytes. A small check of its own rather than intake's
 * file-signature: results are only PDFs (stamped and signed) and images (kept as uploaded), and an
 * officer's file has no procedure's list of allowed types.
 */
import type { FieldProblem } from '@dvc/kernel';
import { ResultProblems } from './result.errors';

export const RESULT_TYPES = { pdf: 'application/pdf', png: 'image/png', jpg: 'image/jpeg' } as const;
export type ResultType = keyof typeof RESULT_TYPES;

const MAGIC: Record<ResultType, Buffer> = {
  pdf: Buffer.from('%PDF-', 'latin1'),
  png: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  jpg: Buffer.from([0xff, 0xd8, 0xff]),
};

const EXTENSIONS: Record<string, ResultType> = { pdf: 'pdf', png: 'png', jpg: 'jpg', jpeg: 'jpg' };

export interface CheckedResultFile {
  name: string;
  type: ResultType;
  contentType: string;
  bytes: Buffer;
}

/**
 * The file's type from its extension, confirmed by its first bytes; encrypted PDFs are refused
 * (they cannot be stamped and signed). `isEncrypted` is @dvc/documents' isEncryptedPdf.
 */
export function checkResultFile(
  field: string,
  name: string,
  bytes: Buffer,
  isEncrypted: (pdf: Buffer) => boolean,
): { file: CheckedResultFile; problem?: undefined } | { file?: undefined; problem: FieldProblem } {
  const shown = name || 'file';
  if (bytes.length === 0) return { problem: ResultProblems.empty(field, shown) };
  const type = EXTENSIONS[(shown.split('.').pop() ?? '').toLowerCase()];
  if (!type) return { problem: ResultProblems.typeNotAllowed(field, shown, Object.keys(RESULT_TYPES)) };
  const magic = MAGIC[type];
  if (bytes.length < magic.length || !bytes.subarray(0, magic.length).equals(magic))
    return { problem: ResultProblems.contentMismatch(field, shown) };
  if (type === 'pdf' && isEncrypted(bytes)) return { problem: ResultProblems.encrypted(field, shown) };
  return { file: { name: shown.slice(0, 255), type, contentType: RESULT_TYPES[type], bytes } };
}
