import { readFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';

/**
 * DejaVu Sans from its npm package (dejavu-fonts-ttf), so a production image needs no OS font:
 * it has every precomposed Vietnamese letter (ă â đ ê ô ơ ư with all five tones).
 */
let cached: { regular: Buffer; bold: Buffer } | undefined;

function fontFiles(): { regular: Buffer; bold: Buffer } {
  cached ??= {
    regular: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    bold: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
  };
  return cached;
}

export interface VietnameseFonts {
  regular: PDFFont;
  bold: PDFFont;
}

/** Embeds the fonts, subset to the glyphs used (a slip stays tens of kB instead of 1.4 MB). */
export async function embedVietnameseFonts(doc: PDFDocument): Promise<VietnameseFonts> {
  doc.registerFontkit(fontkit);
  const { regular, bold } = fontFiles();
  return {
    regular: await doc.embedFont(regular, { subset: true }),
    bold: await doc.embedFont(bold, { subset: true }),
  };
}
