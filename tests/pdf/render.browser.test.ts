import { expect } from '@open-wc/testing';
import { PDFDocument } from 'pdf-lib';
import {
  FontMissingError,
  ReportInvalidError,
  loadFontFromUrl,
  printReportPdf,
  renderReportPdf,
} from '../../src/pdf/index.js';
import { FIXTURE_TODAY, minimalReport, tc1Report } from '../fixtures/reports.js';

// web-test-runner serves the repository root, so the npm package's font file is reachable by URL, the way
// a host app serves it from its own static files.
const FONT_URL = '/node_modules/@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf';

describe('hersys-sdk/pdf in the browser', () => {
  let font: Uint8Array;
  before(async () => {
    font = await loadFontFromUrl(FONT_URL);
  });

  it('fetches the font once per URL', async () => {
    expect(font.byteLength).to.be.greaterThan(5_000_000);
    expect(await loadFontFromUrl(FONT_URL)).to.equal(font);
  });

  it('renders TC-1 with the HER-SYS ID to a one-page A4 PDF with a subset font', async () => {
    const bytes = await renderReportPdf(tc1Report(), {
      font,
      today: FIXTURE_TODAY,
      printHerSysId: true,
      herSysId: '12345678',
    });
    expect(bytes).to.be.instanceOf(Uint8Array);
    expect(bytes.length).to.be.lessThan(150 * 1024);
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).to.equal(1);
    const { width, height } = doc.getPage(0).getSize();
    expect(Math.round(width)).to.equal(595);
    expect(Math.round(height)).to.equal(842);
    expect(doc.getTitle()).to.contain('山田 花子');
  });

  it('renders a minimal report on one page and a very long text on more', async () => {
    const minimal = await PDFDocument.load(
      await renderReportPdf(minimalReport(), { font, today: FIXTURE_TODAY }),
    );
    expect(minimal.getPageCount()).to.equal(1);
    const r = tc1Report();
    r.clinical!.supplementary = '長い補足情報です。'.repeat(400);
    const long = await PDFDocument.load(await renderReportPdf(r, { font, today: FIXTURE_TODAY }));
    expect(long.getPageCount()).to.be.greaterThan(1);
  });

  it('produces the same bytes as Node would (no Node-only API on the way)', async () => {
    const when = new Date('2022-09-27T00:00:00Z');
    const a = await renderReportPdf(tc1Report(), { font, today: FIXTURE_TODAY, creationDate: when });
    const b = await renderReportPdf(tc1Report(), { font, today: FIXTURE_TODAY, creationDate: when });
    expect(a.length).to.equal(b.length);
    expect(a.every((x, i) => x === b[i])).to.equal(true);
  });

  it('refuses an invalid report and reports a font URL that does not exist', async () => {
    const r = tc1Report();
    delete r.patient!.familyName;
    let error: unknown;
    try {
      await renderReportPdf(r, { font, today: FIXTURE_TODAY });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(ReportInvalidError);
    expect((error as ReportInvalidError).issues.some((i) => i.path === 'patient.familyName')).to.equal(true);

    error = undefined;
    try {
      await loadFontFromUrl('/no/such/font.ttf');
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(FontMissingError);
    expect((error as Error).message).to.contain('HTTP 404');
  });

  it('printReportPdf opens the print dialog from a hidden iframe and cleans up', async () => {
    const before = document.querySelectorAll('iframe').length;
    const bytes = await printReportPdf(tc1Report(), { font, today: FIXTURE_TODAY });
    expect(bytes.length).to.be.greaterThan(1000);
    const frames = [...document.querySelectorAll('iframe')];
    expect(frames.length).to.equal(before + 1);
    const frame = frames.at(-1)!;
    expect(frame.src).to.match(/^blob:/);
    expect(frame.getAttribute('aria-hidden')).to.equal('true');
    frame.contentWindow?.dispatchEvent(new Event('afterprint'));
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(document.querySelectorAll('iframe').length).to.equal(before);
  });

  it('printReportPdf with target "window" opens the PDF in a new tab, and says so when it is blocked', async () => {
    const original = window.open;
    const opened: string[] = [];
    try {
      window.open = ((url: string) => {
        opened.push(url);
        return {} as Window;
      }) as typeof window.open;
      await printReportPdf(tc1Report(), { font, today: FIXTURE_TODAY, target: 'window' });
      expect(opened).to.have.length(1);
      expect(opened[0]).to.match(/^blob:/);

      window.open = (() => null) as typeof window.open;
      let error: unknown;
      try {
        await printReportPdf(tc1Report(), { font, today: FIXTURE_TODAY, target: 'window' });
      } catch (e) {
        error = e;
      }
      expect((error as Error).name).to.equal('PdfOptionsError');
      expect((error as Error).message).to.contain('pop-ups');
    } finally {
      window.open = original;
    }
  });
});
