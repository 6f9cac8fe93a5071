/**
 * Guarded custom element registration: defining a tag twice (two copies of the SDK, hot reload, a host
 * that already registered it) must not throw, as the platform's `customElements.define` would.
 */
export function defineElement(tag: string, ctor: CustomElementConstructor): void {
  if (typeof customElements === 'undefined') return;
  const existing = customElements.get(tag);
  if (existing === undefined) {
    customElements.define(tag, ctor);
  } else if (existing !== ctor) {
    console.warn(`hersys-sdk: <${tag}> is already defined by another class; keeping the first definition.`);
  }
}
