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
    // NFC: the fonts are embedded without shaping (vietnamese-font.ts), so a letter typed as a
    // base and combining marks must become its precomposed glyph first.
    for (const line of wrap(text.normalize('NFC'), font, size, width)) {
      this.ensure(size * 1.4);
      const w = widthOf(font, line, size);
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
    const labelText = `${label.normalize('NFC')}: `;
    value = value.normalize('NFC');
    const labelWidth = widthOf(this.fonts.bold, labelText, size);
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

/**
 * Text widths, remembered across documents. Measuring runs fontkit's full layout (DejaVu's
 * substitution and positioning tables) and wrapping measures every candidate line: it was most
 * of a slip's rendering time. A width depends only on the font file and the text, and scales
 * with the size, so widths at size 1 are kept per font (subset fonts carry a random tag before
 * their name, dropped here). Bounded: the slips' texts repeat (labels, titles), names do not.
 */
const widths = new Map<string, number>();
const MAX_REMEMBERED_WIDTHS = 50_000;

export function widthOf(font: PDFFont, text: string, size: number): number {
  const key = `${font.name.replace(/^[A-Z]{6}\+/, '')}\u0000${text}`;
  let unit = widths.get(key);
  if (unit === undefined) {
    if (widths.size >= MAX_REMEMBERED_WIDTHS) widths.clear();
    unit = font.widthOfTextAtSize(text, 1);
    widths.set(key, unit);
  }
  return unit * size;
}

/** Splits text into lines no wider than `width`; a word longer than the line is cut. */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (widthOf(font, candidate, size) <= width) {
        line = candidate;
        continue;
      }
      if (line) out.push(line);
      line = word;
      while (widthOf(font, line, size) > width && line.length > 1) {
        let cut = line.length - 1;
        while (cut > 1 && widthOf(font, line.slice(0, cut), size) > width) cut--;
        out.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    }
    out.push(line);
  }
  return out;
}
