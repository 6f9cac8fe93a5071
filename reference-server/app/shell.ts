/**
 * `<clinic-app>`: the app shell. Header (☰ menu, facility and user, 開発モード, language), the manual's menu
 * groups, and the screen for the current route.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { ApiError, UNAUTHENTICATED_EVENT, api, type Me } from './api.js';
import { renderError } from './errors.js';
import { initialLocale, saveLocale, t, type Locale, type MessageKey } from './i18n.js';
import {
  NAVIGATE_EVENT,
  isAppLink,
  navigate,
  normalizeHashLink,
  parseRoute,
  takeFlash,
  type Route,
} from './router.js';
import { pageStyles } from './styles.js';
import './pages/home-page.js';
import { LIST_TITLES } from './lists.js';
import './pages/sessions-page.js';

/**
 * The screens built on the SDK's form and flow (and `hersys-sdk/define`) load on first use, so the home
 * screen and the list do not wait for the form's code.
 */
const LAZY_PAGES = {
  'clinic-new-report-page': () => import('./pages/new-report-page.js'),
  'clinic-report-page': () => import('./pages/report-page.js'),
  'clinic-sign-in-page': () => import('./pages/sign-in-page.js'),
  'clinic-patients-page': () => import('./pages/patients-page.js'),
  'clinic-patient-page': () => import('./pages/patient-page.js'),
  'clinic-pre-register-page': () => import('./pages/pre-register-page.js'),
} as const;

interface MenuItem {
  key: MessageKey;
  href?: string;
  /** Only shown to this kind of facility. */
  only?: Me['user']['facilityKind'][];
}

/** The manual's ☰ menu. Items without `href` are not part of this app and are shown as such. */
const MENU: { group: MessageKey; items: MenuItem[] }[] = [
  {
    group: 'menu.group.registration',
    items: [
      { key: 'menu.newRegistration', href: '/reports/new' },
      { key: 'menu.patientList', href: '/patients' },
      { key: 'menu.oldPatientList', href: '/lists/legacy' },
    ],
  },
  {
    group: 'menu.group.tests',
    items: [
      { key: 'menu.testResults', href: '/lists/tests' },
      { key: 'menu.reportList', href: '/lists/reports' },
    ],
  },
  {
    group: 'menu.group.observation',
    items: [
      { key: 'menu.observationList', href: '/lists/observation' },
      {
        key: 'menu.admissionList',
        href: '/lists/inpatients',
        only: ['inpatient', 'healthCenter', 'prefecture'],
      },
    ],
  },
  { group: 'menu.group.account', items: [{ key: 'menu.sessions', href: '/sessions' }] },
];

const ROUTE_TITLES: Record<Route['name'], MessageKey> = {
  home: 'menu.home',
  newReport: 'menu.newRegistration',
  preRegister: 'pre.heading',
  patients: 'list.heading',
  patient: 'patient.heading',
  list: 'lists.title',
  report: 'report.tab',
  reportEdit: 'report.editHeading',
  sessions: 'sessions.heading',
  notFound: 'app.notFound',
};

/** The user's name without the facility name the server puts in front of it (shown next to it already). */
function userName(user: Me['user']): string {
  const d = user.displayName;
  return d.startsWith(user.facilityName) && d.length > user.facilityName.length
    ? d.slice(user.facilityName.length).trim()
    : d;
}

@customElement('clinic-app')
export class ClinicApp extends LitElement {
  static override styles = [
    pageStyles,
    css`
      :host {
        display: block;
        min-height: 100vh;
        background: var(--_bg-alt);
      }
      .skip {
        position: absolute;
        left: 0.5rem;
        top: -3rem;
        background: var(--_bg);
        padding: 0.5rem 1rem;
        z-index: 10;
      }
      .skip:focus {
        top: 0.5rem;
      }
      header {
        display: flex;
        align-items: center;
        gap: 1rem;
        padding: 0.5rem 1rem;
        background: #0b3d6e;
        color: #fff;
        position: sticky;
        top: 0;
        z-index: 5;
      }
      header a,
      header button {
        color: #fff;
      }
      .hamburger {
        background: transparent;
        border: 1px solid rgba(255, 255, 255, 0.6);
        font-size: 1.25rem;
        width: 2.5rem;
        justify-content: center;
        padding: 0;
      }
      .hamburger:hover {
        background: rgba(255, 255, 255, 0.15);
      }
      .brand {
        text-decoration: none;
        display: flex;
        flex-direction: column;
        line-height: 1.2;
      }
      .brand strong {
        font-size: 1.125rem;
      }
      .brand small {
        font-size: 0.75rem;
        opacity: 0.9;
      }
      .who {
        margin-left: auto;
        display: flex;
        align-items: center;
        gap: 0.75rem;
        flex-wrap: wrap;
        justify-content: flex-end;
        font-size: 0.875rem;
      }
      .who .facility {
        font-weight: 600;
      }
      .dev {
        background: #ffd54f;
        color: #3b2f00;
        font-weight: 700;
        border-radius: 999px;
        padding: 0.1rem 0.6rem;
      }
      .lang {
        display: flex;
        gap: 0;
      }
      .lang button {
        background: transparent;
        border-color: rgba(255, 255, 255, 0.6);
        min-height: 1.9rem;
        padding: 0 0.6rem;
        font-size: 0.8125rem;
      }
      .lang button[aria-pressed='true'] {
        background: #fff;
        color: #0b3d6e;
      }
      header .signout {
        background: transparent;
        border-color: rgba(255, 255, 255, 0.6);
        min-height: 1.9rem;
        padding: 0 0.6rem;
        font-size: 0.8125rem;
      }
      nav .signout-item button {
        margin: 0.25rem 1rem 0 1.5rem;
      }
      .layout {
        display: flex;
        align-items: flex-start;
      }
      nav {
        width: 16rem;
        flex: none;
        background: var(--_bg);
        border-right: 1px solid var(--_line);
        min-height: calc(100vh - 3.5rem);
        padding: 0.5rem 0 1rem;
        position: sticky;
        top: 3.25rem;
      }
      nav[hidden] {
        display: none;
      }
      @media (max-width: 60rem) {
        /* On narrow screens the menu opens over the page instead of squeezing it. */
        nav {
          position: fixed;
          top: 3.25rem;
          bottom: 0;
          left: 0;
          z-index: 4;
          overflow-y: auto;
          min-height: 0;
          box-shadow: 2px 0 12px rgba(0, 0, 0, 0.25);
        }
      }
      nav h2 {
        font-size: 0.8125rem;
        color: var(--_muted);
        margin: 1rem 1rem 0.25rem;
      }
      nav ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      nav li > a,
      nav li > span {
        display: block;
        padding: 0.45rem 1rem 0.45rem 1.5rem;
        text-decoration: none;
        color: var(--_text);
      }
      nav li > a:hover {
        background: var(--_bg-alt);
      }
      nav li > a[aria-current='page'] {
        background: #e3eefb;
        font-weight: 600;
        border-left: 4px solid var(--_primary);
        padding-left: calc(1.5rem - 4px);
      }
      nav li > span {
        color: var(--_muted);
      }
      nav li > span small {
        display: block;
        font-size: 0.75rem;
      }
      nav .top-link {
        font-weight: 600;
      }
      main {
        flex: 1;
        min-width: 0;
        padding: 1.25rem 1.5rem 3rem;
        max-width: 78rem;
      }
      main:focus {
        outline: none;
      }
      .devnote {
        background: #fff8e1;
        border-bottom: 1px solid #e6c200;
        color: #3b2f00;
        padding: 0.35rem 1rem;
        font-size: 0.8125rem;
      }
    `,
  ];

  @state() private locale: Locale = initialLocale();
  @state() private route: Route = { name: 'home' };
  @state() private me?: Me;
  @state() private meError?: unknown;
  @state() private menuOpen = true;
  @state() private flash?: string;
  @state() private pageError?: unknown;
  /** Issue 6: no session (a call answered 401): the sign-in is shown over the screen, which keeps its state. */
  @state() private needSignIn = false;
  @state() private signInReason?: string;
  /** Bumped when the user changes (sign-out, another account): the screen is rebuilt, nothing of the last user stays. */
  @state() private generation = 0;
  @query('main') private mainEl!: HTMLElement;
  @query('.hamburger') private menuButton!: HTMLButtonElement;
  #firstRoute = true;

  override connectedCallback(): void {
    super.connectedCallback();
    normalizeHashLink();
    this.menuOpen = window.matchMedia?.('(min-width: 60rem)').matches ?? true;
    this.#onLocation();
    window.addEventListener('popstate', this.#onLocation);
    window.addEventListener(NAVIGATE_EVENT, this.#onLocation);
    document.addEventListener('click', this.#onClick);
    document.documentElement.lang = this.locale;
    window.addEventListener(UNAUTHENTICATED_EVENT, this.#onUnauthenticated);
    void this.#loadMe();
  }

  override disconnectedCallback(): void {
    window.removeEventListener('popstate', this.#onLocation);
    window.removeEventListener(NAVIGATE_EVENT, this.#onLocation);
    document.removeEventListener('click', this.#onClick);
    window.removeEventListener(UNAUTHENTICATED_EVENT, this.#onUnauthenticated);
    super.disconnectedCallback();
  }

  async #loadMe(): Promise<void> {
    this.meError = undefined;
    try {
      this.me = await api.me();
    } catch (error) {
      // 401: the sign-in is shown (UNAUTHENTICATED_EVENT); anything else is an error with 再試行.
      if (!(error instanceof ApiError && error.status === 401)) this.meError = error;
    }
  }

  #onUnauthenticated = (): void => {
    if (this.needSignIn) return;
    if (this.me) this.signInReason = t(this.locale, 'auth.sessionEnded');
    this.needSignIn = true;
  };

  async #onSignedIn(): Promise<void> {
    const before = this.me?.user.userId;
    this.needSignIn = false;
    this.signInReason = undefined;
    this.flash = undefined;
    await this.#loadMe();
    // Another account (or the first sign-in of this page): rebuild the screen. The same user after an
    // expired session keeps what was on screen, unsaved input included.
    if (!before || before !== this.me?.user.userId) this.generation += 1;
    void this.updateComplete.then(() => this.mainEl?.focus({ preventScroll: true }));
  }

  async #signOut(): Promise<void> {
    try {
      await api.signOut();
    } catch {
      // Signed out anyway below (the session may already have ended).
    }
    this.me = undefined;
    this.generation += 1;
    this.signInReason = t(this.locale, 'auth.signedOut');
    this.needSignIn = true;
    navigate('/', { replace: true });
  }

  /** Loads a lazy screen; the shell re-renders when it is defined (or shows the error). */
  #ensurePage(tag: keyof typeof LAZY_PAGES): boolean {
    if (customElements.get(tag)) return true;
    if (!this.#loading.has(tag)) {
      this.#loading.add(tag);
      LAZY_PAGES[tag]().then(
        () => this.requestUpdate(),
        (error: unknown) => {
          this.#loading.delete(tag);
          this.pageError = error;
        },
      );
    }
    return false;
  }

  #loading = new Set<string>();

  #onLocation = (): void => {
    this.route = parseRoute(new URL(location.href));
    this.pageError = undefined;
    this.flash = takeFlash();
    if (!this.#firstRoute) {
      // Move focus to the new screen so keyboard and screen-reader users start at its top.
      void this.updateComplete.then(() => {
        this.mainEl?.focus({ preventScroll: true });
        window.scrollTo(0, 0);
      });
    }
    this.#firstRoute = false;
  };

  override updated(): void {
    // Each screen has its own title (announced by screen readers on navigation, shown in tabs and history).
    const page = t(
      this.locale,
      this.route.name === 'list' ? LIST_TITLES[this.route.variant] : ROUTE_TITLES[this.route.name],
    );
    document.title = `${page} — HER-SYS ${t(this.locale, 'app.title')}`;
  }

  #onClick = (event: MouseEvent): void => {
    const anchor = event.composedPath().find((n): n is HTMLAnchorElement => n instanceof HTMLAnchorElement);
    if (!anchor || !isAppLink(anchor, event)) return;
    event.preventDefault();
    const url = new URL(anchor.href);
    if (url.pathname + url.search !== location.pathname + location.search)
      navigate(url.pathname + url.search);
    if (!window.matchMedia?.('(min-width: 60rem)').matches) this.menuOpen = false;
  };

  #setLocale(locale: Locale): void {
    this.locale = locale;
    saveLocale(locale);
    document.documentElement.lang = locale;
  }

  #toggleMenu(): void {
    this.menuOpen = !this.menuOpen;
    if (this.menuOpen) {
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('nav a')?.focus());
    }
  }

  #onMenuKey(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      this.menuOpen = false;
      this.menuButton.focus();
    }
  }

  override render() {
    const l = this.locale;
    const user = this.me?.user;
    return html`
      <a class="skip" href="#main" @click=${this.#skip}>${t(l, 'app.skip')}</a>
      <header>
        <button
          class="hamburger"
          type="button"
          aria-expanded=${this.menuOpen ? 'true' : 'false'}
          aria-controls="menu"
          aria-label=${t(l, 'menu.open')}
          title=${t(l, 'menu.open')}
          @click=${this.#toggleMenu}
        >
          ☰
        </button>
        <a class="brand" href="/">
          <strong>HER-SYS ${t(l, 'app.title')}</strong>
          <small>${t(l, 'app.subtitle')}</small>
        </a>
        <div class="who">
          ${
            this.me?.devMode
              ? html`<span class="dev" title=${t(l, 'app.devModeNote')}>${t(l, 'app.devMode')}</span>`
              : nothing
          }
          ${
            user && !this.needSignIn
              ? html`<span>
                    <span class="facility" data-testid="facility">${user.facilityName}</span>
                    (${t(l, `app.facilityKind.${user.facilityKind}` as MessageKey)})
                  </span>
                  <span data-testid="user">${userName(user)}</span>
                  ${
                    this.me?.devMode
                      ? nothing
                      : html`<button type="button" class="signout" @click=${() => this.#signOut()}>
                          ${t(l, 'auth.signOut')}
                        </button>`
                  }`
              : nothing
          }
          <div class="lang" role="group" aria-label=${t(l, 'app.language')}>
            <button type="button" lang="ja" aria-pressed=${l === 'ja'} @click=${() => this.#setLocale('ja')}>
              日本語
            </button>
            <button type="button" lang="en" aria-pressed=${l === 'en'} @click=${() => this.#setLocale('en')}>
              English
            </button>
          </div>
        </div>
      </header>
      ${this.me?.devMode ? html`<div class="devnote">${t(l, 'app.devModeNote')}</div>` : nothing}
      <div class="layout">
        <nav
          id="menu"
          aria-label=${t(l, 'menu.label')}
          ?hidden=${!this.menuOpen || this.needSignIn || !user}
          @keydown=${this.#onMenuKey}
        >
          <ul>
            <li>
              <a class="top-link" href="/" aria-current=${this.route.name === 'home' ? 'page' : 'false'}
                >${t(l, 'menu.home')}</a
              >
            </li>
          </ul>
          ${MENU.map(
            (g) =>
              html`<h2 id=${g.group}>${t(l, g.group)}</h2>
                <ul aria-labelledby=${g.group}>
                  ${g.items
                    .filter((item) => !item.only || (user && item.only.includes(user.facilityKind)))
                    .map((item) => this.#menuItem(item))}
                  ${
                    g.group === 'menu.group.account' && !this.me?.devMode
                      ? html`<li class="signout-item">
                          <button type="button" @click=${() => this.#signOut()}>
                            ${t(l, 'auth.signOut')}
                          </button>
                        </li>`
                      : nothing
                  }
                </ul>`,
          )}
          <ul>
            <li>
              <span>${t(l, 'menu.manual')}<small>${t(l, 'menu.notAvailable')}</small></span>
            </li>
            <li><span>${t(l, 'menu.faq')}</span></li>
          </ul>
        </nav>
        <main id="main" tabindex="-1">
          ${
            this.meError
              ? html`${renderError(l, this.meError)}
                  <p>
                    ${t(l, 'app.meFailed')}
                    <button type="button" @click=${() => this.#loadMe()}>${t(l, 'app.retry')}</button>
                  </p>`
              : nothing
          }
          ${
            this.needSignIn
              ? this.#ensurePage('clinic-sign-in-page')
                ? html`<clinic-sign-in-page
                    .locale=${l}
                    .reason=${this.signInReason}
                    @clinic-signed-in=${() => this.#onSignedIn()}
                  ></clinic-sign-in-page>`
                : this.#pageLoading()
              : nothing
          }
          ${this.flash && !this.needSignIn ? html`<div class="notice" role="status">${this.flash}</div>` : nothing}
          <div class="screen" ?hidden=${this.needSignIn} ?inert=${this.needSignIn}>
            ${user ? keyed(this.generation, this.#page()) : nothing}
          </div>
        </main>
      </div>
    `;
  }

  #skip(event: Event): void {
    event.preventDefault();
    this.mainEl.focus();
  }

  #menuItem(item: MenuItem) {
    const l = this.locale;
    if (!item.href) {
      return html`<li>
        <span>${t(l, item.key)}<small>${t(l, 'menu.notAvailable')}</small></span>
      </li>`;
    }
    const current =
      (item.href === '/sessions' && this.route.name === 'sessions') ||
      (item.href === '/patients' && (this.route.name === 'patients' || this.route.name === 'patient')) ||
      (item.href === '/reports/new' && this.route.name === 'newReport') ||
      (this.route.name === 'list' && item.href === `/lists/${this.route.variant}`);
    return html`<li>
      <a href=${item.href} aria-current=${current ? 'page' : 'false'}>${t(l, item.key)}</a>
    </li>`;
  }

  #pageLoading() {
    if (this.pageError) {
      return html`<div class="alert" role="alert">
        <p>${t(this.locale, 'error.network')}</p>
        <button type="button" @click=${() => location.reload()}>${t(this.locale, 'app.retry')}</button>
      </div>`;
    }
    return html`<p role="status">${t(this.locale, 'app.loading')}</p>`;
  }

  #page() {
    const l = this.locale;
    const r = this.route;
    switch (r.name) {
      case 'home':
        return html`<clinic-home-page .locale=${l}></clinic-home-page>`;
      case 'newReport':
        if (!this.#ensurePage('clinic-new-report-page')) return this.#pageLoading();
        return html`<clinic-new-report-page
          .locale=${l}
          .me=${this.me}
          .copyFrom=${r.copyFrom}
          .herSysId=${r.herSysId}
        ></clinic-new-report-page>`;
      case 'preRegister':
        if (!this.#ensurePage('clinic-pre-register-page')) return this.#pageLoading();
        return html`<clinic-pre-register-page .locale=${l}></clinic-pre-register-page>`;
      case 'sessions':
        return html`<clinic-sessions-page .locale=${l}></clinic-sessions-page>`;
      case 'patients':
        if (!this.#ensurePage('clinic-patients-page')) return this.#pageLoading();
        return html`<clinic-patients-page .locale=${l} .variant=${'registered'}></clinic-patients-page>`;
      case 'list':
        if (!this.#ensurePage('clinic-patients-page')) return this.#pageLoading();
        return html`<clinic-patients-page .locale=${l} .variant=${r.variant}></clinic-patients-page>`;
      case 'patient':
        if (!this.#ensurePage('clinic-patient-page')) return this.#pageLoading();
        return html`<clinic-patient-page
          .locale=${l}
          .me=${this.me}
          .herSysId=${r.herSysId}
        ></clinic-patient-page>`;
      case 'report':
      case 'reportEdit':
        if (!this.#ensurePage('clinic-report-page')) return this.#pageLoading();
        return html`<clinic-report-page
          .locale=${l}
          .me=${this.me}
          .reportId=${r.id}
          .editing=${r.name === 'reportEdit'}
        ></clinic-report-page>`;
      default:
        return html`<h1>${t(l, 'app.notFound')}</h1>
          <p><a href="/">${t(l, 'app.toHome')}</a></p>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'clinic-app': ClinicApp;
  }
}
