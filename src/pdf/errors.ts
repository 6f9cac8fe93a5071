import type { Issue } from '../schema/index.js';

/**
 * Base class of every error `hersys-sdk/pdf` throws on purpose. Catch this to tell a printing problem
 * from a bug; check `name` (or `instanceof` the subclasses) to tell them apart.
 */
export class ReportPdfError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ReportPdfError';
  }
}

/**
 * The report does not pass `validateReport` (it has at least one issue of severity `error`), so it is
 * refused as a whole: a half-filled legal form is never printed. `issues` holds every issue, errors
 * first; show them to the user the same way the form does.
 */
export class ReportInvalidError extends ReportPdfError {
  /** All issues `validateReport` found (errors, warnings and info). */
  readonly issues: readonly Issue[];
  /** Only the blocking ones (severity `error`). */
  readonly errors: readonly Issue[];

  constructor(issues: readonly Issue[]) {
    const errors = issues.filter((i) => i.severity === 'error');
    const list = errors
      .slice(0, 5)
      .map((i) => `${i.path || '(report)'}: ${i.code}`)
      .join(', ');
    const more = errors.length > 5 ? ` and ${errors.length - 5} more` : '';
    super(
      `The report is not valid and was not printed (${errors.length} error${errors.length === 1 ? '' : 's'}: ` +
        `${list}${more}). Fix the issues listed in \`error.issues\` and print again.`,
    );
    this.name = 'ReportInvalidError';
    this.issues = issues;
    this.errors = errors;
  }
}

/** No font was passed (or it was empty). */
export class FontMissingError extends ReportPdfError {
  constructor(detail = 'No font was given.') {
    super(
      `${detail} Pass the bytes of a Japanese TrueType/OpenType font as \`options.font\` (a Uint8Array or ` +
        `ArrayBuffer): in Node, \`await loadDefaultFont()\` from 'hersys-sdk/pdf/node' returns Noto Sans JP; ` +
        `in the browser, \`await loadFontFromUrl(url)\` fetches a font file your app serves (e.g. ` +
        `NotoSansJP_400Regular.ttf from @expo-google-fonts/noto-sans-jp).`,
    );
    this.name = 'FontMissingError';
  }
}

/** The bytes passed as the font are not a font pdf-lib can embed. */
export class FontInvalidError extends ReportPdfError {
  constructor(detail: string, options?: { cause?: unknown }) {
    super(
      `The font passed as \`options.font\` cannot be used: ${detail} Pass the bytes of a single TrueType (.ttf) ` +
        `or OpenType (.otf) font with Japanese glyphs, such as Noto Sans JP (\`loadDefaultFont()\` in Node).`,
      options,
    );
    this.name = 'FontInvalidError';
  }
}

/** Where a character the font cannot draw occurs. */
export interface MissingGlyph {
  /** The character (one code point). */
  readonly char: string;
  /** Its code point as `U+XXXX`. */
  readonly codePoint: string;
  /** Report paths (e.g. `patient.familyName`) or `label` for the form's own text. */
  readonly paths: readonly string[];
}

/**
 * The font has no glyph for some characters of the report (a rare kanji such as 𠮷 in a name, with a
 * font that lacks it). We refuse rather than print a blank box in a legal document: a wrong name is
 * worse than no print. Pass a font that covers them (Noto Sans JP covers 髙, 﨑 and 𠮷).
 */
export class GlyphMissingError extends ReportPdfError {
  readonly missing: readonly MissingGlyph[];

  constructor(missing: readonly MissingGlyph[]) {
    const list = missing
      .slice(0, 10)
      .map((m) => `「${m.char}」(${m.codePoint}) in ${m.paths.join(', ')}`)
      .join('; ');
    const more = missing.length > 10 ? `; and ${missing.length - 10} more` : '';
    super(
      `The font has no glyph for ${missing.length} character${missing.length === 1 ? '' : 's'}: ${list}${more}. ` +
        `Pass a font that covers them as \`options.font\` (Noto Sans JP, the default in Node, covers JIS X 0213 ` +
        `kanji such as 髙, 﨑 and 𠮷), or correct the text.`,
    );
    this.name = 'GlyphMissingError';
    this.missing = missing;
  }
}

/** An option has a wrong value (e.g. `printHerSysId` without a `herSysId`). */
export class PdfOptionsError extends ReportPdfError {
  constructor(message: string) {
    super(message);
    this.name = 'PdfOptionsError';
  }
}
