/**
 * hersys-sdk/pdf/node: Node-only helpers for the PDF generator. The library path (`hersys-sdk/pdf`) stays
 * browser-safe; this entry reads the bundled default font from disk.
 *
 * @module
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Where the default font lives: Noto Sans JP Regular (SIL OFL 1.1) from @expo-google-fonts/noto-sans-jp. */
export const DEFAULT_FONT_PATH: string =
  require.resolve('@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf');

let defaultFont: Promise<Uint8Array> | undefined;

/**
 * The default font's bytes (Noto Sans JP Regular, TrueType, 5.4 MB; covers JIS X 0213 kanji such as 髙, 﨑
 * and 𠮷). Read once per process; every call returns the same bytes object, so the parsed font is cached
 * across reports.
 */
export function loadDefaultFont(): Promise<Uint8Array> {
  defaultFont ??= readFile(DEFAULT_FONT_PATH).then(
    (buf) => new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength),
    (e: unknown) => {
      defaultFont = undefined;
      throw e;
    },
  );
  return defaultFont;
}

export { renderReportPdf, type RenderReportPdfOptions } from './index.js';
