/**
 * Test helpers around poppler-utils (pdftotext, pdftoppm): text extraction and grayscale renders of PDF
 * pages, and ink counting in a region. CI installs poppler-utils; a missing binary fails the tests with
 * a message saying what to install (never a silent skip).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function run(bin: string, args: string[]): Buffer {
  try {
    return execFileSync(bin, args, { maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(
        `${bin} is not installed: these tests need poppler-utils (apt-get install -y poppler-utils).`,
        { cause: e },
      );
    }
    throw e;
  }
}

function withPdf<T>(bytes: Uint8Array, fn: (file: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'hersys-pdf-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, bytes);
    return fn(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The text of a page (1-based) or of the whole document, as pdftotext extracts it; `crop` (in points,
 * top-left origin) limits it to a region of the page.
 */
export function pdfText(bytes: Uint8Array, page?: number, crop?: PtRect): string {
  return withPdf(bytes, (file) => {
    const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
    const area = crop
      ? [
          '-r',
          '72',
          '-x',
          String(Math.floor(crop.x)),
          '-y',
          String(Math.floor(crop.y)),
          '-W',
          String(Math.ceil(crop.width)),
          '-H',
          String(Math.ceil(crop.height)),
        ]
      : [];
    return run('pdftotext', [...range, ...area, '-enc', 'UTF-8', file, '-']).toString('utf8');
  });
}

/** Text with all whitespace removed, for searching values that wrap across lines. */
export function compact(text: string): string {
  return text.replace(/\s+/g, '');
}

/** An 8-bit grayscale image (0 black … 255 white). */
export interface GrayImage {
  readonly width: number;
  readonly height: number;
  readonly dpi: number;
  readonly data: Uint8Array;
}

/** Renders one page (1-based) to grayscale with pdftoppm. */
export function renderPage(bytes: Uint8Array, page: number, dpi = 100): GrayImage {
  return withPdf(bytes, (file, dir) => {
    const out = join(dir, 'page');
    run('pdftoppm', [
      '-r',
      String(dpi),
      '-gray',
      '-f',
      String(page),
      '-l',
      String(page),
      '-singlefile',
      file,
      out,
    ]);
    return { ...parsePgm(readFileSync(`${out}.pgm`)), dpi };
  });
}

function parsePgm(buf: Buffer): { width: number; height: number; data: Uint8Array } {
  // P5 <width> <height> <maxval> <binary data>
  let pos = 0;
  const tokens: string[] = [];
  while (tokens.length < 4) {
    while (/\s/.test(String.fromCharCode(buf[pos]!))) pos++;
    if (buf[pos] === 0x23) {
      while (buf[pos] !== 0x0a) pos++;
      continue;
    }
    let t = '';
    while (!/\s/.test(String.fromCharCode(buf[pos]!))) t += String.fromCharCode(buf[pos++]!);
    tokens.push(t);
  }
  pos++;
  if (tokens[0] !== 'P5' || tokens[3] !== '255') throw new Error(`unexpected PGM header ${tokens.join(' ')}`);
  const width = Number(tokens[1]);
  const height = Number(tokens[2]);
  return { width, height, data: new Uint8Array(buf.buffer, buf.byteOffset + pos, width * height) };
}

/** A rectangle in PDF points, top-left origin (as the layout gives it). */
export interface PtRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Dark pixels (below 128) inside a rectangle given in points. */
export function inkIn(img: GrayImage, r: PtRect): number {
  const s = img.dpi / 72;
  const x0 = Math.max(0, Math.floor(r.x * s));
  const y0 = Math.max(0, Math.floor(r.y * s));
  const x1 = Math.min(img.width, Math.ceil((r.x + r.width) * s));
  const y1 = Math.min(img.height, Math.ceil((r.y + r.height) * s));
  let dark = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) if (img.data[y * img.width + x]! < 128) dark++;
  }
  return dark;
}

/** Pixels that differ by more than `tolerance` gray levels between two renders of the same size. */
export function diffPixels(a: GrayImage, b: GrayImage, tolerance = 0): number {
  if (a.width !== b.width || a.height !== b.height) throw new Error('renders differ in size');
  let n = 0;
  for (let i = 0; i < a.data.length; i++) if (Math.abs(a.data[i]! - b.data[i]!) > tolerance) n++;
  return n;
}
