/**
 * hersys-sdk/pdf: the printable occurrence report (発生届, the manual's 「PDF（印刷用）」) laid out like the
 * paper form 別記様式6-1, with an embedded, subsetted Japanese font. The same code runs in the browser and
 * in Node; Node-only helpers (the bundled default font) are in `hersys-sdk/pdf/node`. See docs/pdf.md.
 *
 * @example
 * // Node
 * import { renderReportPdf } from 'hersys-sdk/pdf';
 * import { loadDefaultFont } from 'hersys-sdk/pdf/node';
 * const bytes = await renderReportPdf(report, { font: await loadDefaultFont(), printHerSysId: true, herSysId: '12345678' });
 *
 * @example
 * // Browser
 * import { loadFontFromUrl, printReportPdf } from 'hersys-sdk/pdf';
 * const font = await loadFontFromUrl('/fonts/NotoSansJP_400Regular.ttf');
 * await printReportPdf(report, { font });
 *
 * @module
 */
import { todayInJapan, validateReport, type Issue, type OccurrenceReport } from '../schema/index.js';
import { issueMessage } from '../locales/index.js';
import { GlyphMissingError, PdfOptionsError, ReportInvalidError, type MissingGlyph } from './errors.js';
import { isIgnorable, parseFont, type FontBytes, type ParsedFont } from './font.js';
import { layoutReport, type ReportLayout } from './form-layout.js';
import { renderLayout } from './render.js';

export {
  ReportPdfError,
  ReportInvalidError,
  FontMissingError,
  FontInvalidError,
  GlyphMissingError,
  PdfOptionsError,
  type MissingGlyph,
} from './errors.js';
export { layoutReport, A4, MARGIN, type LayoutOptions, type ReportLayout } from './form-layout.js';
export type { DrawOp, TextOp, MarkOp, LineOp, RectOp, Rect, PageLayout, Measurer } from './layout.js';
export type { FontBytes } from './font.js';
export { loadFontFromUrl, printReportPdf, type PrintReportPdfOptions } from './browser.js';

/** Options of {@link renderReportPdf}. */
export interface RenderReportPdfOptions {
  /**
   * The bytes of a TrueType or OpenType font with Japanese glyphs (required). Node: `await loadDefaultFont()`
   * from 'hersys-sdk/pdf/node' (Noto Sans JP). Browser: `await loadFontFromUrl(url)`. Pass the same object
   * for every report of a batch: the parsed font is cached per bytes object.
   */
  readonly font: FontBytes;
  /** Print the HER-SYS ID in the page header (the manual's checkbox 「HER-SYS ID印字」). Default false. */
  readonly printHerSysId?: boolean;
  /** The report's HER-SYS ID (required when `printHerSysId` is true). */
  readonly herSysId?: string;
  /** Language of the printed labels: 'ja' (default, the legal form) or 'en' (a gloss for reviewers). */
  readonly locale?: 'ja' | 'en';
  /**
   * Today as ISO `YYYY-MM-DD`: the date the report is validated against (no future dates) and the output
   * date printed in the footer. Default: today in Japan (`todayInJapan()`), whatever the
   * host's time zone, so a report dated today in Japan is never refused as future-dated by a UTC server.
   */
  readonly today?: string;
  /** Embed only the glyphs used (default true, ~20–60 KB). `false` embeds the whole font (~5 MB). */
  readonly subset?: boolean;
  /** The PDF's creation date (set it for byte-reproducible output). Default: now. */
  readonly creationDate?: Date;
}

/**
 * Renders a filed report as a PDF like the paper form 別記様式6-1 (A4 portrait; page 2 and later only
 * when long free text continues).
 *
 * The report is validated first with `validateReport`; a report with errors is refused with
 * {@link ReportInvalidError} (carrying the issues), never half-printed. Warnings the user confirmed
 * (`report.confirmedWarnings`) are listed under the form.
 *
 * @throws {ReportInvalidError} the report has validation errors.
 * @throws {FontMissingError} no font bytes were given.
 * @throws {FontInvalidError} the bytes are not an embeddable TrueType/OpenType font.
 * @throws {GlyphMissingError} the font cannot draw some characters of the report (listed with their fields).
 * @throws {PdfOptionsError} e.g. `printHerSysId` without `herSysId`.
 */
export async function renderReportPdf(
  report: OccurrenceReport,
  options: RenderReportPdfOptions,
): Promise<Uint8Array> {
  const prepared = prepare(report, options);
  const { font, layout, locale, title } = prepared;
  return renderLayout(layout, font, {
    subset: options.subset ?? true,
    title,
    subject:
      locale === 'ja'
        ? '感染症の予防及び感染症の患者に対する医療に関する法律第12条第1項の届出'
        : 'COVID-19 occurrence report',
    language: locale === 'ja' ? 'ja-JP' : 'en',
    creationDate: options.creationDate,
  });
}

/**
 * Validates and lays out a report without producing a PDF: the pages with every text, line and circle
 * and where it goes. Useful to check a layout (tests do) or to draw it another way.
 */
export function layoutReportForPrint(
  report: OccurrenceReport,
  options: RenderReportPdfOptions,
): ReportLayout {
  return prepare(report, options).layout;
}

function prepare(
  report: OccurrenceReport,
  options: RenderReportPdfOptions,
): { font: ParsedFont; layout: ReportLayout; locale: 'ja' | 'en'; title: string } {
  if (options === null || typeof options !== 'object') {
    throw new PdfOptionsError(
      'renderReportPdf(report, options): options are required, with at least `font`.',
    );
  }
  const locale = options.locale ?? 'ja';
  if (locale !== 'ja' && locale !== 'en') {
    throw new PdfOptionsError(`\`locale\` must be 'ja' or 'en', not ${JSON.stringify(locale)}.`);
  }
  if (options.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.today)) {
    throw new PdfOptionsError(
      `\`today\` must be an ISO date YYYY-MM-DD, not ${JSON.stringify(options.today)}.`,
    );
  }
  let herSysId: string | undefined;
  if (options.printHerSysId) {
    const id = typeof options.herSysId === 'string' ? options.herSysId.trim() : '';
    if (id === '') {
      throw new PdfOptionsError(
        "`printHerSysId` is true but no `herSysId` was given: pass the report's HER-SYS ID, or set printHerSysId to false.",
      );
    }
    if (id.length > 32 || !/^[\x21-\x7e]+$/.test(id)) {
      throw new PdfOptionsError(
        `\`herSysId\` must be up to 32 ASCII letters or digits, not ${JSON.stringify(id)}.`,
      );
    }
    herSysId = id;
  }
  const font = parseFont(options.font);

  const today = options.today ?? todayInJapan();
  const result = validateReport(report, { today });
  if (!result.ok) throw new ReportInvalidError(result.issues);
  const valid = result.report ?? report;

  const layout = layoutReport(valid, {
    measurer: font,
    locale,
    herSysId,
    printedOn: today,
    warningMessage: (code, path) => {
      // The validator re-raises confirmed warnings (with their params); print the message it would show.
      const issue = result.issues.find((i) => i.code === code && i.path === path);
      return issueMessage(issue ?? { code, path, severity: 'warning' as const }, locale);
    },
  });
  assertGlyphs(layout, font);
  const name = [valid.patient?.familyName, valid.patient?.givenName].filter(Boolean).join(' ');
  const title = `${locale === 'ja' ? '新型コロナウイルス感染症 発生届' : 'COVID-19 Occurrence Report'}${name ? ` – ${name}` : ''}`;
  return { font, layout, locale, title };
}

/** Refuses to print a character the font would draw as an empty box. */
function assertGlyphs(layout: ReportLayout, font: ParsedFont): void {
  const missing = new Map<string, Set<string>>();
  for (const page of layout.pages) {
    for (const op of page.ops) {
      if (op.kind !== 'text') continue;
      for (const ch of op.text) {
        const cp = ch.codePointAt(0)!;
        if (cp === 0x20 || cp === 0x3000 || isIgnorable(cp) || font.has(cp)) continue;
        const paths = missing.get(ch) ?? new Set<string>();
        paths.add(op.field ?? 'label');
        missing.set(ch, paths);
      }
    }
  }
  if (missing.size === 0) return;
  const list: MissingGlyph[] = [...missing].map(([char, paths]) => ({
    char,
    codePoint: `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`,
    paths: [...paths],
  }));
  throw new GlyphMissingError(list);
}

export type { Issue };
