import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { GlyphMissingError, renderReportPdf } from '../../src/pdf/index.js';
import { loadDefaultFont } from '../../src/pdf/node.js';
import { parseFont } from '../../src/pdf/font.js';
import { FIXTURE_TODAY, tc1Report } from '../fixtures/reports.js';
import { diffPixels, inkIn, renderPage } from './poppler.js';

let font: Uint8Array;
before(async () => {
  font = await loadDefaultFont();
});

describe('font embedding', () => {
  it('a subset-embedded report renders exactly like the fully embedded font', async () => {
    // The trap this guards against: @pdf-lib/fontkit writes broken subsets of CJK fonts that poppler draws
    // blank while pdftotext still extracts the text. Compare the pixels with a full embed instead.
    const r = tc1Report();
    r.patient!.familyName = '髙﨑';
    r.patient!.givenName = '𠮷男';
    const when = new Date('2022-09-27T00:00:00Z');
    const subset = await renderReportPdf(r, { font, today: FIXTURE_TODAY, creationDate: when });
    const full = await renderReportPdf(r, { font, today: FIXTURE_TODAY, creationDate: when, subset: false });
    assert.ok(full.length > 3_000_000, `full embed is ${full.length} bytes`);
    assert.ok(subset.length < full.length / 20, `subset ${subset.length} vs full ${full.length}`);
    const a = renderPage(subset, 1, 72);
    const b = renderPage(full, 1, 72);
    const changed = diffPixels(a, b, 0);
    assert.equal(changed, 0, `${changed} pixels differ between subset and full embed`);
    // And the page is not blank (both blank would also be "identical").
    assert.ok(inkIn(a, { x: 0, y: 0, width: 595, height: 842 }) > 20_000);
  });

  it('parses a bytes object once and reuses it (batches)', () => {
    const a = parseFont(font);
    assert.equal(parseFont(font), a);
    assert.notEqual(parseFont(font.slice()), a, 'another bytes object is parsed on its own');
  });

  it('covers the rare kanji of names: 髙 﨑 𠮷 and JIS X 0213 forms', () => {
    const f = parseFont(font);
    for (const ch of ['髙', '﨑', '𠮷', '神', '德', '栁', '濵']) assert.ok(f.has(ch.codePointAt(0)!), ch);
  });
});

describe('a font without the needed glyphs', () => {
  // A Latin-only TrueType font from the system (fonts-liberation comes with Debian's chromium package).
  const candidates = [
    '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
    '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
    '/usr/share/fonts/truetype/freefont/FreeSans.ttf',
  ];
  const latin = candidates.find((p) => existsSync(p));

  it('is refused with GlyphMissingError naming the characters and the fields', async () => {
    assert.ok(
      latin,
      `no Latin-only test font found; install fonts-liberation (tried ${candidates.join(', ')})`,
    );
    const bytes = new Uint8Array(readFileSync(latin));
    await assert.rejects(
      renderReportPdf(tc1Report(), { font: bytes, today: FIXTURE_TODAY, locale: 'en' }),
      (e: unknown) => {
        assert.ok(e instanceof GlyphMissingError);
        const yama = e.missing.find((m) => m.char === '山');
        assert.ok(yama, '山 is listed');
        assert.equal(yama.codePoint, 'U+5C71');
        assert.ok(yama.paths.includes('patient.name'), yama.paths.join());
        assert.match(e.message, /no glyph for \d+ characters: 「河」\(U\+6CB3\) in reporter\.doctorName/);
        assert.match(e.message, /options\.font/);
        return true;
      },
    );
  });
});
