/**
 * Browser helpers of `hersys-sdk/pdf`: fetching a font the host serves, and printing a report with one
 * call (the component host's 「PDF（印刷用）」 button). They use only web APIs (`fetch`, `Blob`, DOM).
 */
import type { OccurrenceReport } from '../schema/index.js';
import { FontMissingError, PdfOptionsError } from './errors.js';
import type { RenderReportPdfOptions } from './index.js';

const fontRequests = new Map<string, Promise<Uint8Array>>();
/** How long printReportPdf waits for the browser to display the PDF in its hidden iframe. */
const LOAD_TIMEOUT_MS = 15_000;

/**
 * Fetches font bytes from a URL the host serves (e.g. `/fonts/NotoSansJP_400Regular.ttf`). The same URL
 * returns the same bytes object, so the parsed font is reused across reports. A failed request is not
 * cached (the next call tries again).
 *
 * @throws {FontMissingError} the request failed or returned an error status.
 */
export function loadFontFromUrl(url: string | URL, init?: RequestInit): Promise<Uint8Array> {
  const key = String(url);
  const cached = fontRequests.get(key);
  if (cached) return cached;
  const request = (async () => {
    let response: Response;
    try {
      response = await fetch(url, init);
    } catch (e) {
      throw new FontMissingError(
        `The font could not be fetched from ${key} (${e instanceof Error ? e.message : String(e)}).`,
      );
    }
    if (!response.ok) {
      throw new FontMissingError(`The font could not be fetched from ${key} (HTTP ${response.status}).`);
    }
    return new Uint8Array(await response.arrayBuffer());
  })();
  fontRequests.set(key, request);
  request.catch(() => fontRequests.delete(key));
  return request;
}

/** Options of {@link printReportPdf}: those of `renderReportPdf`, and how to show the print dialog. */
export interface PrintReportPdfOptions extends RenderReportPdfOptions {
  /**
   * 'iframe' (default) prints from a hidden iframe in the current page; 'window' opens the PDF in a new
   * tab (for browsers that cannot print a PDF from an iframe, e.g. Safari), where the user prints it.
   */
  readonly target?: 'iframe' | 'window';
}

/**
 * Renders a report and opens the browser's print dialog for it: one call for a host's print button. The
 * hidden iframe and the blob URL are removed after printing (or after a minute).
 *
 * @returns the PDF bytes (e.g. to keep or upload them as well).
 * @throws the errors of `renderReportPdf`; `PdfOptionsError` outside a browser, when the new window is
 * blocked by a popup blocker, or when the browser does not display PDFs in frames (15 s without loading).
 */
export async function printReportPdf(
  report: OccurrenceReport,
  options: PrintReportPdfOptions,
): Promise<Uint8Array> {
  if (typeof document === 'undefined' || typeof URL.createObjectURL !== 'function') {
    throw new PdfOptionsError(
      'printReportPdf needs a browser; in Node use renderReportPdf and send the bytes.',
    );
  }
  const { renderReportPdf } = await import('./index.js');
  const bytes = await renderReportPdf(report, options);
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/pdf' }));
  if (options.target === 'window') {
    const win = window.open(url, '_blank');
    if (!win) {
      URL.revokeObjectURL(url);
      throw new PdfOptionsError(
        'The browser blocked the new window; allow pop-ups for this site or use target "iframe".',
      );
    }
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    return bytes;
  }
  const frame = document.createElement('iframe');
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  frame.style.cssText = 'position:fixed;right:0;bottom:0;width:0;height:0;border:0;visibility:hidden';
  let cleaned = false;
  const cleanup = (): void => {
    if (cleaned) return;
    cleaned = true;
    frame.remove();
    URL.revokeObjectURL(url);
  };
  const loaded = await new Promise<boolean>((resolve) => {
    // A browser that downloads PDFs instead of showing them never loads the frame: give up after a while.
    const timer = setTimeout(() => resolve(false), LOAD_TIMEOUT_MS);
    frame.addEventListener(
      'load',
      () => {
        clearTimeout(timer);
        resolve(true);
      },
      { once: true },
    );
    frame.src = url;
    document.body.append(frame);
  });
  if (!loaded) {
    cleanup();
    throw new PdfOptionsError(
      'The browser did not display the PDF for printing (its PDF viewer may be turned off); use target "window" ' +
        'or offer the bytes returned by renderReportPdf as a download.',
    );
  }
  const win = frame.contentWindow;
  if (win) {
    win.addEventListener('afterprint', () => setTimeout(cleanup, 1_000), { once: true });
    win.focus();
    win.print();
  }
  setTimeout(cleanup, 60_000);
  return bytes;
}
