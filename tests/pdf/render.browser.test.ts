import { expect } from '@open-wc/testing';
import { PDFDocument } from 'pdf-lib';
import { renderReportPdf, loadFontFromUrl } from '../../src/pdf/index.js';
import { tc1Report, FIXTURE_TODAY } from '../fixtures/reports.js';

const FONT_URL = '/node_modules/@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf';

describe('renderReportPdf in the browser', () => {
  it('renders TC-1 to a one-page PDF', async () => {
    const font = await loadFontFromUrl(FONT_URL);
    const bytes = await renderReportPdf(tc1Report(), { font, today: FIXTURE_TODAY });
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).to.equal(1);
  });
});
