/**
 * The sign-in strings as a resource pack (see `registerResourcePack` in ../runtime.ts): the Japanese bundle
 * comes with the component's module, the English one is loaded when a component renders in English. One
 * module per feature, so an entry emits only the chunks it may load.
 */
import type { ResourcePack } from '../runtime.js';
import { signIn } from '../ja/ui-sign-in.js';

/** `<hersys-sign-in>`. */
export const SIGN_IN_STRINGS: ResourcePack = {
  ja: { ui: { signIn } },
  en: async () => ({ ui: { signIn: (await import('../en/ui-sign-in.js')).signIn } }),
};
