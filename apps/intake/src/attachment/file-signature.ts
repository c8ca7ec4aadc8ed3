/**
 * What a file is, from its first bytes. A client's Content-Type and filename are whatever the
 * client says, so an upload is accepted by what it contains, not by what it is called.
 */
export type SniffedFileType = 'pdf' | 'png' | 'jpg' | 'docx' | 'xlsx' | 'zip';

/** Enough of the head for the OOXML check: the part names sit near the start of the archive. */
export const SNIFF_HEAD_BYTES = 8192;

const PDF = Buffer.from('%PDF-', 'latin1');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const ZIP_LOCAL_HEADER = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

const startsWith = (head: Buffer, magic: Buffer) =>
  head.length >= magic.length && head.subarray(0, magic.length).equals(magic);

/** Reads the first SNIFF_HEAD_BYTES of a file; undefined when the type is not one we know. */
export function sniffFileType(head: Buffer): SniffedFileType | undefined {
  if (startsWith(head, PDF)) return 'pdf';
  if (startsWith(head, PNG)) return 'png';
  if (startsWith(head, JPEG)) return 'jpg';
  if (startsWith(head, ZIP_LOCAL_HEADER)) return officeKind(head) ?? 'zip';
  return undefined;
}

/**
 * docx and xlsx are ZIP archives told apart by their part names (word/document.xml,
 * xl/workbook.xml). Each entry's local header stores its name uncompressed at offset 30, so the
 * head shows them; reading names there, not any substring, keeps a folder such as "keyword/" from
 * passing for Word.
 */
function officeKind(head: Buffer): 'docx' | 'xlsx' | undefined {
  for (
    let at = head.indexOf(ZIP_LOCAL_HEADER);
    at !== -1 && at + 30 <= head.length;
    at = head.indexOf(ZIP_LOCAL_HEADER, at + 4)
  ) {
    const nameLength = head.readUInt16LE(at + 26);
    const name = head.toString('latin1', at + 30, Math.min(head.length, at + 30 + nameLength));
    if (name.startsWith('word/')) return 'docx';
    if (name.startsWith('xl/')) return 'xlsx';
  }
  return undefined;
}

/** Whether the extension a client declared (".PDF", "jpeg", ...) agrees with the sniffed type. */
export function fileTypeMatches(declaredExtension: string, sniffed: SniffedFileType | undefined): boolean {
  if (sniffed === undefined) return false;
  const declared = declaredExtension.trim().toLowerCase().replace(/^\./, '');
  return (declared === 'jpeg' ? 'jpg' : declared) === sniffed;
}

/** The MIME type of a checked file type, as officers' downloads and the filing announce it. */
export const CONTENT_TYPES: Record<'pdf' | 'png' | 'jpg' | 'docx' | 'xlsx', string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
