import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { browserSupportsWebAuthn, startAuthentication, startRegistration } from '@simplewebauthn/browser';
import type { Locale } from '../../locales/index.js';
import { emit } from '../internal/emit.js';
import { LocalizeController } from '../internal/localize.js';
import { SIGN_IN_STRINGS } from '../../locales/packs/sign-in.js';
import { tokens } from '../internal/tokens.styles.js';
import {
  SignInError,
  type SignInApi,
  type SignInMethod,
  type SignInStep,
  type SignedInUser,
} from './sign-in-api.js';
import { styles } from './sign-in.styles.js';
import './sign-in-events.js';

/** The screens of the sign-in, in the manual's order. */
export type SignInScreen =
  | 'loginId'
  | 'password'
  | 'moreInfo'
  | 'enrollPhone'
  | 'secondFactor'
  | 'code'
  | 'complete'
  | 'changePassword'
  | 'securityKey'
  | 'offerKey'
  | 'done';

interface ShownError {
  code: string;
  params?: Record<string, string | number>;
}

/**
 * The HER-SYS sign-in (サインインの手順 ③–⑪) as one element: login ID → 次へ → password (サインイン, with
 * 「パスワードを忘れた場合」) → on the first sign-in 詳細情報が必要 → アカウントのセキュリティ保護 (Japan +81 number,
 * 「コードをSMS送信する」 or 「電話する」) → the code → 完了 → the change of the initial password; on later
 * sign-ins the second factor (security key, authenticator app, SMS or a call). After signing in it offers to
 * register a security key.
 *
 * It drives a host-provided {@link SignInApi} (`createSignInClient()` for the reference server), so an EMR
 * can plug in its own back end. Keyboard-first: every screen is a form submitted with Enter, and focus moves
 * to the new screen's first field (or heading).
 *
 * @summary Sign-in with two-step verification, as the HER-SYS manual shows it.
 * @fires hersys-signed-in - The user is signed in; `detail.user` is who.
 * @fires hersys-reauthenticated - (`mode="reauth"`) the user confirmed password and second factor again.
 * @fires hersys-sign-in-screen - The screen changed; `detail.screen` is which (for analytics or routing).
 * @csspart card - The card around every screen.
 * @csspart heading - The heading of the screen.
 * @csspart error - The error message of the screen.
 * @csspart primary - The screen's main button.
 */
export class HersysSignIn extends LitElement {
  static override styles = [tokens, styles];

  /** The back end. Required. */
  @property({ attribute: false }) api?: SignInApi;
  /** `ja` (default) or `en`; else the `lang` of the element or the document. */
  @property({ reflect: true }) locale: Locale | '' = '';
  /** Offer to register a security key after signing in (when the back end and the browser support it). */
  @property({ type: Boolean, attribute: 'offer-security-key' }) offerSecurityKey = true;
  /**
   * `signIn` (default), or `reauth`: confirm it is still the signed-in user (password and second factor again)
   * before a sensitive action; starts at the password with `api.reauth()` and fires `hersys-reauthenticated`.
   */
  @property({ reflect: true }) mode: 'signIn' | 'reauth' = 'signIn';
  /** A login ID to start with (e.g. remembered by the host). */
  @property({ attribute: 'login-id' }) loginId = '';

  /** The screen shown. */
  @state() screen: SignInScreen = 'loginId';
  @state() private _busy = false;
  @state() private _error?: ShownError;
  @state() private _fieldErrors: Record<string, ShownError> = {};
  @state() private _notice?: string;
  @state() private _methods: SignInMethod[] = [];
  @state() private _phoneHint = '';
  @state() private _codeMethod: 'sms' | 'voice' | 'totp' = 'sms';
  @state() private _sentTo = '';
  @state() private _smsEnabled = true;
  @state() private _voiceEnabled = true;
  @state() private _help?: string;
  @state() private _showPasswords = false;
  @state() private _user?: SignedInUser;

  private readonly l10n = new LocalizeController(this, SIGN_IN_STRINGS);
  private _attemptId = '';
  private _pendingFocus = false;
  private _afterComplete?: SignInStep;
  private _enrolling = false;
  private _helpText?: { ja: string; en: string };

  /** Starts again at the login ID (keeps the ID typed). */
  reset(): void {
    this._attemptId = '';
    this._error = undefined;
    this._fieldErrors = {};
    this._notice = undefined;
    this._enrolling = false;
    if (this.mode === 'reauth') {
      this._startReauth();
      return;
    }
    this._go('loginId');
  }

  protected override firstUpdated(): void {
    if (this.mode === 'reauth') this._startReauth();
  }

  private _startReauth(): void {
    void this._run(async () => {
      if (!this.api?.reauth) throw new SignInError('unknown', 'The back end has no reauth().');
      const { attemptId, loginId } = await this.api.reauth();
      this._attemptId = attemptId;
      this.loginId = loginId;
      this._go('password');
    });
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('screen')) {
      this._pendingFocus = true;
      if (changed.get('screen') !== undefined) emit(this, 'hersys-sign-in-screen', { screen: this.screen });
    }
    // The fields are disabled while a call runs: focus the new screen once they are enabled.
    if (this._pendingFocus && !this._busy) {
      this._pendingFocus = false;
      this._focusScreen();
    }
  }

  private _focusScreen(): void {
    const root = this.renderRoot as ShadowRoot;
    const target =
      root.querySelector<HTMLElement>('[data-autofocus]') ??
      root.querySelector<HTMLElement>(
        'form input:not([hidden]):not([disabled]), form select:not([disabled])',
      ) ??
      root.querySelector<HTMLElement>('h2');
    target?.focus();
  }

  private _go(screen: SignInScreen): void {
    this._showPasswords = false;
    this.screen = screen;
  }

  private _t(key: string, params?: Record<string, unknown>): string {
    return this.l10n.t(`signIn.${key}`, params ?? {}) as string;
  }

  private _value(name: string): string {
    const el = (this.renderRoot as ShadowRoot).querySelector<HTMLInputElement>(`[name="${name}"]`);
    return el?.value ?? '';
  }

  /** Runs one call to the back end with the busy state and error mapping. */
  private async _run(work: () => Promise<void>): Promise<void> {
    if (this._busy) return;
    if (!this.api) {
      this._error = { code: 'unknown' };
      return;
    }
    this._busy = true;
    this._error = undefined;
    this._fieldErrors = {};
    this._notice = undefined;
    try {
      await work();
    } catch (err) {
      this._showError(err);
    } finally {
      this._busy = false;
    }
  }

  private _showError(err: unknown): void {
    if (!(err instanceof SignInError)) {
      this._error = { code: 'network' };
      return;
    }
    const d = err.details;
    if ((err.code === 'attempt_expired' || err.code === 'wrong_step') && this.mode !== 'reauth') {
      this._attemptId = '';
      this._go('loginId');
      this._error = { code: err.code };
      return;
    }
    if (d.issues?.length) {
      const fields: Record<string, ShownError> = {};
      for (const i of d.issues) fields[i.path] ??= { code: i.code, params: i.params };
      this._fieldErrors = fields;
      void this.updateComplete.then(() => {
        const first = Object.keys(fields)[0];
        (this.renderRoot as ShadowRoot).querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      });
      return;
    }
    if (err.code === 'invalid_code' && d.triesLeft !== undefined && d.triesLeft > 0) {
      this._error = { code: 'invalid_code_left', params: { count: d.triesLeft } };
    } else if (err.code === 'slow_down') {
      this._error = { code: 'slow_down', params: { seconds: d.retryAfterSeconds ?? 30 } };
    } else {
      this._error = { code: err.code };
    }
    void this.updateComplete.then(() => {
      const input = (this.renderRoot as ShadowRoot).querySelector<HTMLInputElement>(
        'form input[type=password], form input[name=code]',
      );
      if (input && err.code !== 'slow_down') {
        input.value = '';
      }
      input?.focus();
    });
  }

  // -------------------------------------------------------------------------------------------------------
  // Steps

  private async _onStep(step: SignInStep): Promise<void> {
    switch (step.next) {
      case 'password':
        this._go('password');
        return;
      case 'enrollPhone':
        this._enrolling = true;
        this._smsEnabled = step.smsEnabled ?? true;
        this._voiceEnabled = step.voiceEnabled ?? true;
        this._go('moreInfo');
        return;
      case 'secondFactor':
        this._methods = step.methods;
        this._phoneHint = step.phoneHint ?? '';
        this._go('secondFactor');
        return;
      case 'changePassword':
        if (this._enrolling) {
          this._afterComplete = step;
          this._go('complete');
        } else this._go('changePassword');
        return;
      case 'done':
        if (this._enrolling) {
          this._enrolling = false;
          this._afterComplete = step;
          this._go('complete');
          return;
        }
        if (step.reauthenticated) {
          this._go('done');
          emit(this, 'hersys-reauthenticated', {});
          return;
        }
        this._user = step.user;
        if (step.offerSecurityKey && this._canOfferKey()) {
          this._go('offerKey');
          return;
        }
        this._finish();
    }
  }

  private _canOfferKey(): boolean {
    return (
      this.offerSecurityKey &&
      !!this.api?.registerSecurityKeyOptions &&
      !!this.api.registerSecurityKeyVerify &&
      browserSupportsWebAuthn()
    );
  }

  private _finish(): void {
    this._go('done');
    if (this._user) emit(this, 'hersys-signed-in', { user: this._user });
  }

  private _submitLoginId = (e: Event) => {
    e.preventDefault();
    const loginId = this._value('loginId').trim();
    if (!loginId) {
      this._fieldErrors = { loginId: { code: 'required' } };
      return;
    }
    this.loginId = loginId;
    void this._run(async () => {
      const { attemptId } = await this.api!.start(loginId);
      this._attemptId = attemptId;
      this._go('password');
    });
  };

  private _submitPassword = (e: Event) => {
    e.preventDefault();
    const password = this._value('password');
    if (!password) {
      this._fieldErrors = { password: { code: 'required' } };
      return;
    }
    void this._run(async () => this._onStep(await this.api!.password(this._attemptId, password)));
  };

  private _submitPhone = (e: Event) => {
    e.preventDefault();
    const phone = this._value('phone').trim();
    const method = (this._form()?.elements.namedItem('method') as RadioNodeList | null)?.value as
      'sms' | 'voice';
    if (!phone) {
      this._fieldErrors = { phone: { code: 'required' } };
      return;
    }
    void this._run(async () => {
      const sent = await this.api!.registerPhone(this._attemptId, phone, method);
      this._codeMethod = sent.method;
      this._sentTo = sent.sentTo;
      this._go('code');
    });
  };

  private _submitMethod = (e: Event) => {
    e.preventDefault();
    const method = (this._form()?.elements.namedItem('factor') as RadioNodeList | null)
      ?.value as SignInMethod;
    if (!method) return;
    if (method === 'webauthn') {
      void this._useSecurityKey();
      return;
    }
    if (method === 'totp') {
      this._codeMethod = 'totp';
      this._go('code');
      return;
    }
    void this._run(async () => {
      const sent = await this.api!.sendCode(this._attemptId, method);
      this._codeMethod = sent.method;
      this._sentTo = sent.sentTo;
      this._go('code');
    });
  };

  private _resend = () => {
    if (this._codeMethod === 'totp') return;
    const method = this._codeMethod;
    void this._run(async () => {
      const phone = this._enrolling ? this._lastPhone : undefined;
      const sent = phone
        ? await this.api!.registerPhone(this._attemptId, phone, method)
        : await this.api!.sendCode(this._attemptId, method);
      this._sentTo = sent.sentTo;
      this._notice = this._t('resent');
    });
  };

  private _lastPhone?: string;

  private _submitCode = (e: Event) => {
    e.preventDefault();
    const code = this._value('code').replace(/\s/g, '');
    if (!code) {
      this._fieldErrors = { code: { code: 'required' } };
      return;
    }
    void this._run(async () =>
      this._onStep(
        await this.api!.verifyCode(this._attemptId, code, this._codeMethod === 'totp' ? 'totp' : undefined),
      ),
    );
  };

  private _submitComplete = (e: Event) => {
    e.preventDefault();
    const next = this._afterComplete;
    this._afterComplete = undefined;
    this._enrolling = false;
    if (next) void this._onStep(next);
  };

  private _submitNewPassword = (e: Event) => {
    e.preventDefault();
    const current = this._value('currentPassword');
    const next = this._value('newPassword');
    const missing: Record<string, ShownError> = {};
    if (!current) missing.currentPassword = { code: 'required' };
    if (!next) missing.newPassword = { code: 'required' };
    if (Object.keys(missing).length) {
      this._fieldErrors = missing;
      return;
    }
    void this._run(async () =>
      this._onStep(await this.api!.changeInitialPassword(this._attemptId, current, next)),
    );
  };

  private async _useSecurityKey(): Promise<void> {
    if (!this.api?.securityKeyOptions || !this.api.securityKeyVerify || !browserSupportsWebAuthn()) {
      this._error = { code: 'webauthn_unsupported' };
      return;
    }
    this._go('securityKey');
    await this._run(async () => {
      const optionsJSON = await this.api!.securityKeyOptions!(this._attemptId);
      let response;
      try {
        response = await startAuthentication({ optionsJSON });
      } catch {
        throw new SignInError('webauthn_cancelled', 'cancelled');
      }
      await this._onStep(await this.api!.securityKeyVerify!(this._attemptId, response));
    });
  }

  private _registerKey = (e: Event) => {
    e.preventDefault();
    const name = this._value('keyName').trim() || this._t('offerKeyNameDefault');
    void this._run(async () => {
      const optionsJSON = await this.api!.registerSecurityKeyOptions!();
      let response;
      try {
        response = await startRegistration({ optionsJSON });
      } catch {
        throw new SignInError('webauthn_cancelled', 'cancelled');
      }
      await this.api!.registerSecurityKeyVerify!(response, name);
      this._notice = this._t('keyRegistered');
      this._finish();
    });
  };

  private _toggleHelp = async () => {
    if (this._help !== undefined) {
      this._help = undefined;
      return;
    }
    if (!this._helpText && this.api?.help) {
      try {
        this._helpText = await this.api.help();
      } catch {
        this._helpText = undefined;
      }
    }
    this._help = this._helpText ? this._helpText[this.l10n.locale] : this._t('helpDefault');
  };

  private _form(): HTMLFormElement | null {
    return (this.renderRoot as ShadowRoot).querySelector('form');
  }

  // -------------------------------------------------------------------------------------------------------
  // Rendering

  private _errorText(e: ShownError): string {
    return this._t(`errors.${e.code}`, e.params);
  }

  private _field(opts: {
    name: string;
    label: string;
    type?: string;
    autocomplete?: string;
    hint?: string;
    value?: string;
    inputmode?: string;
    maxlength?: number;
    prefix?: TemplateResult;
    /** The field the screen focuses first. */
    autofocus?: boolean;
  }): TemplateResult {
    const err = this._fieldErrors[opts.name];
    const describedBy = [opts.hint ? `${opts.name}-hint` : '', err ? `${opts.name}-error` : '']
      .filter(Boolean)
      .join(' ');
    return html`<div class="field">
      <label for=${opts.name}>${opts.label}</label>
      ${opts.hint ? html`<p class="hint" id="${opts.name}-hint">${opts.hint}</p>` : nothing}
      <div class="input-row">
        ${opts.prefix ?? nothing}
        <input
          id=${opts.name}
          name=${opts.name}
          type=${opts.type ?? 'text'}
          autocomplete=${opts.autocomplete ?? 'off'}
          inputmode=${(opts.inputmode ?? nothing) as never}
          maxlength=${(opts.maxlength ?? nothing) as never}
          .value=${opts.value ?? ''}
          aria-invalid=${err ? 'true' : 'false'}
          aria-describedby=${(describedBy || nothing) as never}
          ?disabled=${this._busy}
          spellcheck="false"
          autocapitalize="off"
          ?data-autofocus=${opts.autofocus ?? false}
        />
      </div>
      ${err ? html`<p class="field-error" id="${opts.name}-error">${this._errorText(err)}</p>` : nothing}
    </div>`;
  }

  private _alert(): TemplateResult {
    return html`<div class="messages">
      <p class="error" part="error" role="alert">${this._error ? this._errorText(this._error) : nothing}</p>
      <p class="notice" role="status">${this._notice ?? nothing}</p>
    </div>`;
  }

  private _primary(label: string): TemplateResult {
    return html`<button
      type="submit"
      class="primary"
      part="primary"
      ?disabled=${this._busy}
      aria-busy=${this._busy ? 'true' : 'false'}
    >
      ${this._busy ? this._t('working') : label}
    </button>`;
  }

  private _heading(key: string): TemplateResult {
    return html`<h2 id="heading" part="heading" tabindex="-1">${this._t(key)}</h2>`;
  }

  private _identity(): TemplateResult | typeof nothing {
    if (this.mode === 'reauth') return nothing;
    return html`<button type="button" class="link identity" @click=${() => this.reset()}>
      ← ${this._t('changeAccount', { loginId: this.loginId })}
    </button>`;
  }

  private _screen(): TemplateResult {
    switch (this.screen) {
      case 'loginId':
        return html`<form @submit=${this._submitLoginId} novalidate aria-labelledby="heading">
          ${this._heading('title')} ${this._alert()}
          ${this._field({ name: 'loginId', label: this._t('loginId'), hint: this._t('loginIdHint'), autocomplete: 'username', value: this.loginId })}
          <p>
            <button
              type="button"
              class="link"
              aria-expanded=${this._help !== undefined ? 'true' : 'false'}
              aria-controls="help"
              @click=${this._toggleHelp}
            >
              ${this._t('cannotAccess')}
            </button>
          </p>
          ${this._helpBlock()}
          <div class="actions">${this._primary(this._t('next'))}</div>
        </form>`;
      case 'password':
        return html`<form @submit=${this._submitPassword} novalidate aria-labelledby="heading">
          ${this._identity()} ${this._heading('passwordTitle')} ${this._alert()}
          <input
            type="text"
            name="username"
            autocomplete="username"
            .value=${this.loginId}
            hidden
            aria-hidden="true"
            tabindex="-1"
          />
          ${this._field({ name: 'password', label: this._t('password'), type: this._showPasswords ? 'text' : 'password', autocomplete: 'current-password', hint: this._t('passwordHint') })}
          ${this._showToggle('showPassword')}
          <p>
            <button
              type="button"
              class="link"
              aria-expanded=${this._help !== undefined ? 'true' : 'false'}
              aria-controls="help"
              @click=${this._toggleHelp}
            >
              ${this._t('forgotPassword')}
            </button>
          </p>
          ${this._helpBlock()}
          <div class="actions">${this._primary(this._t('signIn'))}</div>
        </form>`;
      case 'moreInfo':
        return html`<form
          @submit=${(e: Event) => (e.preventDefault(), this._go('enrollPhone'))}
          aria-labelledby="heading"
        >
          ${this._identity()} ${this._heading('moreInfoTitle')}
          <p>${this._t('moreInfoText')}</p>
          <div class="actions">
            <button type="submit" class="primary" part="primary" data-autofocus>${this._t('next')}</button>
          </div>
        </form>`;
      case 'enrollPhone':
        return html`<form
          @submit=${(e: Event) => ((this._lastPhone = this._value('phone').trim()), this._submitPhone(e))}
          novalidate
          aria-labelledby="heading"
        >
          ${this._heading('protectTitle')}
          <p>${this._t('protectText')}</p>
          <p>${this._t('phoneMethodText')}</p>
          ${this._alert()}
          <div class="field">
            <label for="country">${this._t('country')}</label>
            <select id="country" name="country" ?disabled=${this._busy}>
              <option value="+81" selected>${this._t('countryJapan')}</option>
            </select>
          </div>
          ${this._field({ name: 'phone', label: this._t('phone'), type: 'tel', autocomplete: 'tel-national', hint: this._t('phoneHint'), inputmode: 'tel', value: this._lastPhone ?? '', autofocus: true })}
          <fieldset>
            <legend>${this._t('deliveryMethod')}</legend>
            ${
              this._smsEnabled
                ? html`<label class="choice"
                    ><input
                      type="radio"
                      name="method"
                      value="sms"
                      ?checked=${this._smsEnabled}
                      ?disabled=${this._busy}
                    />${this._t('methodSmsSend')}</label
                  >`
                : nothing
            }
            ${
              this._voiceEnabled
                ? html`<label class="choice"
                    ><input
                      type="radio"
                      name="method"
                      value="voice"
                      ?checked=${!this._smsEnabled}
                      ?disabled=${this._busy}
                    />${this._t('methodCall')}</label
                  >`
                : nothing
            }
          </fieldset>
          <div class="actions">${this._primary(this._t('next'))}</div>
        </form>`;
      case 'secondFactor':
        return html`<form @submit=${this._submitMethod} aria-labelledby="heading">
          ${this._identity()} ${this._heading('secondFactorTitle')} ${this._alert()}
          <fieldset>
            <legend>${this._t('secondFactorText')}</legend>
            ${this._methods.map(
              (m, i) =>
                html`<label class="choice"
                  ><input
                    type="radio"
                    name="factor"
                    value=${m}
                    ?checked=${i === 0}
                    ?disabled=${this._busy}
                  />${this._t(`methods.${m}`, { phone: this._phoneHint })}</label
                >`,
            )}
          </fieldset>
          <div class="actions">${this._primary(this._t('next'))}</div>
        </form>`;
      case 'code': {
        const text =
          this._codeMethod === 'totp'
            ? this._t('codeTotp')
            : this._t(this._codeMethod === 'sms' ? 'codeSentSms' : 'codeSentVoice', { phone: this._sentTo });
        return html`<form @submit=${this._submitCode} novalidate aria-labelledby="heading">
          ${this._heading(this._enrolling ? 'protectTitle' : 'codeTitle')}
          <p id="code-text">${text}</p>
          ${this._alert()}
          ${this._field({
            name: 'code',
            label: this._t('code'),
            autocomplete: 'one-time-code',
            inputmode: 'numeric',
            maxlength: 8,
            hint: this._codeMethod === 'totp' ? undefined : this._t('codeExpires'),
          })}
          <div class="actions">
            ${
              this._codeMethod !== 'totp'
                ? html`<button type="button" class="secondary" ?disabled=${this._busy} @click=${this._resend}>
                    ${this._t('resend')}
                  </button>`
                : nothing
            }
            <button
              type="button"
              class="secondary"
              ?disabled=${this._busy}
              @click=${() => this._go(this._enrolling ? 'enrollPhone' : 'secondFactor')}
            >
              ${this._t('back')}
            </button>
            ${this._primary(this._t('verify'))}
          </div>
        </form>`;
      }
      case 'complete':
        return html`<form @submit=${this._submitComplete} aria-labelledby="heading">
          ${this._heading('completeTitle')}
          <p class="success">✓ ${this._t('completeText')}</p>
          <div class="actions">
            <button type="submit" class="primary" part="primary" data-autofocus>
              ${this._t('complete')}
            </button>
          </div>
        </form>`;
      case 'changePassword': {
        const type = this._showPasswords ? 'text' : 'password';
        return html`<form @submit=${this._submitNewPassword} novalidate aria-labelledby="heading">
          ${this._heading('changePasswordTitle')}
          <p>${this._t('changePasswordText')}</p>
          ${this._alert()}
          <input
            type="text"
            name="username"
            autocomplete="username"
            .value=${this.loginId}
            hidden
            aria-hidden="true"
            tabindex="-1"
          />
          ${this._field({ name: 'currentPassword', label: this._t('currentPassword'), type, autocomplete: 'current-password' })}
          ${this._field({ name: 'newPassword', label: this._t('newPassword'), type, autocomplete: 'new-password', hint: this._t('newPasswordHint') })}
          ${this._showToggle('showPasswords')}
          <div class="actions">${this._primary(this._t('signIn'))}</div>
        </form>`;
      }
      case 'securityKey':
        return html`<form
          @submit=${(e: Event) => (e.preventDefault(), void this._useSecurityKey())}
          aria-labelledby="heading"
        >
          ${this._heading('securityKeyTitle')}
          <p>${this._t('securityKeyText')}</p>
          ${this._alert()}
          <div class="actions">
            <button
              type="button"
              class="secondary"
              ?disabled=${this._busy}
              @click=${() => this._go('secondFactor')}
            >
              ${this._t('back')}
            </button>
            <button type="submit" class="primary" part="primary" ?disabled=${this._busy} data-autofocus>
              ${this._t('securityKeyRetry')}
            </button>
          </div>
        </form>`;
      case 'offerKey':
        return html`<form @submit=${this._registerKey} novalidate aria-labelledby="heading">
          ${this._heading('offerKeyTitle')}
          <p>${this._t('offerKeyText')}</p>
          ${this._alert()}
          ${this._field({ name: 'keyName', label: this._t('offerKeyName'), value: this._t('offerKeyNameDefault') })}
          <div class="actions">
            <button type="button" class="secondary" ?disabled=${this._busy} @click=${() => this._finish()}>
              ${this._t('later')}
            </button>
            ${this._primary(this._t('register'))}
          </div>
        </form>`;
      case 'done':
        return html`<div>
          ${this._heading(this.mode === 'reauth' ? 'secondFactorTitle' : 'signedInTitle')}
          <p class="notice" role="status">${this._notice ?? nothing}</p>
          <p>
            ${
              this.mode === 'reauth'
                ? this._t('reauthDoneText')
                : this._t('signedInText', { name: this._user?.displayName ?? this.loginId })
            }
          </p>
        </div>`;
    }
  }

  /** ASVS 2.1.12: the user may see what they type. */
  private _showToggle(key: 'showPassword' | 'showPasswords'): TemplateResult {
    return html`<label class="choice"
      ><input
        type="checkbox"
        name="show"
        .checked=${this._showPasswords}
        @change=${(e: Event) => (this._showPasswords = (e.target as HTMLInputElement).checked)}
      />${this._t(key)}</label
    >`;
  }

  private _helpBlock(): TemplateResult {
    return html`<div id="help" class="help" ?hidden=${this._help === undefined}>
      ${
        this._help !== undefined
          ? html`<h3>${this._t('helpTitle')}</h3>
              <p>${this._help}</p>`
          : nothing
      }
    </div>`;
  }

  protected override render(): TemplateResult {
    return html`<section class="card" part="card" lang=${this.l10n.locale}>
      <header class="brand">
        <span class="product">${this._t('product')}</span>
        <span class="product-long">${this._t('productLong')}</span>
      </header>
      ${this._screen()}
    </section>`;
  }
}
