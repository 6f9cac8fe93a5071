/**
 * 「セッション」: the signed-in user's own sessions (issue 6), each with 終了. Ending the current one signs out.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, type SessionInfo } from '../api.js';
import { renderError } from '../errors.js';
import { formatDateTime, t, type Locale } from '../i18n.js';
import { pageStyles } from '../styles.js';

@customElement('clinic-sessions-page')
export class ClinicSessionsPage extends LitElement {
  static override styles = [
    pageStyles,
    css`
      table {
        border-collapse: collapse;
        width: 100%;
        background: var(--_bg);
      }
      th,
      td {
        border: 1px solid var(--_line);
        padding: 0.4rem 0.6rem;
        text-align: left;
        vertical-align: top;
      }
      .ua {
        font-size: 0.8125rem;
        color: var(--_muted);
        word-break: break-all;
      }
      .current {
        font-weight: 600;
      }
    `,
  ];

  @property({ attribute: false }) locale: Locale = 'ja';
  @state() private items?: SessionInfo[];
  @state() private error?: unknown;
  @state() private notice?: string;
  @state() private busy = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
  }

  async #load(): Promise<void> {
    try {
      this.items = (await api.sessions()).items;
      this.error = undefined;
    } catch (error) {
      this.error = error;
    }
  }

  async #end(s: SessionInfo): Promise<void> {
    this.busy = true;
    this.notice = undefined;
    try {
      await api.endSession(s.id);
      if (s.current) {
        // The shell shows the sign-in (the next call answers 401).
        await api.me().catch(() => undefined);
        return;
      }
      this.notice = t(this.locale, 'sessions.ended');
      await this.#load();
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const l = this.locale;
    return html`<h1>${t(l, 'sessions.heading')}</h1>
      <p>${t(l, 'sessions.intro')}</p>
      ${this.error ? renderError(l, this.error) : nothing}
      ${this.notice ? html`<div class="notice" role="status">${this.notice}</div>` : nothing}
      ${
        !this.items
          ? html`<p role="status">${t(l, 'app.loading')}</p>`
          : this.items.length === 0
            ? html`<p>${t(l, 'sessions.none')}</p>`
            : html`<table data-testid="sessions">
                <thead>
                  <tr>
                    <th scope="col">${t(l, 'sessions.created')}</th>
                    <th scope="col">${t(l, 'sessions.lastSeen')}</th>
                    <th scope="col">${t(l, 'sessions.from')}</th>
                    <th scope="col">${t(l, 'sessions.device')}</th>
                    <th scope="col"><span class="visually-hidden">${t(l, 'sessions.end')}</span></th>
                  </tr>
                </thead>
                <tbody>
                  ${this.items.map(
                    (s) =>
                      html`<tr class=${s.current ? 'current' : ''}>
                        <td>
                          ${formatDateTime(l, s.createdAt)}
                          ${s.current ? html`<br /><span>${t(l, 'sessions.current')}</span>` : nothing}
                        </td>
                        <td>${formatDateTime(l, s.lastSeenAt)}</td>
                        <td>${s.ip ?? '-'}</td>
                        <td class="ua">${s.userAgent ?? '-'}</td>
                        <td>
                          <button type="button" ?disabled=${this.busy} @click=${() => this.#end(s)}>
                            ${t(l, 'sessions.end')}
                          </button>
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'clinic-sessions-page': ClinicSessionsPage;
  }
}
