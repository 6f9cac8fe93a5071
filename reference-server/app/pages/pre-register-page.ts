/**
 * 発生届の提出前に使用: the ID管理 registration of the manual (p.19–22). Registers the person, issues the
 * HER-SYS ID, and offers to file their 発生届 (which starts prefilled from what was entered here).
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { PREFECTURES, SEXES } from 'hersys-sdk/schema';
import { api, type FacilityHit, type Patient, type PatientRecord } from '../api.js';
import { renderError } from '../errors.js';
import { t, type Locale, type MessageKey } from '../i18n.js';
import { pageStyles } from '../styles.js';

type Field = keyof PatientRecord;

@customElement('clinic-pre-register-page')
export class ClinicPreRegisterPage extends LitElement {
  static override styles = [
    pageStyles,
    css`
      form {
        display: grid;
        gap: 0.9rem;
        max-width: 44rem;
      }
      .pair {
        display: flex;
        gap: 0.75rem;
        flex-wrap: wrap;
      }
      .field {
        display: flex;
        flex-direction: column;
        gap: 0.2rem;
      }
      fieldset {
        border: none;
        padding: 0;
        margin: 0;
      }
      legend {
        font-size: 0.875rem;
        margin-bottom: 0.2rem;
      }
      .req {
        background: #c62828;
        color: #fff;
        font-size: 0.75rem;
        border-radius: 3px;
        padding: 0 0.35rem;
        margin-left: 0.35rem;
      }
      form > label.field {
        max-width: 24rem;
      }
      .field-error {
        color: var(--_danger);
        font-size: 0.875rem;
      }
      input[type='radio'] {
        min-height: 0;
        margin: 0 0.25rem 0 0;
      }
      .radios {
        display: flex;
        gap: 1rem;
        align-items: center;
        min-height: 2.25rem;
      }
      .radios label {
        display: inline-flex;
        align-items: center;
      }
      input[aria-invalid='true'] {
        border-color: var(--_danger);
        border-width: 2px;
      }
    `,
  ];

  @property({ attribute: false }) locale: Locale = 'ja';
  /** What was typed; kept across failed attempts. */
  @state() private value: PatientRecord = {};
  @state() private error?: unknown;
  @state() private nameMissing = false;
  @state() private busy = false;
  @state() private created?: Patient;
  @state() private healthCenters: FacilityHit[] = [];

  override connectedCallback(): void {
    super.connectedCallback();
    api.searchHealthCenters('').then(
      (items) => (this.healthCenters = items),
      () => (this.healthCenters = []),
    );
  }

  #set(field: Field, v: string): void {
    this.value = { ...this.value, [field]: v || undefined };
  }

  #input(
    field: Field,
    label: MessageKey,
    options: { type?: string; autocomplete?: string; required?: boolean } = {},
  ) {
    const invalid = options.required && this.nameMissing;
    return html`<label class="field"
      ><span
        >${t(this.locale, label)}${options.required ? html`<span class="req">${t(this.locale, 'pre.required')}</span>` : nothing}</span
      >
      <input
        type=${options.type ?? 'text'}
        name=${field}
        autocomplete=${options.autocomplete ?? 'off'}
        .value=${(this.value[field] as string | undefined) ?? ''}
        aria-invalid=${invalid ? 'true' : 'false'}
        aria-describedby=${invalid ? 'name-error' : ''}
        ?required=${options.required}
        @input=${(e: Event) => this.#set(field, (e.target as HTMLInputElement).value)}
      />
    </label>`;
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    this.nameMissing = !this.value.familyName?.trim();
    if (this.nameMissing) {
      this.renderRoot.querySelector<HTMLInputElement>('input[name=familyName]')?.focus();
      return;
    }
    this.busy = true;
    this.error = undefined;
    try {
      this.created = await api.createPatient(this.value);
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const l = this.locale;
    if (this.created) {
      return html`<h1>${t(l, 'pre.heading')}</h1>
        <div class="notice" role="status">${t(l, 'pre.done', { id: this.created.herSysId })}</div>
        <p>
          <a class="button primary" href=${`/reports/new?herSysId=${this.created.herSysId}`}
            >${t(l, 'pre.fileReport')}</a
          >
          <a class="button" href=${`/patients/${this.created.herSysId}`}>${t(l, 'menu.patientList')}</a>
        </p>`;
    }
    return html`
      <h1>${t(l, 'pre.heading')}</h1>
      <p>${t(l, 'pre.intro')}</p>
      ${this.error ? renderError(l, this.error) : nothing}
      <form class="card" @submit=${this.#submit} novalidate>
        <fieldset>
          <legend>${t(l, 'pre.kana')}</legend>
          <div class="pair">
            ${this.#input('familyNameKana', 'pre.familyName')}
            ${this.#input('givenNameKana', 'pre.givenName')}
          </div>
        </fieldset>
        <fieldset>
          <legend>${t(l, 'pre.name')}</legend>
          <div class="pair">
            ${this.#input('familyName', 'pre.familyName', { required: true })}
            ${this.#input('givenName', 'pre.givenName')}
          </div>
          ${this.nameMissing ? html`<p id="name-error" class="field-error">${t(l, 'pre.nameRequired')}</p>` : nothing}
        </fieldset>
        <div class="pair">
          ${this.#input('dateOfBirth', 'pre.dob', { type: 'date' })}
          <fieldset>
            <legend>${t(l, 'pre.sex')}</legend>
            <div class="radios">
              ${SEXES.map(
                (s) =>
                  html`<label
                    ><input
                      type="radio"
                      name="sex"
                      value=${s.code}
                      .checked=${this.value.sex === s.code}
                      @change=${() => this.#set('sex', s.code)}
                    />${s[l]}</label
                  >`,
              )}
            </div>
          </fieldset>
        </div>
        <div class="pair">
          ${this.#input('phone', 'pre.phone', { type: 'tel' })}
          ${this.#input('passportNumber', 'pre.passport')}
        </div>
        <div class="pair">
          ${this.#input('postalCode', 'pre.postalCode', { autocomplete: 'off' })}
          <label class="field"
            >${l === 'ja' ? '都道府県' : 'Prefecture'}
            <select
              name="prefectureCode"
              @change=${(e: Event) => this.#set('prefectureCode', (e.target as HTMLSelectElement).value)}
            >
              <option value="" ?selected=${!this.value.prefectureCode}>-</option>
              ${PREFECTURES.map((p) => html`<option value=${p.code} ?selected=${this.value.prefectureCode === p.code}>${p[l]}</option>`)}
            </select></label
          >
          ${this.#input('city', 'pre.city')} ${this.#input('street', 'pre.street')}
        </div>
        <label class="field"
          >${t(l, 'list.healthCenter')}
          <select
            name="responsibleHealthCenterCode"
            @change=${(e: Event) => this.#set('responsibleHealthCenterCode', (e.target as HTMLSelectElement).value)}
          >
            <option value="" ?selected=${!this.value.responsibleHealthCenterCode}>-</option>
            ${this.healthCenters.map(
              (h) =>
                html`<option value=${h.code} ?selected=${this.value.responsibleHealthCenterCode === h.code}>
                  ${h.name}
                </option>`,
            )}
          </select></label
        >
        <div>
          <button type="submit" class="primary" ?disabled=${this.busy}>${t(l, 'pre.register')}</button>
        </div>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'clinic-pre-register-page': ClinicPreRegisterPage;
  }
}
