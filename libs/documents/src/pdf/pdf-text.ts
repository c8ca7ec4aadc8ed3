/**
 * A PDF text string as literal-string content, for dictionary values that are written as raw bytes
 * (the signature dictionary): ASCII as is, anything else as UTF-16BE with its byte-order mark
 * (PDF 32000-1 §7.9.2.2). Delimiters and line ends are escaped so the bytes cannot end the string.
 */
export function pdfLiteralText(text: string): string {
  const binary = /^[\x20-\x7e]*$/.test(text)
    ? text
    : '\u00fe\u00ff' + Buffer.from(text, 'utf16le').swap16().toString('latin1');
  return binary.replace(/[\\()\r\n]/g, (c) => ({ '\\': '\\\\', '(': '\\(', ')': '\\)', '\r': '\\r', '\n': '\\n' })[c]!);
}
