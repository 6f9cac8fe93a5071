/** The manual's home screen after sign-in: the big choices with their explanatory text. */
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { t, type Locale } from '../i18n.js';
import { pageStyles } from '../styles.js';

@customElement('clinic-home-page')
export class ClinicHomePage extends LitElement {
  static override styles = [
    pageStyles,
    css`
      section {
        margin-bottom: 1.5rem;
      }
      h2 {
        font-size: 1rem;
        border-left: 4px solid var(--_primary);
        padding-left: 0.5rem;
      }
      .choices {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr));
        gap: 1rem;
      }
      .choice {
        display: block;
        background: var(--_bg);
        border: 1px solid var(--_line);
        border-radius: 8px;
        padding: 1rem 1.25rem;
        text-decoration: none;
        color: var(--_text);
      }
      a.choice:hover {
        border-color: var(--_primary);
        box-shadow: 0 1px 4px rgba(11, 92, 173, 0.25);
      }
      .choice .label {
        display: inline-flex;
        align-items: center;
        min-height: 2.75rem;
        padding: 0 1.25rem;
        border-radius: var(--_radius);
        background: var(--_primary);
        color: var(--_on-primary);
        font-weight: 700;
        font-size: 1.0625rem;
        margin-bottom: 0.75rem;
      }
      .choice p {
        margin: 0;
        line-height: 1.6;
      }
      .choice.unavailable .label {
        background: var(--_bg-alt);
        color: var(--_muted);
        border: 1px solid var(--_line);
      }
    `,
  ];

  @property({ attribute: false }) locale: Locale = 'ja';

  override render() {
    const l = this.locale;
    return html`
      <h1 class="visually-hidden">${t(l, 'home.heading')}</h1>
      <section aria-labelledby="g-new">
        <h2 id="g-new">${t(l, 'home.newGroup')}</h2>
        <div class="choices">
          <a class="choice" href="/reports/new" data-testid="home-new">
            <span class="label">${t(l, 'home.new')}</span>
            <p>${t(l, 'home.newText')}</p>
          </a>
          <a class="choice" href="/patients/new" data-testid="home-pre">
            <span class="label">${t(l, 'home.pre')}</span>
            <p>${t(l, 'home.preText')}</p>
          </a>
        </div>
      </section>
      <section aria-labelledby="g-view">
        <h2 id="g-view">${t(l, 'home.viewGroup')}</h2>
        <div class="choices">
          <a class="choice" href="/patients" data-testid="home-view">
            <span class="label">${t(l, 'home.view')}</span>
            <p>${t(l, 'home.viewText')}</p>
          </a>
        </div>
      </section>
      <section aria-labelledby="g-import">
        <h2 id="g-import">${t(l, 'home.import')}</h2>
        <div class="choices">
          <div class="choice unavailable">
            <span class="label">${t(l, 'home.import')}</span>
            <p>${t(l, 'home.importText')}</p>
            <p class="muted">${t(l, 'menu.notAvailable')}</p>
          </div>
        </div>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'clinic-home-page': ClinicHomePage;
  }
}
