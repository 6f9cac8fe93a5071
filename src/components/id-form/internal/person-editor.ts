import { css, html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { TFunction } from '../../../locales/runtime.js';
import {
  ERAS,
  PERSON_SEXES,
  PREFECTURES,
  countryByCode,
  formatWareki,
  fromWarekiParts,
  normalizeKana,
  parseJapaneseDate,
  parsePhoneJP,
  searchCountries,
  toWarekiParts,
  validatePerson,
  type Country,
  type EraCode,
  type Issue,
  type Person,
} from '../../../schema/index.js';
import {
  defaultPostalLookup,
  postalDigits,
  type PostalHit,
  type PostalLookup,
} from '../../postal/postal-lookup.js';

/** The era select's value: an era code, or '' for 西暦. */
type EraChoice = EraCode | '';

type TextKey =
  | 'familyNameKana'
  | 'givenNameKana'
  | 'familyName'
  | 'givenName'
  | 'city'
  | 'street'
  | 'phone'
  | 'phone2'
  | 'passportNumber'
  | 'localId'
  | 'freeText';

/** What the editor's host provides. */
export interface PersonEditorHost extends ReactiveControllerHost, HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/**
 * The ID管理 fields in the manual's order (フリガナ, 氏名, 生年月日 with 和暦 and 非公開, 性別 with 非公開, 国籍,
 * 郵便番号, 都道府県, address, phones, 緊急連絡先, 自由記述欄), shared by `<hersys-id-form>` and the
 * record's ID管理 tab. It keeps the value, the text being typed (dates, country search), the touched
 * fields and the issues, and renders into its host's shadow root (no nested element, so labels, ids and
 * `aria-describedby` all live in one root).
 */
export class PersonEditor {
  value: Person = {};
  /** Show every issue (after 確認/保存), not only those of touched fields. */
  showAll = false;
  postalLookup: PostalLookup = defaultPostalLookup;
  today: string | undefined;

  private dobEra: EraChoice = 'showa';
  private dobText = '';
  private countryText = '';
  private countryOpen = false;
  private countryActive = 0;
  private postalHits: PostalHit[] = [];
  private postalState: 'idle' | 'looking' | 'notFound' | 'pick' | 'filled' = 'idle';
  private postalSeq = 0;
  private readonly touched = new Set<string>();

  constructor(
    private readonly host: PersonEditorHost,
    private readonly prefix: string,
    private readonly onChange: (value: Person) => void,
  ) {}

  /** Replaces the value from outside (record load, form restore): the typed texts follow it. */
  setValue(value: Person): void {
    this.value = structuredClone(value ?? {});
    const dob = this.value.dateOfBirth;
    const parts = dob ? toWarekiParts(dob) : undefined;
    if (dob && parts) {
      this.dobEra = parts.era;
      this.dobText = `${pad(parts.year)}/${pad(parts.month)}/${pad(parts.day)}`;
    } else {
      this.dobText = dob ? dob.replaceAll('-', '/') : '';
      if (dob) this.dobEra = '';
    }
    this.countryText = this.value.nationality
      ? (countryByCode(this.value.nationality)?.ja ?? this.value.nationality)
      : '';
    this.touched.clear();
    this.showAll = false;
    this.postalState = 'idle';
    this.postalHits = [];
    this.host.requestUpdate();
  }

  /** Every issue of the value: the schema's rules plus the editor's own (unreadable date, unknown country). */
  issues(): Issue[] {
    const issues = validatePerson(this.value, this.today ? { today: this.today } : {});
    const dob = this.parseDob();
    if (dob && !dob.ok && dob.code !== 'date.empty') {
      issues.push({ path: 'dateOfBirth', code: dob.code, severity: 'error' });
    }
    if (this.countryText.trim() !== '' && !this.value.nationality) {
      issues.push({ path: 'nationality', code: 'country.unknown', severity: 'error' });
    }
    return issues;
  }

  /** Focuses the control of a path (the first invalid field after 確認). */
  focus(path: string): void {
    const id = this.id(path === 'dateOfBirth' ? 'dobText' : path);
    const el = this.host.renderRoot.querySelector<HTMLElement>(`#${CSS.escape(id)}`);
    el?.focus();
  }

  private id(path: string): string {
    return `${this.prefix}-${path.replaceAll('.', '-')}`;
  }

  private set(patch: Partial<Person>): void {
    const next: Person = { ...this.value, ...patch };
    for (const [k, v] of Object.entries(next)) {
      if (v === '' || v === undefined || v === false) delete (next as Record<string, unknown>)[k];
    }
    this.value = next;
    this.onChange(this.value);
    this.host.requestUpdate();
  }

  private touch(path: string): void {
    this.touched.add(path);
    this.host.requestUpdate();
  }

  private parseDob(): ReturnType<typeof parseJapaneseDate> | undefined {
    const text = this.dobText.trim();
    if (text === '') return undefined;
    // An explicit era or a 4-digit year in the text wins over the select (S25.4.12, 1999/01/01).
    if (
      this.dobEra === '' ||
      /^[^\d]/.test(text.normalize('NFKC')) ||
      /^\d{4}/.test(text.normalize('NFKC'))
    ) {
      return parseJapaneseDate(text);
    }
    const m = /^(\d{1,2}|元)\D+(\d{1,2})\D+(\d{1,2})$/.exec(text.normalize('NFKC'));
    if (!m) return { ok: false, code: 'date.format' };
    return fromWarekiParts(this.dobEra, m[1] === '元' ? 1 : Number(m[1]), Number(m[2]), Number(m[3]));
  }

  private commitDob(): void {
    const parsed = this.parseDob();
    this.set({ dateOfBirth: parsed?.ok ? parsed.date : undefined });
  }

  // ---- 国籍 combobox ----

  private countryOptions(): Country[] {
    return searchCountries(this.countryText, 12);
  }

  private pickCountry(c: Country): void {
    this.countryText = c.ja;
    this.countryOpen = false;
    this.set({ nationality: c.code });
  }

  private onCountryInput(e: Event): void {
    this.countryText = (e.target as HTMLInputElement).value;
    this.countryOpen = true;
    this.countryActive = 0;
    const exact = searchCountries(this.countryText, 1)[0];
    const folded = this.countryText.trim();
    const isExact = exact && [exact.ja, exact.en, exact.code, exact.alpha3].some((n) => n === folded);
    this.set({ nationality: isExact ? exact.code : undefined });
  }

  private onCountryKey(e: KeyboardEvent): void {
    const options = this.countryOptions();
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!this.countryOpen) {
        this.countryOpen = true;
        this.countryActive = 0;
      } else if (options.length) {
        const d = e.key === 'ArrowDown' ? 1 : -1;
        this.countryActive = (this.countryActive + d + options.length) % options.length;
      }
      this.host.requestUpdate();
    } else if (e.key === 'Enter' && this.countryOpen) {
      const c = options[this.countryActive];
      if (c) {
        e.preventDefault();
        this.pickCountry(c);
      }
    } else if (e.key === 'Escape' && this.countryOpen) {
      e.preventDefault();
      this.countryOpen = false;
      this.host.requestUpdate();
    }
  }

  private onCountryBlur(): void {
    // Let a click on an option land first.
    setTimeout(() => {
      this.countryOpen = false;
      this.touch('nationality');
    }, 150);
  }

  // ---- 郵便番号 lookup ----

  private async onPostalInput(e: Event): Promise<void> {
    const input = e.target as HTMLInputElement;
    const digits = postalDigits(input.value);
    this.set({
      postalCode: input.value.trim() === '' ? undefined : digits.length === 7 ? digits : input.value.trim(),
    });
    if (digits.length !== 7) {
      this.postalState = 'idle';
      this.postalHits = [];
      return;
    }
    const seq = ++this.postalSeq;
    this.postalState = 'looking';
    this.host.requestUpdate();
    let hits: PostalHit[];
    try {
      hits = await this.postalLookup(digits);
    } catch {
      hits = []; // a failing lookup is "not found": the user types the address
    }
    if (seq !== this.postalSeq) return;
    this.postalHits = hits;
    if (hits.length === 0) this.postalState = 'notFound';
    else if (hits.length === 1) this.fillAddress(hits[0]!);
    else this.postalState = 'pick';
    this.host.requestUpdate();
  }

  private fillAddress(hit: PostalHit): void {
    this.postalState = 'filled';
    this.postalHits = [hit];
    this.set({ prefectureCode: hit.prefectureCode, city: hit.city + hit.town });
  }

  private addressText(hit: PostalHit): string {
    const pref = PREFECTURES.find((p) => p.code === hit.prefectureCode)?.ja ?? '';
    return `${pref}${hit.city}${hit.town}`;
  }

  // ---- rendering ----

  private issueFor(path: string, issues: Issue[]): Issue | undefined {
    if (!this.showAll && !this.touched.has(path)) return undefined;
    return issues.find((i) => i.path === path);
  }

  private error(t: TFunction, path: string, issue: Issue | undefined): TemplateResult | typeof nothing {
    if (!issue) return nothing;
    return html`<p class="error" id=${this.id(path) + '-error'}>
      ${t(`record.issues.${issue.code}`, { ...issue.params })}
    </p>`;
  }

  private text(
    t: TFunction,
    key: TextKey,
    label: string,
    issues: Issue[],
    opts: { type?: string; autocomplete?: string; normalize?: (v: string) => string; note?: string } = {},
  ): TemplateResult {
    const issue = this.issueFor(key, issues);
    const id = this.id(key);
    const describedBy = [issue ? `${id}-error` : '', opts.note ? `${id}-note` : ''].filter(Boolean).join(' ');
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <input
        id=${id}
        name=${key}
        type=${opts.type ?? 'text'}
        autocomplete=${opts.autocomplete ?? 'off'}
        .value=${live(this.value[key] ?? '')}
        aria-invalid=${issue ? 'true' : 'false'}
        aria-describedby=${describedBy || nothing}
        @input=${(e: Event) => this.set({ [key]: (e.target as HTMLInputElement).value })}
        @blur=${(e: Event) => {
          const raw = (e.target as HTMLInputElement).value;
          if (opts.normalize && raw.trim() !== '') this.set({ [key]: opts.normalize(raw) });
          this.touch(key);
        }}
      />
      ${opts.note ? html`<p class="note" id=${`${id}-note`}>${opts.note}</p>` : nothing}
      ${this.error(t, key, issue)}
    </div>`;
  }

  /** Splits 「ヤマダ ハナコ」 typed into the family field when the given field is empty. */
  private splitOnBlur(
    familyKey: 'familyName' | 'familyNameKana',
    givenKey: 'givenName' | 'givenNameKana',
  ): void {
    const fam = this.value[familyKey]?.trim() ?? '';
    const parts = fam.split(/[\s\u3000]+/);
    if (parts.length === 2 && !this.value[givenKey]) {
      this.set({ [familyKey]: parts[0], [givenKey]: parts[1] });
    }
  }

  private phone(
    t: TFunction,
    key: 'phone' | 'phone2',
    label: string,
    issues: Issue[],
    note?: string,
  ): TemplateResult {
    const v = this.value[key];
    const parsed = v ? parsePhoneJP(v) : undefined;
    const warn = key === 'phone' && parsed?.ok && !parsed.smsCapable;
    return html`${this.text(t, key, label, issues, {
      type: 'tel',
      autocomplete: 'off',
      normalize: (raw) => {
        const p = parsePhoneJP(raw);
        return p.ok ? p.formatted : raw.trim();
      },
      note,
    })}${warn ? html`<p class="warning" role="status">${t('idForm.notMobile')}</p>` : nothing}`;
  }

  /** The fields. `disabled` renders every control disabled (read-only record). */
  render(t: TFunction, locale: 'ja' | 'en', options: { disabled?: boolean } = {}): TemplateResult {
    const issues = this.issues();
    const v = this.value;
    const p = this.prefix;
    const dobIssue = this.issueFor('dateOfBirth', issues);
    const dob = this.parseDob();
    const countryIssue = this.issueFor('nationality', issues);
    const options_ = this.countryOpen ? this.countryOptions() : [];
    const nameIssue = this.issueFor('familyName', issues);
    const kanaNorm = (raw: string) => normalizeKana(raw);
    const postalIssue = this.issueFor('postalCode', issues);
    return html`<fieldset class="person" ?disabled=${options.disabled}>
      <div class="row">
        <span class="row-label" id=${`${p}-kana-label`}>${t('idForm.kana')}</span>
        <div class="pair" role="group" aria-labelledby=${`${p}-kana-label`}>
          ${this.text(t, 'familyNameKana', t('idForm.kanaFamily'), issues, {
            normalize: kanaNorm,
          })}
          ${this.text(t, 'givenNameKana', t('idForm.kanaGiven'), issues, { normalize: kanaNorm })}
        </div>
      </div>
      <div
        class="row"
        @focusout=${() => {
          this.splitOnBlur('familyNameKana', 'givenNameKana');
          this.splitOnBlur('familyName', 'givenName');
        }}
      >
        <span class="row-label" id=${`${p}-name-label`}
          >${t('idForm.name')} <span class="required">${t('idForm.required')}</span></span
        >
        <div class="pair" role="group" aria-labelledby=${`${p}-name-label`}>
          <div class="field">
            <label for=${this.id('familyName')}>${t('idForm.family')}</label>
            <input
              id=${this.id('familyName')}
              name="familyName"
              autocomplete="off"
              aria-required="true"
              .value=${live(v.familyName ?? '')}
              aria-invalid=${nameIssue ? 'true' : 'false'}
              aria-describedby=${nameIssue ? `${this.id('familyName')}-error` : nothing}
              @input=${(e: Event) => this.set({ familyName: (e.target as HTMLInputElement).value })}
              @blur=${() => this.touch('familyName')}
            />
            ${this.error(t, 'familyName', nameIssue)}
          </div>
          ${this.text(t, 'givenName', t('idForm.given'), issues)}
        </div>
      </div>
      <div class="row">
        <span class="row-label" id=${`${p}-dob-label`}>${t('idForm.dob')}</span>
        <div class="pair" role="group" aria-labelledby=${`${p}-dob-label`}>
          <div class="field narrow">
            <label for=${this.id('dobEra')}>${t('idForm.era')}</label>
            <select
              id=${this.id('dobEra')}
              @change=${(e: Event) => {
                this.dobEra = (e.target as HTMLSelectElement).value as EraChoice;
                this.commitDob();
              }}
            >
              <option value="" ?selected=${this.dobEra === ''}>${t('idForm.western')}</option>
              ${[...ERAS]
                .reverse()
                .map(
                  (era) =>
                    html`<option value=${era.code} ?selected=${this.dobEra === era.code}>
                      ${locale === 'ja' ? era.ja : era.en}
                    </option>`,
                )}
            </select>
          </div>
          <div class="field">
            <label for=${this.id('dobText')}>${t('idForm.dobText')}</label>
            <input
              id=${this.id('dobText')}
              name="dateOfBirth"
              inputmode="numeric"
              autocomplete="off"
              placeholder=${this.dobEra === '' ? 'YYYY/MM/DD' : 'YY/MM/DD'}
              .value=${live(this.dobText)}
              aria-invalid=${dobIssue ? 'true' : 'false'}
              aria-describedby=${`${this.id('dobText')}-hint ${dobIssue ? `${this.id('dateOfBirth')}-error` : ''}`}
              @input=${(e: Event) => {
                this.dobText = (e.target as HTMLInputElement).value;
                this.commitDob();
              }}
              @blur=${() => this.touch('dateOfBirth')}
            />
            <p class="note" id=${`${this.id('dobText')}-hint`}>
              ${
                dob?.ok
                  ? t('idForm.dobParsed', { date: `${dob.date}（${formatWareki(dob.date)}）` })
                  : t('idForm.dobHint')
              }
            </p>
            ${this.error(t, 'dateOfBirth', dobIssue)}
          </div>
          <label class="check"
            ><input
              type="checkbox"
              id=${this.id('dateOfBirthPrivate')}
              .checked=${live(!!v.dateOfBirthPrivate)}
              @change=${(e: Event) => this.set({ dateOfBirthPrivate: (e.target as HTMLInputElement).checked })}
            />${t('idForm.private')}</label
          >
        </div>
      </div>
      <div class="row">
        <span class="row-label" id=${`${p}-sex-label`}>${t('idForm.sex')}</span>
        <div class="pair" role="radiogroup" aria-labelledby=${`${p}-sex-label`}>
          ${PERSON_SEXES.filter((s) => s.code !== 'unknown').map(
            (s) =>
              html`<label class="check"
                ><input
                  type="radio"
                  name=${`${p}-sex`}
                  value=${s.code}
                  .checked=${live(v.sex === s.code)}
                  @change=${() => this.set({ sex: s.code })}
                />${s[locale]}</label
              >`,
          )}
          <label class="check"
            ><input
              type="checkbox"
              id=${this.id('sexPrivate')}
              .checked=${live(!!v.sexPrivate)}
              @change=${(e: Event) => this.set({ sexPrivate: (e.target as HTMLInputElement).checked })}
            />${t('idForm.private')}</label
          >
        </div>
      </div>
      <div class="field combo">
        <label for=${this.id('nationality')}>${t('idForm.nationality')}</label>
        <input
          id=${this.id('nationality')}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded=${this.countryOpen ? 'true' : 'false'}
          aria-controls=${`${p}-countries`}
          aria-activedescendant=${this.countryOpen && options_.length ? `${p}-country-${options_[this.countryActive]?.code}` : nothing}
          aria-invalid=${countryIssue ? 'true' : 'false'}
          aria-describedby=${countryIssue ? `${this.id('nationality')}-error` : nothing}
          autocomplete="off"
          placeholder=${t('idForm.nationalityPlaceholder')}
          .value=${live(this.countryText)}
          @input=${(e: Event) => this.onCountryInput(e)}
          @keydown=${(e: KeyboardEvent) => this.onCountryKey(e)}
          @focus=${() => {
            this.countryOpen = true;
            this.host.requestUpdate();
          }}
          @blur=${() => this.onCountryBlur()}
        />
        <ul
          id=${`${p}-countries`}
          role="listbox"
          aria-label=${t('idForm.nationality')}
          ?hidden=${!this.countryOpen}
        >
          ${options_.map(
            (c, i) =>
              html`<li
                id=${`${p}-country-${c.code}`}
                role="option"
                aria-selected=${i === this.countryActive ? 'true' : 'false'}
                @mousedown=${(e: Event) => {
                  e.preventDefault();
                  this.pickCountry(c);
                }}
              >
                ${locale === 'ja' ? c.ja : c.en}
                <span class="muted">${locale === 'ja' ? c.en : c.ja} (${c.code})</span>
              </li>`,
          )}
          ${
            this.countryOpen && options_.length === 0
              ? html`<li role="option" aria-disabled="true" aria-selected="false">
                  ${t('idForm.noCountry')}
                </li>`
              : nothing
          }
        </ul>
        <span class="visually-hidden" role="status"
          >${this.countryOpen && options_.length ? t('idForm.nationalityCount', { count: options_.length }) : ''}</span
        >
        ${this.error(t, 'nationality', countryIssue)}
      </div>
      <div class="field">
        <label for=${this.id('postalCode')}>${t('idForm.postal')}</label>
        <input
          id=${this.id('postalCode')}
          name="postalCode"
          inputmode="numeric"
          maxlength="8"
          autocomplete="off"
          .value=${live(v.postalCode ?? '')}
          aria-invalid=${postalIssue ? 'true' : 'false'}
          aria-describedby=${`${this.id('postalCode')}-note ${postalIssue ? `${this.id('postalCode')}-error` : ''}`}
          @input=${(e: Event) => void this.onPostalInput(e)}
          @blur=${() => this.touch('postalCode')}
        />
        <p class="note" id=${`${this.id('postalCode')}-note`}>${t('idForm.postalNote')}</p>
        <p class="note" role="status">
          ${
            this.postalState === 'looking'
              ? t('idForm.postalLooking')
              : this.postalState === 'notFound'
                ? t('idForm.postalNotFound')
                : this.postalState === 'filled' && this.postalHits[0]
                  ? t('idForm.postalFilled', { address: this.addressText(this.postalHits[0]) })
                  : ''
          }
        </p>
        ${
          this.postalState === 'pick'
            ? html`<div role="group" aria-label=${t('idForm.postalPick')} class="hits">
                ${this.postalHits.map(
                  (h) =>
                    html`<button type="button" @click=${() => this.fillAddress(h)}>
                      ${this.addressText(h)}
                    </button>`,
                )}
              </div>`
            : nothing
        }
        ${this.error(t, 'postalCode', postalIssue)}
      </div>
      <div class="field">
        <label for=${this.id('prefectureCode')}>${t('idForm.prefecture')}</label>
        <select
          id=${this.id('prefectureCode')}
          @change=${(e: Event) => this.set({ prefectureCode: (e.target as HTMLSelectElement).value || undefined })}
        >
          <option value="" ?selected=${!v.prefectureCode}>${t('idForm.select')}</option>
          ${PREFECTURES.map(
            (pr) =>
              html`<option value=${pr.code} ?selected=${v.prefectureCode === pr.code}>${pr[locale]}</option>`,
          )}
        </select>
      </div>
      ${this.text(t, 'city', t('idForm.city'), issues)} ${this.text(t, 'street', t('idForm.street'), issues)}
      ${this.phone(t, 'phone', t('idForm.phone'), issues, t('idForm.phoneNote'))}
      ${this.phone(t, 'phone2', t('idForm.phone2'), issues)}
      ${this.text(t, 'passportNumber', t('idForm.passport'), issues)}
      ${this.text(t, 'localId', t('idForm.localId'), issues)}
      <fieldset class="emergency">
        <legend>${t('idForm.emergency')}</legend>
        ${this.emergency(t, 'name', t('idForm.ecName'), issues)}
        ${this.emergency(t, 'relationship', t('idForm.ecRelationship'), issues)}
        ${this.emergency(t, 'phone1', t('idForm.ecPhone1'), issues)}
        ${this.emergency(t, 'phone2', t('idForm.ecPhone2'), issues)}
      </fieldset>
      <div class="field wide">
        <label for=${this.id('freeText')}>${t('idForm.freeText')}</label>
        <textarea
          id=${this.id('freeText')}
          rows="4"
          .value=${live(v.freeText ?? '')}
          @input=${(e: Event) => this.set({ freeText: (e.target as HTMLTextAreaElement).value })}
        ></textarea>
      </div>
    </fieldset>`;
  }

  private emergency(
    t: TFunction,
    key: 'name' | 'relationship' | 'phone1' | 'phone2',
    label: string,
    issues: Issue[],
  ): TemplateResult {
    const path = `emergencyContact.${key}`;
    const issue = this.issueFor(path, issues);
    const id = this.id(path);
    const isPhone = key.startsWith('phone');
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <input
        id=${id}
        type=${isPhone ? 'tel' : 'text'}
        autocomplete="off"
        .value=${live(this.value.emergencyContact?.[key] ?? '')}
        aria-invalid=${issue ? 'true' : 'false'}
        aria-describedby=${issue ? `${id}-error` : nothing}
        @input=${(e: Event) => this.setEmergency(key, (e.target as HTMLInputElement).value)}
        @blur=${(e: Event) => {
          const raw = (e.target as HTMLInputElement).value;
          if (isPhone && raw.trim()) {
            const p = parsePhoneJP(raw);
            if (p.ok) this.setEmergency(key, p.formatted);
          }
          this.touch(path);
        }}
      />
      ${this.error(t, path, issue)}
    </div>`;
  }

  private setEmergency(key: 'name' | 'relationship' | 'phone1' | 'phone2', value: string): void {
    const ec = { ...(this.value.emergencyContact ?? {}), [key]: value };
    if (value === '') delete ec[key];
    this.set({ emergencyContact: Object.keys(ec).length ? ec : undefined });
  }
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Styles of the person fields (include in the host's `static styles`). */
export const personEditorStyles = css`
  fieldset.person {
    border: 0;
    margin: 0;
    padding: 0;
    display: grid;
    gap: calc(var(--_gap) * 1.5);
  }
  .row {
    display: grid;
    gap: calc(var(--_gap) / 2);
  }
  .row-label,
  legend {
    font-weight: 700;
  }
  .pair {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_gap) calc(var(--_gap) * 2);
    align-items: flex-end;
  }
  .field {
    display: grid;
    gap: 2px;
    min-inline-size: 10rem;
    position: relative;
  }
  .field.narrow {
    min-inline-size: 6rem;
  }
  .field.wide textarea {
    inline-size: 100%;
    box-sizing: border-box;
  }
  label {
    font-size: 0.875rem;
  }
  .row-label + .pair label,
  .pair .field > label {
    color: var(--_muted);
  }
  input:not([type='checkbox']):not([type='radio']),
  select,
  textarea {
    min-block-size: var(--_control-h);
    padding: 0 var(--_gap);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    font: inherit;
    background: var(--_bg);
    color: var(--_text);
  }
  textarea {
    padding: var(--_gap);
  }
  [aria-invalid='true'] {
    border-color: var(--_danger) !important;
    background: var(--_danger-bg) !important;
  }
  input:focus-visible,
  select:focus-visible,
  textarea:focus-visible,
  button:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 1px;
  }
  .check {
    display: inline-flex;
    gap: 4px;
    align-items: center;
    min-block-size: var(--_control-h);
  }
  .required {
    display: inline-block;
    padding: 0 6px;
    border-radius: var(--_radius);
    background: var(--_required-bg);
    color: #fff;
    font-size: 0.75rem;
  }
  .note,
  .muted {
    margin: 0;
    color: var(--_muted);
    font-size: 0.8125rem;
  }
  .error {
    margin: 0;
    color: var(--_danger);
    font-size: 0.8125rem;
    font-weight: 600;
  }
  .warning {
    margin: 0;
    color: var(--_warn);
    font-size: 0.8125rem;
  }
  .combo ul[role='listbox'] {
    position: absolute;
    inset-block-start: 100%;
    inset-inline-start: 0;
    z-index: 5;
    min-inline-size: 100%;
    max-block-size: 16rem;
    overflow: auto;
    margin: 2px 0 0;
    padding: 0;
    list-style: none;
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: 0 4px 12px rgb(0 0 0 / 0.15);
  }
  .combo li {
    padding: 4px var(--_gap);
    cursor: pointer;
  }
  .combo li[aria-selected='true'] {
    background: var(--_primary);
    color: var(--_on-primary);
  }
  .combo li[aria-selected='true'] .muted {
    color: inherit;
  }
  .hits {
    display: flex;
    flex-wrap: wrap;
    gap: 4px;
  }
  fieldset.emergency {
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
    display: flex;
    flex-wrap: wrap;
    gap: var(--_gap) calc(var(--_gap) * 2);
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
