/**
 * Whether a PDF is encrypted: an /Encrypt entry in a trailer dictionary (classic cross-reference
 * table) or in a cross-reference stream's dictionary (PDF 1.5+), the only places the standard puts
 * it. Both stay in clear text in an encrypted file; a scan finds them without parsing the document,
 * and an /Encrypt elsewhere (a page's text, a name in a font) is not taken for one.
 */
export function isEncryptedPdf(bytes: Buffer): boolean {
  const text = bytes.toString('latin1');
  for (const m of text.matchAll(/\/Encrypt(?=[\s/<\d])/g)) {
    const start = enclosingDictStart(text, m.index);
    if (start < 0) continue;
    const before = text.slice(Math.max(0, start - 32), start);
    if (/trailer\s*$/.test(before)) return true;
    const end = text.indexOf('>>', m.index);
    const dict = text.slice(start, end < 0 ? undefined : end);
    // The xref stream's own dictionary: /Type /XRef at the same level as /Encrypt.
    if (/\/Type\s*\/XRef\b/.test(dict) && /\bobj\s*$/.test(text.slice(Math.max(0, start - 32), start))) return true;
  }
  return false;
}

/** Index of the "<<" that opens the dictionary containing position `at` (nested ones skipped), or -1. */
function enclosingDictStart(text: string, at: number): number {
  let depth = 0;
  for (let i = at - 1; i > 0; i--) {
    if (text[i] === '>' && text[i - 1] === '>') {
      depth++;
      i--;
    } else if (text[i] === '<' && text[i - 1] === '<') {
      if (depth === 0) return i - 1;
      depth--;
      i--;
    }
  }
  return -1;
}
