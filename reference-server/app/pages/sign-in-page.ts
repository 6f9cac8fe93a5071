/**
 * The sign-in (issue 6): the SDK's `<hersys-sign-in>` with the reference server's client. Shown by the shell
 * when `/api/me` or any call answers 401; fires `clinic-signed-in` when done (after the offer to register a
 * security key, which the component makes). In development a note points to /dev/outbox for the codes.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { createSignInClient } from 'hersys-sdk/components';
import 'hersys-sdk/define/sign-in';
import { t, type Locale } from '../i18n.js';
import { pageStyles } from '../styles.js';

const client = createSignInClient();

@customElement('clinic-sign-in-page')
export class ClinicSignInPage extends LitElement {
  static override styles = [
    pageStyles,
    css`
      :host {
        display: block;
        max-width: 32rem;
        margin: 1.5rem auto;
      }
    `,
  ];

  @property({ attribute: false }) locale: Locale = 'ja';
  /** Why the sign-in is shown (e.g. the session ended). */
  @property({ attribute: false }) reason?: string;
  @state() private devOutbox = false;

  override connectedCallback(): void {
    super.connectedCallback();
    // Development only: the outbox page exists (production has none).
    fetch('/dev/outbox', { credentials: 'same-origin' }).then(
      (r) => (this.devOutbox = r.ok),
      () => undefined,
    );
  }

  override render() {
    const l = this.locale;
    return html`${this.reason ? html`<div class="notice" role="status">${this.reason}</div>` : nothing}
      <hersys-sign-in
        .api=${client}
        locale=${l}
        @hersys-signed-in=${() => this.dispatchEvent(new Event('clinic-signed-in', { bubbles: true, composed: true }))}
      ></hersys-sign-in>
      ${
        this.devOutbox
          ? html`<p class="devnote">
              <a href="/dev/outbox" target="_blank" rel="noopener">${t(l, 'auth.devOutbox')}</a>
            </p>`
          : nothing
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'clinic-sign-in-page': ClinicSignInPage;
  }
}
