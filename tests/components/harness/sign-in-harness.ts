import { sendKeys } from '@web/test-runner-commands';
import type { HersysSignIn } from '../../../src/components/sign-in/sign-in.component.js';
import {
  SignInError,
  type CodeSent,
  type SignInApi,
  type SignInStep,
} from '../../../src/components/sign-in/sign-in-api.js';

/** Drives `<hersys-sign-in>` as a user would: real key presses into the focused field, Enter to submit. */
export class SignInHarness {
  constructor(readonly host: HersysSignIn) {}

  get root(): ShadowRoot {
    return this.host.shadowRoot!;
  }

  get heading(): string {
    return this.root.querySelector('h2')?.textContent?.trim() ?? '';
  }

  get error(): string {
    return this.root.querySelector('[part~="error"]')?.textContent?.trim() ?? '';
  }

  get text(): string {
    return this.root.querySelector('form, div')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  }

  /** The name (or heading id) of the focused element. */
  get focused(): string {
    const el = this.root.activeElement as HTMLElement | null;
    return el?.getAttribute('name') ?? el?.id ?? el?.textContent?.trim() ?? '';
  }

  input(name: string): HTMLInputElement {
    const el = this.root.querySelector<HTMLInputElement>(`[name="${name}"]`);
    if (!el) throw new Error(`no field ${name} on screen ${this.host.screen}`);
    return el;
  }

  fieldError(name: string): string {
    return this.root.querySelector(`#${name}-error`)?.textContent?.trim() ?? '';
  }

  button(label: string): HTMLButtonElement {
    const b = [...this.root.querySelectorAll('button')].find((x) => x.textContent?.trim().includes(label));
    if (!b) throw new Error(`no button "${label}" on screen ${this.host.screen}`);
    return b;
  }

  /** Types into the focused element and presses Enter. */
  async typeAndEnter(text: string): Promise<void> {
    await sendKeys({ type: text });
    await sendKeys({ press: 'Enter' });
    await this.settle();
  }

  async press(key: string): Promise<void> {
    await sendKeys({ press: key });
    await this.settle();
  }

  async click(label: string): Promise<void> {
    this.button(label).click();
    await this.settle();
  }

  /** Waits for the back end's promises and the re-render. */
  async settle(): Promise<void> {
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 0));
      await this.host.updateComplete;
    }
  }
}

type Call = { op: string; args: unknown[] };

/**
 * A scripted back end: each operation answers from a queue (`SignInError` entries are thrown), and every call
 * is recorded.
 */
export class FakeSignInApi implements SignInApi {
  calls: Call[] = [];
  private queues = new Map<string, unknown[]>();

  on(op: keyof SignInApi, ...answers: unknown[]): this {
    this.queues.set(op, [...(this.queues.get(op) ?? []), ...answers]);
    return this;
  }

  private async answer<T>(op: string, args: unknown[]): Promise<T> {
    this.calls.push({ op, args });
    const q = this.queues.get(op);
    if (!q?.length) throw new Error(`FakeSignInApi: no answer queued for ${op}`);
    const a = q.shift();
    if (a instanceof SignInError || a instanceof Error) throw a;
    return a as T;
  }

  start(loginId: string) {
    return this.answer<{ attemptId: string }>('start', [loginId]);
  }
  password(attemptId: string, password: string) {
    return this.answer<SignInStep>('password', [attemptId, password]);
  }
  registerPhone(attemptId: string, phone: string, method: 'sms' | 'voice') {
    return this.answer<CodeSent>('registerPhone', [attemptId, phone, method]);
  }
  sendCode(attemptId: string, method: 'sms' | 'voice') {
    return this.answer<CodeSent>('sendCode', [attemptId, method]);
  }
  verifyCode(attemptId: string, code: string, method?: 'sms' | 'voice' | 'totp') {
    return this.answer<SignInStep>('verifyCode', [attemptId, code, method]);
  }
  changeInitialPassword(attemptId: string, current: string, next: string) {
    return this.answer<SignInStep>('changeInitialPassword', [attemptId, current, next]);
  }
  securityKeyOptions(attemptId: string) {
    return this.answer<never>('securityKeyOptions', [attemptId]);
  }
  securityKeyVerify(attemptId: string, response: unknown) {
    return this.answer<SignInStep>('securityKeyVerify', [attemptId, response]);
  }
  help() {
    return this.answer<{ ja: string; en: string }>('help', []);
  }
}
