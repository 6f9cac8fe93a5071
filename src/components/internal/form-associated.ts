import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';

/**
 * The shared base of the SDK's form-associated elements (ElementInternals). It owns `name`, `disabled`,
 * the form value and the validity, and turns the platform's callbacks into three hooks a component
 * implements: {@link FormAssociatedElement.formValue}, {@link FormAssociatedElement.formReset} and
 * {@link FormAssociatedElement.formRestore}. Inside a native `<form>` the element then takes part in
 * FormData, `form.reset()`, `form.checkValidity()` and the browser's form state restore.
 */
export abstract class FormAssociatedElement extends LitElement {
  /** @internal */
  static formAssociated = true;

  /** The element's ElementInternals (form value, validity, ARIA). */
  protected readonly internals: ElementInternals;

  /** The name under which the value is submitted with a native `<form>`. */
  @property({ reflect: true }) name = '';

  /** Disables every control of the element (also set when an enclosing `<fieldset disabled>` is). */
  @property({ type: Boolean, reflect: true }) disabled = false;

  constructor() {
    super();
    this.internals = this.attachInternals();
  }

  /** The `<form>` the element belongs to, if any. */
  get form(): HTMLFormElement | null {
    return this.internals.form;
  }

  /** The element's validity state (customError when the value has errors). */
  get validity(): ValidityState {
    return this.internals.validity;
  }

  /** The message shown by `reportValidity()` when invalid. */
  get validationMessage(): string {
    return this.internals.validationMessage;
  }

  /** Whether the element takes part in constraint validation. */
  get willValidate(): boolean {
    return this.internals.willValidate;
  }

  /** `true` when the value has no error (does not show anything). */
  checkValidity(): boolean {
    this.syncFormState();
    return this.internals.checkValidity();
  }

  /** Like {@link checkValidity}, and shows the first problem to the user when invalid. */
  reportValidity(): boolean {
    this.syncFormState();
    return this.internals.reportValidity();
  }

  /** Pushes the current value and validity to ElementInternals. Call after every change. */
  protected syncFormState(): void {
    const value = this.formValue();
    this.internals.setFormValue(value, value);
    const invalid = this.formValidity();
    if (invalid) {
      this.internals.setValidity({ customError: true }, invalid.message, invalid.anchor ?? undefined);
    } else {
      this.internals.setValidity({});
    }
  }

  /** The value submitted with the form (and kept as restore state). */
  protected abstract formValue(): string | null;
  /** `undefined` when valid, otherwise the message and the control to anchor the browser's bubble to. */
  protected abstract formValidity(): { message: string; anchor?: HTMLElement | null } | undefined;
  /** Called by `form.reset()`. */
  protected abstract formReset(): void;
  /** Called when the browser restores the form (back/forward, autocomplete), with the saved state. */
  protected abstract formRestore(state: string): void;

  /** @internal */
  formResetCallback(): void {
    this.formReset();
  }

  /** @internal */
  formStateRestoreCallback(state: string | File | FormData | null): void {
    if (typeof state === 'string') this.formRestore(state);
  }

  /** @internal */
  formDisabledCallback(disabled: boolean): void {
    this.disabled = disabled;
  }
}
