import { PDFDocument, PDFFont, PDFPage, rgb } from 'pdf-lib';
import type { VietnameseFonts } from './vietnamese-font';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = { top: 56, bottom: 56, left: 64, right: 50 };

export interface LineStyle {
  bold?: boolean;
  size?: number;
  align?: 'left' | 'center' | 'right';
  indent?: number;
  /** Extra space after the block. */
  gap?: number;
  /** Narrow the block to this width, measured from the left margin plus indent (for a column). */
  width?: number;
}

/**
 * Flows text down A4 pages: wraps long lines at word boundaries and starts a new page when the
 * current one is full, so a slip with many documents or a long reason stays whole.
 */
export class PageWriter {
  page: PDFPage;
  y: number;
  readonly left = MARGIN.left;
  readonly contentWidth = A4[0] - MARGIN.left - MARGIN.right;

  constructor(
    readonly doc: PDFDocument,
    readonly fonts: VietnameseFonts,
  ) {
    this.page = this.newPage();
    this.y = A4[1] - MARGIN.top;
  }

  get pageCount(): number {
    return this.doc.getPageCount();
  }

  text(text: string, style: LineStyle = {}): void {
    const font = style.bold ? this.fonts.bold : this.fonts.regular;
    const size = style.size ?? 11;
    const indent = style.indent ?? 0;
    const width = (style.width ?? this.contentWidth) - indent;
    for (const line of wrap(text, font, size, width)) {
      this.ensure(size * 1.4);
      const w = font.widthOfTextAtSize(line, size);
      const x =
        this.left + indent + (style.align === 'center' ? (width - w) / 2 : style.align === 'right' ? width - w : 0);
      this.page.drawText(line, { x, y: this.y - size, size, font, color: rgb(0, 0, 0) });
      this.y -= size * 1.4;
    }
    this.y -= style.gap ?? 0;
  }

  /** "Label: value" with the value wrapping under itself. */
  field(label: string, value: string, o: { indent?: number; size?: number } = {}): void {
    const size = o.size ?? 11;
    const indent = o.indent ?? 0;
    const labelText = `${label}: `;
    const labelWidth = this.fonts.bold.widthOfTextAtSize(labelText, size);
    const valueWidth = this.contentWidth - indent - labelWidth;
    const lines = valueWidth > 120 ? wrap(value, this.fonts.regular, size, valueWidth) : [];
    if (!lines.length) {
      this.text(labelText, { bold: true, size, indent });
      this.text(value, { size, indent: indent + 16 });
      return;
    }
    lines.forEach((line, i) => {
      this.ensure(size * 1.4);
      if (i === 0)
        this.page.drawText(labelText, { x: this.left + indent, y: this.y - size, size, font: this.fonts.bold });
      this.page.drawText(line, {
        x: this.left + indent + labelWidth,
        y: this.y - size,
        size,
        font: this.fonts.regular,
      });
      this.y -= size * 1.4;
    });
  }

  space(points: number): void {
    this.y -= points;
  }

  /** A short horizontal rule centred on `centreX` (the page's centre by default), below the last line. */
  rule(width = 120, centreX = this.left + this.contentWidth / 2): void {
    this.ensure(8);
    const y = this.y - 1;
    this.page.drawLine({ start: { x: centreX - width / 2, y }, end: { x: centreX + width / 2, y }, thickness: 0.6 });
    this.y -= 8;
  }

  /** Makes room for `height` points, on a new page if this one is full. */
  ensure(height: number): void {
    if (this.y - height >= MARGIN.bottom) return;
    this.page = this.newPage();
    this.y = A4[1] - MARGIN.top;
  }

  private newPage(): PDFPage {
    return this.doc.addPage(A4);
  }
}

/** Splits text into lines no wider than `width`; a word longer than the line is cut. */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width) {
        line = candidate;
        continue;
      }
      if (line) out.push(line);
      line = word;
      while (font.widthOfTextAtSize(line, size) > width && line.length > 1) {
        let cut = line.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(line.slice(0, cut), size) > width) cut--;
        out.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    }
    out.push(line);
  }
  return out;
}
