import { html, nothing, type TemplateResult } from 'lit';
import { ApiError } from './api.js';
import { t, type Locale } from './i18n.js';

/** A message people can act on, for any error an API call can throw. */
export function errorMessage(locale: Locale, error: unknown): string {
  if (!(error instanceof ApiError)) return t(locale, 'error.server', { status: '-' });
  switch (error.status) {
    case 0:
      return t(locale, 'error.network');
    case 400:
      return error.issues.length
        ? t(locale, 'error.validation', {
            n: error.issues.filter((i) => i.severity === 'error').length || error.issues.length,
          })
        : error.message;
    case 401:
      return t(locale, 'error.unauthenticated');
    case 403:
      return t(locale, 'error.forbidden');
    case 404:
      return t(locale, 'error.notFound');
    case 409:
      return error.code === 'report_deleted' ? t(locale, 'error.deleted') : t(locale, 'error.conflict');
    case 413:
      return t(locale, 'error.tooLarge');
    case 422:
      return error.code === 'confirmation_mismatch' ? t(locale, 'error.confirmationMismatch') : error.message;
    default:
      return t(locale, 'error.server', { status: error.status });
  }
}

/** An error box (role=alert) with the message, the issue list for 400s and the request id. */
export function renderError(locale: Locale, error: unknown, onDismiss?: () => void): TemplateResult {
  const issues = error instanceof ApiError && error.status === 400 ? error.issues : [];
  return html`<div class="alert" role="alert">
    <p>${errorMessage(locale, error)}</p>
    ${
      issues.length
        ? html`<ul>
            ${issues.slice(0, 20).map((i) => html`<li><code>${i.path || '-'}</code>: ${i.code}</li>`)}
          </ul>`
        : nothing
    }
    ${
      error instanceof ApiError && error.requestId
        ? html`<p class="muted">${t(locale, 'error.requestId', { id: error.requestId })}</p>`
        : nothing
    }
    ${onDismiss ? html`<button type="button" @click=${onDismiss}>${t(locale, 'error.dismiss')}</button>` : nothing}
  </div>`;
}
