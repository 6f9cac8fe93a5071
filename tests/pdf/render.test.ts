import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PDFDocument } from 'pdf-lib';
import {
  A4,
  FontInvalidError,
  FontMissingError,
  PdfOptionsError,
  ReportInvalidError,
  ReportPdfError,
  layoutReportForPrint,
  renderReportPdf,
  type RenderReportPdfOptions,
  type TextOp,
} from '../../src/pdf/index.js';
import { loadDefaultFont } from '../../src/pdf/node.js';
import { issueMessage } from '../../src/locales/index.js';
import { validateReport, type OccurrenceReport } from '../../src/schema/index.js';
import { FIXTURE_TODAY, manualDateExampleReport, minimalReport, tc1Report } from '../fixtures/reports.js';
import { compact, inkIn, pdfText, renderPage } from './poppler.js';

let font: Uint8Array;
before(async () => {
  font = await loadDefaultFont();
});

const opts = (extra: Partial<RenderReportPdfOptions> = {}): RenderReportPdfOptions => ({
  font,
  today: FIXTURE_TODAY,
  ...extra,
});

/** The text ops of a layout drawn for a field, on a page (1-based). */
function opsFor(
  report: OccurrenceReport,
  field: string,
  extra: Partial<RenderReportPdfOptions> = {},
): (TextOp & { page: number })[] {
  const layout = layoutReportForPrint(report, opts(extra));
  return layout.pages.flatMap((p, i) =>
    p.ops
      .filter((op): op is TextOp => op.kind === 'text' && op.field === field)
      .map((op) => ({ ...op, page: i + 1 })),
  );
}

describe('renderReportPdf: a complete report (TC-1)', () => {
  let bytes: Uint8Array;
  let text: string;
  before(async () => {
    bytes = await renderReportPdf(tc1Report(), opts({ printHerSysId: true, herSysId: '12345678' }));
    text = compact(pdfText(bytes));
  });

  it('is a PDF pdf-lib can load: one A4 portrait page with title and language', async () => {
    const doc = await PDFDocument.load(bytes);
    assert.equal(doc.getPageCount(), 1);
    const { width, height } = doc.getPage(0).getSize();
    assert.ok(Math.abs(width - A4.width) < 0.01 && Math.abs(height - A4.height) < 0.01);
    assert.match(doc.getTitle() ?? '', /新型コロナウイルス感染症 発生届 – 山田 花子/);
  });

  it('has the form title, addressee, preamble and footnotes as real text', () => {
    for (const s of [
      '新型コロナウイルス感染症発生届',
      '都道府県知事（保健所設置市長・特別区長）殿',
      '第１２条第１項',
      '該当するもの全てを記載すること',
    ]) {
      assert.ok(text.includes(s), `missing 「${s}」`);
    }
  });

  it('gives back the name, the kana, the wareki dates and the HER-SYS ID', () => {
    for (const s of [
      '山田',
      '花子',
      'ヤマダ',
      'ハナコ',
      '昭和25年4月12日', // date of birth
      '令和4年9月27日', // report, diagnosis, first visit
      '令和4年9月25日', // onset
      '令和4年9月22日', // estimated infection
      '72歳', // age at diagnosis
      '12345678',
      '河野',
      '東京中央クリニック',
      '〒100-0004東京都千代田区大手町1-2-3',
      '090-1234-5678',
      'みなと保健所',
      '千代田保健所',
      '同居家族',
    ]) {
      assert.ok(text.includes(s), `missing 「${s}」`);
    }
  });

  it('prints the HER-SYS ID only when asked', async () => {
    const plain = compact(pdfText(await renderReportPdf(tc1Report(), opts({ herSysId: '12345678' }))));
    assert.ok(!plain.includes('12345678'));
    assert.ok(!plain.includes('HER-SYSID'));
    assert.ok(plain.includes('山田'));
  });

  it('draws ink where each value is (a blank-glyph font fails this)', () => {
    const img = renderPage(bytes, 1, 100);
    const layout = layoutReportForPrint(tc1Report(), opts({ printHerSysId: true, herSysId: '12345678' }));
    const fields = [
      'patient.name',
      'patient.kana',
      'patient.dateOfBirth',
      'herSysId',
      'diagnosis.diagnosisDate',
      'reportDate',
    ];
    for (const field of fields) {
      const op = layout.pages[0]!.ops.find((o): o is TextOp => o.kind === 'text' && o.field === field);
      assert.ok(op, `no text drawn for ${field}`);
      const ink = inkIn(img, { x: op.x, y: op.y, width: op.width, height: op.size });
      // A CJK glyph at 9–12 pt covers roughly 15–40 dark pixels at 100 dpi; require a few per character.
      const chars = Array.from(op.text.replace(/\s/g, '')).length;
      assert.ok(ink >= chars * 4, `${field} 「${op.text}」: only ${ink} dark pixels for ${chars} characters`);
    }
  });

  it('the ink check can fail: an empty field draws nothing', () => {
    const img = renderPage(bytes, 1, 100);
    const layout = layoutReportForPrint(tc1Report(), opts());
    // TC-1 has no guardian: the value area of item 9 (below its label) must be blank.
    const label = layout.pages[0]!.ops.find(
      (o): o is TextOp => o.kind === 'text' && o.text.startsWith('９ 保護者氏名'),
    );
    assert.ok(label);
    assert.equal(
      inkIn(img, { x: label.box.x + 6, y: label.y + 12, width: label.box.width - 12, height: 10 }),
      0,
    );
  });

  it('circles the chosen options (one circle per choice)', () => {
    const layout = layoutReportForPrint(tc1Report(), opts());
    const marks = layout.pages[0]!.ops.filter((o) => o.kind === 'mark');
    const fields = marks.map((o) => (o.kind === 'mark' ? o.field : ''));
    assert.equal(fields.filter((f) => f === 'patient.category').length, 1);
    assert.equal(fields.filter((f) => f === 'patient.sex').length, 1);
    assert.equal(fields.filter((f) => f === 'diagnosis.symptoms').length, 3); // fever, cough, fatigue
    assert.equal(fields.filter((f) => f === 'diagnosis.spo2').length, 1);
    assert.equal(fields.filter((f) => f === 'riskFactors.items').length, 1); // hypertension
    assert.equal(fields.filter((f) => f === 'clinical.severity').length, 1);
  });

  it('is small: the subset font keeps the file under 150 KB', () => {
    assert.ok(bytes.length < 150 * 1024, `${bytes.length} bytes`);
  });
});

describe('renderReportPdf: other reports', () => {
  it('prints a minimal report on one page with the blank template', async () => {
    const bytes = await renderReportPdf(minimalReport(), opts());
    const doc = await PDFDocument.load(bytes);
    assert.equal(doc.getPageCount(), 1);
    const text = compact(pdfText(bytes));
    assert.ok(text.includes('鈴木'));
    assert.ok(text.includes('令和4年7月1日'));
    assert.ok(text.includes('令和年月日'), "blank dates print as the form's 「令和　年　月　日」");
  });

  it('prints rare kanji in names (髙, 﨑, 𠮷) as text and as ink', async () => {
    const r = tc1Report();
    r.patient!.familyName = '髙﨑';
    r.patient!.givenName = '𠮷男';
    const bytes = await renderReportPdf(r, opts());
    const text = compact(pdfText(bytes));
    assert.ok(text.includes('髙﨑'), text.slice(0, 400));
    assert.ok(text.includes('𠮷男'));
    const [op] = opsFor(r, 'patient.name');
    assert.ok(op);
    const img = renderPage(bytes, 1, 100);
    // Each of the four characters has ink in its own em box.
    for (let i = 0; i < 4; i++) {
      const x = op.x + (i + (i >= 2 ? 1 : 0)) * op.size; // a full-width space separates family and given name
      assert.ok(inkIn(img, { x, y: op.y, width: op.size, height: op.size }) > 10, `character ${i} is blank`);
    }
  });

  it('keeps an IVS variant (葛󠄀) with its character and prints it', async () => {
    const r = tc1Report();
    r.patient!.familyName = '葛\u{E0100}城';
    const bytes = await renderReportPdf(r, opts());
    assert.ok(compact(pdfText(bytes)).includes('城'));
    const [op] = opsFor(r, 'patient.name');
    assert.ok(op);
    // The selector has no width: the name is as wide as its four visible characters and the space.
    assert.ok(Math.abs(op.width - op.size * 5) < 0.01, `width ${op.width}`);
  });

  it('continues very long free text on further pages instead of cutting it', async () => {
    const r = tc1Report();
    const sentences = Array.from({ length: 260 }, (_, i) => `補足${i + 1}番目の記載です。`);
    r.clinical!.supplementary = sentences.join('');
    const bytes = await renderReportPdf(r, opts());
    const doc = await PDFDocument.load(bytes);
    assert.ok(doc.getPageCount() >= 2, `${doc.getPageCount()} pages`);
    // The text of the continued box on every page, in page order (the page furniture is outside it).
    const ops = opsFor(r, 'clinical.supplementary');
    let all = '';
    for (let page = 1; page <= doc.getPageCount(); page++) {
      const mine = ops.filter((o) => o.page === page);
      if (mine.length === 0) continue;
      const top = Math.min(...mine.map((o) => o.y));
      const bottom = Math.max(...mine.map((o) => o.y + o.size));
      all += compact(
        pdfText(bytes, page, { x: mine[0]!.box.x, y: top, width: mine[0]!.box.width, height: bottom - top }),
      );
    }
    // Every sentence is printed, in order: nothing was cut.
    let from = 0;
    for (const s of sentences) {
      const at = all.indexOf(s, from);
      assert.ok(at >= 0, `「${s}」 is missing`);
      from = at + s.length;
    }
    const page2 = compact(pdfText(bytes, 2));
    assert.ok(page2.includes('（続き）'), 'page 2 is marked as a continuation');
    assert.ok(
      page2.includes('当該者氏名') && page2.includes('山田') && page2.includes('花子'),
      'page 2 names the patient',
    );
    assert.ok(compact(pdfText(bytes, 1)).includes('（次ページに続く）'));
  });

  it('a report with 2 pages has ink on page 2 where the text continues', async () => {
    const r = tc1Report();
    r.clinical!.supplementary = 'あ'.repeat(2000);
    const bytes = await renderReportPdf(r, opts());
    assert.equal((await PDFDocument.load(bytes)).getPageCount(), 2);
    const ops = opsFor(r, 'clinical.supplementary').filter((o) => o.page === 2);
    assert.ok(ops.length > 0);
    const img = renderPage(bytes, 2, 72);
    assert.ok(inkIn(img, { x: ops[0]!.x, y: ops[0]!.y, width: ops[0]!.width, height: ops[0]!.size }) > 50);
  });

  it('lists the warnings the user confirmed, with message and reason', async () => {
    const r = manualDateExampleReport();
    const result = validateReport(r, { today: FIXTURE_TODAY });
    assert.ok(result.ok);
    const warnings = result.issues.filter((i) => i.severity === 'warning' && i.code.startsWith('date.'));
    assert.ok(warnings.length > 0, 'the manual example raises date warnings');
    r.confirmedWarnings = warnings.map((w) => ({
      code: w.code,
      path: w.path,
      confirmedAt: '2022-06-27T10:15:00+09:00',
      reason: '問診で確認済み',
    }));
    const text = compact(pdfText(await renderReportPdf(r, opts())));
    assert.ok(text.includes('確認のうえ届け出た警告'));
    assert.ok(text.includes('問診で確認済み'));
    assert.ok(text.includes(compact(issueMessage(warnings[0]!, 'ja'))), issueMessage(warnings[0]!, 'ja'));
  });

  it('prints English labels with locale "en" (values stay as entered)', async () => {
    const bytes = await renderReportPdf(tc1Report(), opts({ locale: 'en' }));
    const text = compact(pdfText(bytes));
    assert.ok(text.includes('COVID-19OccurrenceReport'));
    assert.ok(text.includes('山田花子'));
    assert.ok(text.includes('1950-04-12'));
  });
});

describe('renderReportPdf: batches', () => {
  it('renders concurrently with one font object, byte-identical to one at a time', async () => {
    const when = new Date('2022-09-27T00:00:00Z');
    const o = opts({ creationDate: when });
    const one = [await renderReportPdf(tc1Report(), o), await renderReportPdf(minimalReport(), o)];
    const many = await Promise.all(
      Array.from({ length: 8 }, (_, i) => renderReportPdf(i % 2 ? minimalReport() : tc1Report(), o)),
    );
    many.forEach((bytes, i) => assert.deepEqual(bytes, one[i % 2], `report ${i}`));
  });
});

describe('renderReportPdf: bad input', () => {
  it('refuses an invalid report with ReportInvalidError carrying the issues', async () => {
    const r = tc1Report();
    delete r.patient!.familyName;
    r.patient!.dateOfBirth = '2030-01-01';
    await assert.rejects(renderReportPdf(r, opts()), (e: unknown) => {
      assert.ok(e instanceof ReportInvalidError);
      assert.ok(e instanceof ReportPdfError);
      assert.equal(e.name, 'ReportInvalidError');
      assert.ok(e.errors.length >= 2);
      assert.ok(e.issues.some((i) => i.path === 'patient.familyName' && i.severity === 'error'));
      assert.match(e.message, /not valid and was not printed/);
      return true;
    });
  });

  it('refuses a missing font with FontMissingError saying what to pass', async () => {
    for (const font of [undefined, new Uint8Array(0), 'NotoSansJP']) {
      await assert.rejects(
        renderReportPdf(tc1Report(), { font: font as never, today: FIXTURE_TODAY }),
        (e: unknown) =>
          e instanceof FontMissingError &&
          /loadDefaultFont/.test(e.message) &&
          /options\.font/.test(e.message),
      );
    }
  });

  it('refuses bytes that are not a usable font with FontInvalidError', async () => {
    const cases: [string, Uint8Array][] = [
      ['garbage', new TextEncoder().encode('this is not a font at all')],
      ['collection', new Uint8Array([0x74, 0x74, 0x63, 0x66, 0, 1, 0, 0])],
      ['woff2', new Uint8Array([0x77, 0x4f, 0x46, 0x32, 0, 0, 0, 0])],
      ['truncated', font.slice(0, 2000)],
    ];
    for (const [name, bytes] of cases) {
      await assert.rejects(
        renderReportPdf(tc1Report(), { font: bytes, today: FIXTURE_TODAY }),
        (e: unknown) => e instanceof FontInvalidError && /TrueType/.test(e.message),
        name,
      );
    }
  });

  it('asks for the HER-SYS ID when printHerSysId is set without one', async () => {
    await assert.rejects(renderReportPdf(tc1Report(), opts({ printHerSysId: true })), PdfOptionsError);
    await assert.rejects(
      renderReportPdf(tc1Report(), opts({ printHerSysId: true, herSysId: '  ' })),
      PdfOptionsError,
    );
    await assert.rejects(renderReportPdf(tc1Report(), opts({ locale: 'fr' as never })), PdfOptionsError);
  });
});
