// Renders the sample pages of docs/pdf.md: the complete report TC-1 with its HER-SYS ID printed, the
// minimal report, and page 2 of a report whose long free text continues on a second page. Needs
// poppler-utils (pdftoppm). Run: node --import tsx --conditions=source scripts/render-pdf-samples.ts
// Pass --pdf to also keep the PDFs next to the PNGs (they are not committed).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderReportPdf, type RenderReportPdfOptions } from '../src/pdf/index.js';
import { loadDefaultFont } from '../src/pdf/node.js';
import type { OccurrenceReport } from '../src/schema/index.js';
import { FIXTURE_TODAY, minimalReport, tc1Report } from '../tests/fixtures/reports.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(root, 'docs', 'images');
const keepPdf = process.argv.includes('--pdf');
const DPI = 96;

function overflowReport(): OccurrenceReport {
  const r = tc1Report();
  const narrative =
    '9月25日夕方より38.5℃の発熱と咽頭痛、乾性咳嗽あり。同居の長男（9月22日に陽性判明）と食事を共にしていた。' +
    '9月27日当院受診、抗原定性検査（鼻咽頭拭い液）陽性。SpO2 97％（室内気）、胸部聴診で異常なし。高血圧で通院中' +
    '（アムロジピン内服）。独居ではなく長男家族と同居。自宅療養を希望。解熱剤を処方し、症状悪化時の連絡先を説明した。';
  r.clinical!.supplementary = Array.from({ length: 14 }, (_, i) => `【経過${i + 1}】${narrative}`).join('\n');
  return r;
}

const samples: {
  name: string;
  report: OccurrenceReport;
  options?: Partial<RenderReportPdfOptions>;
  pages: number[];
}[] = [
  {
    name: 'pdf-full',
    report: tc1Report(),
    options: { printHerSysId: true, herSysId: '12345678' },
    pages: [1],
  },
  { name: 'pdf-minimal', report: minimalReport(), pages: [1] },
  { name: 'pdf-overflow', report: overflowReport(), pages: [2] },
];

const font = await loadDefaultFont();
mkdirSync(outDir, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'hersys-samples-'));
try {
  for (const s of samples) {
    const bytes = await renderReportPdf(s.report, {
      font,
      today: FIXTURE_TODAY,
      creationDate: new Date('2022-09-27T00:00:00Z'),
      ...s.options,
    });
    const pdf = join(work, `${s.name}.pdf`);
    writeFileSync(pdf, bytes);
    if (keepPdf) writeFileSync(join(outDir, `${s.name}.pdf`), bytes);
    for (const page of s.pages) {
      const base = join(work, `${s.name}-${page}`);
      execFileSync('pdftoppm', [
        '-r',
        String(DPI),
        '-gray',
        '-f',
        String(page),
        '-l',
        String(page),
        '-singlefile',
        pdf,
        base,
      ]);
      const target = join(outDir, page === 1 ? `${s.name}.png` : `${s.name}-p${page}.png`);
      writeFileSync(target, pgmToPng(readFileSync(`${base}.pgm`)));
      console.log(`${target} (${(bytes.length / 1024).toFixed(1)} KiB PDF)`);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** An 8-bit grayscale PNG from a binary PGM (pdftoppm's -png ignores -gray; gray keeps the files small). */
function pgmToPng(pgm: Buffer): Buffer {
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('unexpected PGM');
  const width = Number(header[1]);
  const height = Number(header[2]);
  const pixels = pgm.subarray(header[0].length);
  // Each row starts with filter type 2 (Up): the difference to the row above compresses well.
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 2;
    for (let x = 0; x < width; x++) {
      const above = y > 0 ? pixels[(y - 1) * width + x]! : 0;
      raw[y * (width + 1) + 1 + x] = (pixels[y * width + x]! - above) & 0xff;
    }
  }
  const chunk = (type: string, data: Buffer): Buffer => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grayscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}
