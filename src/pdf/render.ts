/** Draws a laid-out report with pdf-lib. */
import { PDFDocument, grayscale, type PDFFont, type PDFPage } from 'pdf-lib';
import { ASCENT, type DrawOp, type Rect } from './layout.js';
import type { ReportLayout } from './form-layout.js';
import type { ParsedFont } from './font.js';

export interface RenderDocOptions {
  readonly subset: boolean;
  readonly title: string;
  readonly subject: string;
  readonly language: string;
  /** Fixed creation date (reproducible output); default now. */
  readonly creationDate?: Date;
}

/** Renders the pages to PDF bytes with the font embedded (subset by default). */
export async function renderLayout(
  layout: ReportLayout,
  font: ParsedFont,
  options: RenderDocOptions,
): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(font.fontkit);
  const pdfFont = await doc.embedFont(font.bytes, { subset: options.subset });
  const date = options.creationDate ?? new Date();
  doc.setTitle(options.title, { showInWindowTitleBar: true });
  doc.setSubject(options.subject);
  doc.setLanguage(options.language);
  doc.setCreator('hersys-sdk');
  doc.setProducer('hersys-sdk (pdf-lib)');
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  for (const pageLayout of layout.pages) {
    const page = doc.addPage([pageLayout.width, pageLayout.height]);
    for (const op of pageLayout.ops) draw(page, pdfFont, pageLayout.height, op);
  }
  return doc.save({ useObjectStreams: true });
}

const BLACK = grayscale(0);

function draw(page: PDFPage, font: PDFFont, H: number, op: DrawOp): void {
  switch (op.kind) {
    case 'text':
      page.drawText(op.text, { x: op.x, y: H - op.y - op.size * ASCENT, size: op.size, font, color: BLACK });
      return;
    case 'line':
      page.drawLine({
        start: { x: op.x1, y: H - op.y1 },
        end: { x: op.x2, y: H - op.y2 },
        thickness: op.width,
        color: BLACK,
      });
      return;
    case 'rect':
      page.drawRectangle({
        x: op.rect.x,
        y: H - op.rect.y - op.rect.height,
        width: op.rect.width,
        height: op.rect.height,
        borderWidth: op.lineWidth,
        borderColor: BLACK,
        color: op.fill !== undefined ? grayscale(op.fill) : undefined,
      });
      return;
    case 'mark':
      drawMark(page, H, op.rect);
      return;
  }
}

/** A hand-drawn-like circle: an ellipse for short words, a rounded pill for long ones. */
function drawMark(page: PDFPage, H: number, r: Rect): void {
  if (r.width <= r.height * 1.7) {
    page.drawEllipse({
      x: r.x + r.width / 2,
      y: H - r.y - r.height / 2,
      xScale: r.width / 2,
      yScale: r.height / 2,
      borderWidth: 0.8,
      borderColor: BLACK,
    });
    return;
  }
  const rad = r.height / 2;
  const w = r.width;
  const h = r.height;
  const path = `M ${rad} 0 L ${w - rad} 0 A ${rad} ${rad} 0 0 1 ${w - rad} ${h} L ${rad} ${h} A ${rad} ${rad} 0 0 1 ${rad} 0 Z`;
  page.drawSvgPath(path, { x: r.x, y: H - r.y, borderWidth: 0.8, borderColor: BLACK });
}
