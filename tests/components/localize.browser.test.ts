import { expect, fixture, html } from '@open-wc/testing';
import { LitElement, html as litHtml } from 'lit';
import { LocalizeController } from '../../src/components/internal/localize.js';
import { isLocaleLoaded, type ResourcePack } from '../../src/locales/runtime.js';

// A feature whose English strings arrive only when the test lets them (a dynamic import() in the SDK).
let release!: () => void;
const gate = new Promise<void>((resolve) => (release = resolve));
let englishLoads = 0;
const PACK: ResourcePack = {
  ja: { ui: { localizeTest: { greeting: 'こんにちは' } } },
  en: async () => {
    englishLoads++;
    await gate;
    return { ui: { localizeTest: { greeting: 'Hello' } } };
  },
};

class LocalizeTestElement extends LitElement {
  static override properties = { locale: {} };
  declare locale: 'ja' | 'en' | '' | undefined;
  private readonly l10n = new LocalizeController(this, PACK);
  override render() {
    return litHtml`<p lang=${this.l10n.locale}>${this.l10n.t('localizeTest.greeting')}</p>`;
  }
}
customElements.define('hersys-localize-test', LocalizeTestElement);

const text = (el: Element) => el.shadowRoot!.querySelector('p')!.textContent;
const macrotask = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('LocalizeController: strings by need', () => {
  it('paints Japanese at once, without loading English; English waits for its strings, then renders', async () => {
    const el = await fixture<LocalizeTestElement>(html`<hersys-localize-test></hersys-localize-test>`);
    expect(text(el)).to.equal('こんにちは');
    expect(englishLoads).to.equal(0);
    expect(isLocaleLoaded('en')).to.equal(false);
    await expect(el).to.be.accessible();

    el.locale = 'en';
    let updated = false;
    void el.updateComplete.then(() => (updated = true));
    for (let i = 0; i < 5; i++) await macrotask();
    // The update waits for the load: no half-translated render, updateComplete still pending.
    expect(englishLoads).to.equal(1);
    expect(updated).to.equal(false);
    expect(text(el)).to.equal('こんにちは');

    release();
    await el.updateComplete;
    expect(updated).to.equal(true);
    expect(text(el)).to.equal('Hello');
    expect(isLocaleLoaded('en')).to.equal(true);

    // Loaded once: another element in English renders at once, nothing loaded again.
    const other = await fixture<LocalizeTestElement>(
      html`<hersys-localize-test locale="en"></hersys-localize-test>`,
    );
    expect(text(other)).to.equal('Hello');
    expect(englishLoads).to.equal(1);
  });

  it('renders with the Japanese fallback when a load fails, and tries again at the next update', async () => {
    release(); // the first test's strings, if it did not run
    let offline = true;
    let attempts = 0;
    const failing: ResourcePack = {
      en: async () => {
        attempts++;
        if (offline) throw new Error('offline');
        return { ui: { localizeTest: { farewell: 'Goodbye' } } };
      },
    };
    class Farewell extends LocalizeTestElement {
      private readonly l10n2 = new LocalizeController(this, failing);
      override render() {
        return litHtml`<p>${this.l10n2.t('localizeTest.farewell', { defaultValue: 'さようなら' })}</p>`;
      }
    }
    customElements.define('hersys-localize-test-farewell', Farewell);
    const warn = console.warn;
    const warnings: unknown[] = [];
    console.warn = (...args: unknown[]) => warnings.push(args[0]);
    try {
      const el = await fixture<Farewell>(
        html`<hersys-localize-test-farewell locale="en"></hersys-localize-test-farewell>`,
      );
      await el.updateComplete;
      expect(text(el)).to.equal('さようなら');
      expect(String(warnings[0])).to.contain('en resources could not be loaded');
      expect(isLocaleLoaded('en')).to.equal(false);
      expect(attempts).to.be.greaterThan(0);
      offline = false;
      el.requestUpdate();
      await el.updateComplete;
      expect(text(el)).to.equal('Goodbye');
      expect(isLocaleLoaded('en')).to.equal(true);
    } finally {
      console.warn = warn;
    }
  });
});
