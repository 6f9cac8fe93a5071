/**
 * The font side of the PDF generator: parsing the host's font bytes with fontkit 2, caching the parsed
 * font per bytes object, measuring text, checking glyph coverage, and the adapter that lets pdf-lib 1.17
 * use fontkit 2.
 *
 * Why fontkit 2 and not @pdf-lib/fontkit: @pdf-lib/fontkit 1.1 writes broken subsets of Japanese fonts
 * (short-`loca` corruption for TrueType, an invalid CFF header for OpenType; Hopding/pdf-lib#1232,
 * cantoo-scribe/pdf-lib#144): poppler and mupdf then draw about half the glyphs blank, while `pdftotext`
 * still extracts the text. fontkit ≥ 1.9 fixed the subsetter; pdf-lib 1.17 only needs its 1.x stream API
 * (`subset.encodeStream()`), which the adapter below provides on top of fontkit 2's `subset.encode()`.
 */
import * as fontkit from 'fontkit';
import type { PDFDocument } from 'pdf-lib';
import { FontInvalidError, FontMissingError } from './errors.js';

/** The fontkit object `PDFDocument.registerFontkit` expects. */
type PdfLibFontkit = Parameters<PDFDocument['registerFontkit']>[0];

/** Font bytes as a host passes them. */
export type FontBytes = Uint8Array | ArrayBuffer;

/** The part of a fontkit font we use (fontkit's own types are loose). */
interface FkGlyph {
  readonly id: number;
  readonly advanceWidth: number;
}
interface FkSubset {
  includeGlyph(glyph: number | FkGlyph): number;
  encode(): Uint8Array;
  encodeStream?: () => MiniEmitter;
}
interface FkFont {
  readonly type?: string;
  readonly postscriptName?: string;
  readonly unitsPerEm: number;
  readonly numGlyphs: number;
  readonly ascent: number;
  readonly descent: number;
  hasGlyphForCodePoint(cp: number): boolean;
  glyphForCodePoint(cp: number): FkGlyph;
  createSubset(): FkSubset;
  fonts?: unknown[];
}

/** A parsed font, shared by every document rendered with the same bytes object. */
export interface ParsedFont {
  /** The fontkit font. */
  readonly font: FkFont;
  /** The bytes, as pdf-lib wants them. */
  readonly bytes: Uint8Array;
  /** The fontkit object to register on a `PDFDocument`; it returns the already-parsed font. */
  readonly fontkit: PdfLibFontkit;
  /** Advance width of a string in points at a size (sum of the glyph advances; no kerning). */
  widthOf(text: string, size: number): number;
  /** True when the font maps the code point to a real glyph. */
  has(codePoint: number): boolean;
}

/**
 * A tiny event emitter standing in for the Node stream fontkit 1.x returned from `encodeStream()`. pdf-lib
 * registers `data`, `end` and `error` handlers synchronously right after the call, so emitting from a
 * microtask is enough; no `node:events`, no `setImmediate`, so it runs in the browser too.
 */
interface MiniEmitter {
  on(event: string, handler: (arg?: unknown) => void): MiniEmitter;
}

function encodeStreamOf(subset: FkSubset): MiniEmitter {
  const handlers = new Map<string, ((arg?: unknown) => void)[]>();
  const emit = (event: string, arg?: unknown): void => {
    for (const h of handlers.get(event) ?? []) h(arg);
  };
  const emitter: MiniEmitter = {
    on(event, handler) {
      handlers.set(event, [...(handlers.get(event) ?? []), handler]);
      return emitter;
    },
  };
  queueMicrotask(() => {
    let bytes: Uint8Array;
    try {
      bytes = subset.encode();
    } catch (e) {
      emit('error', e);
      return;
    }
    emit('data', bytes);
    emit('end');
  });
  return emitter;
}

function toBytes(font: unknown): Uint8Array {
  if (font === undefined || font === null) throw new FontMissingError();
  if (font instanceof Uint8Array) return font;
  if (font instanceof ArrayBuffer) return new Uint8Array(font);
  if (ArrayBuffer.isView(font)) return new Uint8Array(font.buffer, font.byteOffset, font.byteLength);
  if (typeof font === 'string') {
    throw new FontMissingError(
      `\`options.font\` is a string (${JSON.stringify(font.slice(0, 60))}); the font must be given as bytes, not a name or URL.`,
    );
  }
  throw new FontMissingError(`\`options.font\` is a ${typeof font}, not font bytes.`);
}

/** Reads the 4-byte sfnt tag, for a clear message about unsupported containers. */
function containerOf(bytes: Uint8Array): string {
  const tag = String.fromCharCode(bytes[0] ?? 0, bytes[1] ?? 0, bytes[2] ?? 0, bytes[3] ?? 0);
  const head =
    (bytes[0] ?? 0) * 0x1000000 + (bytes[1] ?? 0) * 0x10000 + (bytes[2] ?? 0) * 0x100 + (bytes[3] ?? 0);
  if (head === 0x00010000 || tag === 'true') return 'truetype';
  if (tag === 'OTTO') return 'opentype';
  if (tag === 'ttcf') return 'collection';
  if (tag === 'wOFF') return 'woff';
  if (tag === 'wOF2') return 'woff2';
  return 'unknown';
}

/**
 * Default-ignorable code points: variation selectors (including the IVS of 異体字 such as 葛󠄀), joiners and
 * zero-width spaces. fontkit applies them to the preceding character; they have no glyph and no width.
 */
export function isIgnorable(cp: number): boolean {
  return (
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0xe0100 && cp <= 0xe01ef) ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x2060 && cp <= 0x2064) ||
    (cp >= 0x180b && cp <= 0x180d) ||
    cp === 0xfeff
  );
}

const cache = new WeakMap<object, ParsedFont>();

/**
 * Parses font bytes once per bytes object (a WeakMap keyed by the object the host passes), so that a batch
 * of reports rendered with the same `font` parses it once. Throws `FontMissingError` or `FontInvalidError`.
 */
export function parseFont(input: unknown): ParsedFont {
  if (input !== null && typeof input === 'object') {
    const hit = cache.get(input);
    if (hit) return hit;
  }
  const bytes = toBytes(input);
  if (bytes.byteLength === 0) throw new FontMissingError('`options.font` is empty (0 bytes).');
  const container = containerOf(bytes);
  if (container === 'collection') {
    throw new FontInvalidError('it is a font collection (.ttc), which pdf-lib cannot embed.');
  }
  if (container === 'woff' || container === 'woff2') {
    throw new FontInvalidError(`it is a web font (${container.toUpperCase()}), which pdf-lib cannot embed.`);
  }
  if (container === 'unknown') {
    throw new FontInvalidError(
      `its first bytes are not a TrueType or OpenType signature (${bytes.byteLength} bytes).`,
    );
  }
  let font: FkFont;
  try {
    font = fontkit.create(bytes as never) as unknown as FkFont;
    // fontkit parses lazily; touching the tables pdf-lib needs surfaces a truncated or corrupt file now.
    if (!font.unitsPerEm || !font.numGlyphs) throw new Error('no glyphs');
    font.hasGlyphForCodePoint(0x3042);
    void font.ascent;
    void font.descent;
  } catch (e) {
    throw new FontInvalidError(`fontkit could not read it (${e instanceof Error ? e.message : String(e)}).`, {
      cause: e,
    });
  }
  const parsed = makeParsedFont(font, bytes);
  if (input !== null && typeof input === 'object') cache.set(input, parsed);
  return parsed;
}

function makeParsedFont(font: FkFont, bytes: Uint8Array): ParsedFont {
  const upm = font.unitsPerEm;
  const advances = new Map<number, number>();
  const has = new Map<number, boolean>();
  const advanceOf = (cp: number): number => {
    let a = advances.get(cp);
    if (a === undefined) {
      a = font.glyphForCodePoint(cp).advanceWidth / upm;
      advances.set(cp, a);
    }
    return a;
  };
  const patched = new WeakSet<object>();
  const adapter = {
    create() {
      if (!patched.has(font)) {
        const createSubset = font.createSubset.bind(font);
        (font as { createSubset: () => FkSubset }).createSubset = () => {
          const subset = createSubset();
          subset.encodeStream = () => encodeStreamOf(subset);
          return subset;
        };
        patched.add(font);
      }
      return font;
    },
  } as unknown as PdfLibFontkit;
  return {
    font,
    bytes,
    fontkit: adapter,
    widthOf(text, size) {
      let w = 0;
      for (const ch of text) {
        const cp = ch.codePointAt(0)!;
        if (!isIgnorable(cp)) w += advanceOf(cp);
      }
      return w * size;
    },
    has(cp) {
      let v = has.get(cp);
      if (v === undefined) {
        v = font.hasGlyphForCodePoint(cp);
        has.set(cp, v);
      }
      return v;
    },
  };
}
