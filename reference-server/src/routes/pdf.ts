/**
 * Server-side PDF through `renderReportPdf` from `hersys-sdk/pdf` and the default font from
 * `hersys-sdk/pdf/node` (loaded lazily, once). If the PDF module cannot be loaded the route answers 503.
 */
import type { OccurrenceReport } from 'hersys-sdk/schema';
import { ApiError } from '../lib/errors.js';

type Render = (
  report: OccurrenceReport,
  o: { font: unknown; printHerSysId: boolean; herSysId?: string; locale: 'ja' | 'en' },
) => Promise<Uint8Array>;

let loaded: Promise<{ render: Render; font: unknown }> | undefined;

async function load() {
  const pdf = (await import('hersys-sdk/pdf')) as unknown as { renderReportPdf: Render };
  const node = (await import('hersys-sdk/pdf/node')) as unknown as {
    loadDefaultFont: () => Promise<unknown> | unknown;
  };
  if (typeof pdf.renderReportPdf !== 'function' || typeof node.loadDefaultFont !== 'function') {
    throw new Error('hersys-sdk/pdf does not export renderReportPdf/loadDefaultFont');
  }
  return { render: pdf.renderReportPdf, font: await node.loadDefaultFont() };
}

export async function renderPdf(
  report: OccurrenceReport,
  o: { printHerSysId: boolean; herSysId: string; locale: 'ja' | 'en' },
): Promise<Uint8Array> {
  loaded ??= load();
  let m: { render: Render; font: unknown };
  try {
    m = await loaded;
  } catch (err) {
    loaded = undefined;
    console.error('[pdf] cannot load the PDF module:', err instanceof Error ? err.message : err);
    throw new ApiError(503, 'pdf_unavailable', 'The PDF generator is not available on this server.');
  }
  return m.render(report, {
    font: m.font,
    printHerSysId: o.printHerSysId,
    herSysId: o.herSysId,
    locale: o.locale,
  });
}
