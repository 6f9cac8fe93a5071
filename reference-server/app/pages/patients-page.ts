/**
 * 登録情報一覧 (`/patients`) and the menu's other lists (`/lists/:variant`: 旧登録情報一覧, 検査結果一覧,
 * 発生届一覧, 健康観察一覧, 入院状況一覧) with `<hersys-patient-list sync-url>`: the manual's filters, tabs and
 * columns; rows from the server's search (`GET /api/patients`) or `GET /api/lists/:variant`, through the app's
 * session-aware fetch. The filters live in the URL; clicking a name opens the person's record.
 */
import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import 'hersys-sdk/define/patient';
import { t, type Locale } from '../i18n.js';
import { LIST_TITLES, type ListVariant } from '../lists.js';
import { records } from '../records.js';
import { navigate } from '../router.js';
import { searchHealthCenters } from '../sdk.js';
import { pageStyles } from '../styles.js';

@customElement('clinic-patients-page')
export class ClinicPatientsPage extends LitElement {
  static override styles = [pageStyles];

  @property({ attribute: false }) locale: Locale = 'ja';
  @property({ attribute: false }) variant: ListVariant | 'registered' = 'registered';

  #sources = new Map<string, ReturnType<typeof records.listSource>>();

  #source() {
    let s = this.#sources.get(this.variant);
    if (!s) this.#sources.set(this.variant, (s = records.listSource(this.variant)));
    return s;
  }

  override render() {
    const l = this.locale;
    return html`
      <!-- The list shows its own title; the page's h1 (focused on navigation) is for screen readers. -->
      <h1 class="visually-hidden">${t(l, LIST_TITLES[this.variant])}</h1>
      ${
        this.variant === 'registered'
          ? html`<p><a class="button" href="/patients/new">${t(l, 'list.new')}</a></p>`
          : ''
      }
      <hersys-patient-list
        sync-url
        .locale=${l}
        .variant=${this.variant}
        .source=${this.#source()}
        .searchHealthCenters=${searchHealthCenters}
        patient-href="/patients/{herSysId}"
        @hersys-open-patient=${(e: CustomEvent<{ herSysId: string }>) => {
          e.preventDefault();
          navigate(`/patients/${encodeURIComponent(e.detail.herSysId)}`);
        }}
      ></hersys-patient-list>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'clinic-patients-page': ClinicPatientsPage;
  }
}
