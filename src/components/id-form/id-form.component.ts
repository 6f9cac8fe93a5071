import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import {
  PERSON_SEXES,
  PREFECTURES,
  countryName,
  formatWareki,
  type Issue,
  type Person,
} from '../../schema/index.js';
import type { Locale } from '../../locales/index.js';
import { FormAssociatedElement } from '../internal/form-associated.js';
import { LocalizeController } from '../internal/localize.js';
import { PATIENT_STRINGS } from '../../locales/packs/patient.js';
import { emit } from '../internal/emit.js';
import { tokens } from '../internal/tokens.styles.js';
import { defaultPostalLookup, type PostalLookup } from '../postal/postal-lookup.js';
import { PersonEditor, personEditorStyles } from './internal/person-editor.js';
import { idFormStyles } from './id-form.styles.js';
import type { HersysDuplicateCheck } from '../duplicate-check/duplicate-check.component.js';
import type { CheckDuplicates } from './patient-events.js';
import './patient-events.js';

/** The host's registration: stores the person and issues the HER-SYS ID (the manual: issued at 登録). */
export type RegisterPerson = (person: Person) => Promise<{ herSysId: string }>;

/** The screen the form shows. */
export type IdFormStep = 'edit' | 'confirm' | 'done';

/**
 * ID管理 before a report (発生届の提出前に使用): the person's fields in the manual's order, 確認 → a read-only
 * confirmation → 登録 (the host's `register` issues the HER-SYS ID) → the 完了 dialog → `hersys-registered`.
 * While the user types, the host's `checkDuplicates` runs (debounced) and possible duplicates are shown
 * with their reasons; 確認 waits until the user links to one or confirms a new person.
 *
 * Form-associated: inside a `<form>` its value (the person as JSON) is submitted under `name`, it is
 * invalid while 氏名 is missing or a field is wrong, and `form.reset()` clears it.
 *
 * Requires `<hersys-duplicate-check>` to be defined (both are registered by `hersys-sdk/define`).
 *
 * @tagname hersys-id-form
 * @summary 発生届の提出前に使用: ID管理 → 確認 → 登録 → HER-SYS ID.
 * @fires hersys-registered - 完了 was pressed after 登録 ({ herSysId, person }).
 * @fires hersys-link-existing - The user chose an existing registration from the duplicate candidates.
 * @fires hersys-confirm-new - The user confirmed the person is none of the candidates.
 * @csspart confirm - The 確認 button.
 * @csspart register - The 登録 button.
 * @csspart done-dialog - The 完了 dialog.
 * @cssprop --hersys-color-primary - Buttons and focus (see the shared tokens).
 */
export class HersysIdForm extends FormAssociatedElement {
  static override styles = [tokens, personEditorStyles, idFormStyles];

  /** UI language (`ja` | `en`); empty means the `lang` of the element or document. */
  @property() locale: Locale | '' = '';

  /** The host's registration function. Without it, 登録 reports that no registration is configured. */
  @property({ attribute: false }) register?: RegisterPerson;

  /** The host's duplicate check, run while typing (debounced by `duplicate-delay`). */
  @property({ attribute: false }) checkDuplicates?: CheckDuplicates;

  /** Debounce of the duplicate check in ms. */
  @property({ type: Number, attribute: 'duplicate-delay' }) duplicateDelay = 400;

  /** Postal-code lookup (the SDK's offline KEN_ALL lookup by default). */
  @property({ attribute: false }) postalLookup: PostalLookup = defaultPostalLookup;

  /** Today's date for the future-date check (ISO); defaults to the local date. */
  @property() today = '';

  /** The current step (read-only from outside; use `edit()` to go back). */
  @state() step: IdFormStep = 'edit';

  /** The HER-SYS ID issued by the last 登録 ('' before). */
  @state() herSysId = '';

  @state() private busy = false;
  @state() private registerError = '';
  @state() private showSummary = false;

  @query('hersys-duplicate-check') private duplicateCheck?: HersysDuplicateCheck;
  @query('dialog') private doneDialog?: HTMLDialogElement;

  private readonly localize = new LocalizeController(this, PATIENT_STRINGS);
  private readonly editor = new PersonEditor(this, 'idf', () => {
    this.registerError = '';
    this.syncFormState();
    this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  });
  private initial: Person = {};

  /** The person as entered (a copy). Setting it replaces the form's content. */
  @property({ attribute: false })
  get value(): Person {
    return structuredClone(this.editor.value);
  }
  set value(v: Person) {
    const old = this.editor.value;
    this.initial = structuredClone(v ?? {});
    this.editor.setValue(v ?? {});
    this.requestUpdate('value', old);
  }

  /** Every issue of the current value (the same rules the server applies). */
  get issues(): Issue[] {
    return this.editor.issues();
  }

  /** Goes back from the confirmation to editing (再編集). */
  edit(): void {
    this.step = 'edit';
  }

  /** Presses 確認: validates, checks duplicates, and shows the confirmation. Resolves `true` when shown. */
  async confirm(): Promise<boolean> {
    this.editor.showAll = true;
    const errors = this.editor.issues().filter((i) => i.severity === 'error');
    if (errors.length) {
      this.showSummary = true;
      this.requestUpdate();
      await this.updateComplete;
      this.editor.focus(errors[0]!.path);
      return false;
    }
    this.showSummary = false;
    const dup = this.duplicateCheck;
    if (dup && this.checkDuplicates) {
      await dup.checkNow();
      await dup.updateComplete;
      if (dup.pending) {
        this.requestUpdate();
        await this.updateComplete;
        dup.focus();
        return false;
      }
    }
    this.step = 'confirm';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#confirm-title')?.focus();
    return true;
  }

  /** Presses 登録: calls the host's `register`. Resolves to the HER-SYS ID, or `undefined` on failure. */
  async submit(): Promise<string | undefined> {
    if (this.busy) return undefined;
    if (!this.register) {
      this.registerError = this.localize.t('idForm.noRegister');
      return undefined;
    }
    this.busy = true;
    this.registerError = '';
    try {
      const { herSysId } = await this.register(this.value);
      this.herSysId = herSysId;
      this.step = 'done';
      return herSysId;
    } catch (err) {
      this.registerError = this.localize.t('idForm.registerFailed', {
        message: err instanceof Error ? err.message : String(err),
      });
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  private finish(): void {
    this.doneDialog?.close();
    emit(this, 'hersys-registered', { herSysId: this.herSysId, person: this.value });
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (changed.has('step') && this.step === 'done' && this.doneDialog && !this.doneDialog.open) {
      this.doneDialog.showModal();
      this.doneDialog.querySelector('button')?.focus();
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.editor.postalLookup = this.postalLookup;
    this.syncFormState();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('postalLookup')) this.editor.postalLookup = this.postalLookup;
    if (changed.has('today')) this.editor.today = this.today || undefined;
  }

  protected formValue(): string | null {
    return JSON.stringify(this.editor.value);
  }

  protected formValidity(): { message: string; anchor?: HTMLElement | null } | undefined {
    const first = this.editor.issues().find((i) => i.severity === 'error');
    if (!first) return undefined;
    return { message: this.localize.t(`record.issues.${first.code}`, { ...first.params }) };
  }

  protected formReset(): void {
    this.value = this.initial;
    this.step = 'edit';
    this.herSysId = '';
    this.syncFormState();
  }

  protected formRestore(state: string): void {
    try {
      this.value = JSON.parse(state) as Person;
    } catch {
      /* a corrupt restore state is ignored: the form keeps what it has */
    }
  }

  protected override render(): TemplateResult {
    const t = this.localize.t;
    return html`<h2>${t('idForm.title')}</h2>
      ${this.step === 'edit' ? this.renderEdit() : this.renderConfirm()}
      <dialog
        part="done-dialog"
        aria-labelledby="done-title"
        @close=${() => this.step === 'done' && this.finish()}
      >
        <h2 id="done-title">${t('idForm.doneTitle')}</h2>
        <p>${t('idForm.herSysId')}</p>
        <p class="her-sys-id" data-her-sys-id>${this.herSysId}</p>
        <p>${t('idForm.doneBody', { herSysId: this.herSysId })}</p>
        <button type="button" @click=${() => this.doneDialog?.close()}>${t('idForm.done')}</button>
      </dialog>`;
  }

  private renderEdit(): TemplateResult {
    const t = this.localize.t;
    const errors = this.showSummary ? this.editor.issues().filter((i) => i.severity === 'error') : [];
    return html`<section aria-labelledby="subtitle">
      <h3 id="subtitle">${t('idForm.subtitle')}</h3>
      <p class="lead">${t('idForm.lead')}</p>
      ${
        errors.length
          ? html`<div class="summary" role="alert">
              ${t('idForm.fixErrors', { count: errors.length })}
              <ul>
                ${errors.map(
                  (i) =>
                    html`<li>
                      <a
                        href="#"
                        @click=${(e: Event) => {
                          e.preventDefault();
                          this.editor.focus(i.path);
                        }}
                        >${t(`record.issues.${i.code}`, { ...i.params })}</a
                      >
                    </li>`,
                )}
              </ul>
            </div>`
          : nothing
      }
      ${this.editor.render(t, this.localize.locale, { disabled: this.disabled })}
      <hersys-duplicate-check
        .locale=${this.locale}
        .person=${this.editor.value}
        .checkDuplicates=${this.checkDuplicates}
        .delay=${this.duplicateDelay}
        @hersys-confirm-new=${() => this.requestUpdate()}
      ></hersys-duplicate-check>
      <div class="actions">
        <button
          type="button"
          class="primary"
          part="confirm"
          ?disabled=${this.disabled}
          @click=${() => void this.confirm()}
        >
          ${t('idForm.confirm')}
        </button>
      </div>
    </section>`;
  }

  private renderConfirm(): TemplateResult {
    const t = this.localize.t;
    const locale = this.localize.locale;
    const p = this.editor.value;
    const dash = t('idForm.notEntered');
    const join = (...v: (string | undefined)[]) => v.filter(Boolean).join(' ') || dash;
    const priv = (s: string, isPrivate?: boolean) => (isPrivate ? `${s} ${t('idForm.privateValue')}` : s);
    const ec = p.emergencyContact ?? {};
    const rows: [string, string][] = [
      [t('idForm.kana'), join(p.familyNameKana, p.givenNameKana)],
      [t('idForm.name'), join(p.familyName, p.givenName)],
      [
        t('idForm.dob'),
        priv(
          p.dateOfBirth ? `${formatWareki(p.dateOfBirth)}（${p.dateOfBirth}）` : dash,
          p.dateOfBirthPrivate,
        ),
      ],
      [t('idForm.sex'), priv(PERSON_SEXES.find((s) => s.code === p.sex)?.[locale] ?? dash, p.sexPrivate)],
      [t('idForm.nationality'), countryName(p.nationality, locale) || dash],
      [t('idForm.postal'), p.postalCode || dash],
      [t('idForm.prefecture'), PREFECTURES.find((x) => x.code === p.prefectureCode)?.[locale] ?? dash],
      [t('idForm.city'), p.city || dash],
      [t('idForm.street'), p.street || dash],
      [t('idForm.phone'), p.phone || dash],
      [t('idForm.phone2'), p.phone2 || dash],
      [t('idForm.passport'), p.passportNumber || dash],
      [t('idForm.localId'), p.localId || dash],
      [`${t('idForm.emergency')} ${t('idForm.ecName')}`, ec.name || dash],
      [`${t('idForm.emergency')} ${t('idForm.ecRelationship')}`, ec.relationship || dash],
      [`${t('idForm.emergency')} ${t('idForm.ecPhone1')}`, ec.phone1 || dash],
      [`${t('idForm.emergency')} ${t('idForm.ecPhone2')}`, ec.phone2 || dash],
      [t('idForm.freeText'), p.freeText || dash],
    ];
    return html`<section aria-labelledby="confirm-title">
      <h3 id="confirm-title" tabindex="-1">${t('idForm.confirmTitle')}</h3>
      <p class="lead">${t('idForm.confirmLead')}</p>
      <dl class="review">
        ${rows.map(
          ([k, v]) =>
            html`<dt>${k}</dt>
              <dd>${v}</dd>`,
        )}
      </dl>
      ${this.registerError ? html`<p class="error" role="alert">${this.registerError}</p>` : nothing}
      <div class="actions">
        <button type="button" ?disabled=${this.busy || this.step === 'done'} @click=${this.edit}>
          ${t('idForm.edit')}
        </button>
        <button
          type="button"
          class="primary"
          part="register"
          ?disabled=${this.busy || this.step === 'done'}
          aria-busy=${this.busy ? 'true' : 'false'}
          @click=${() => void this.submit()}
        >
          ${this.busy ? t('idForm.registering') : t('idForm.register')}
        </button>
      </div>
    </section>`;
  }
}
