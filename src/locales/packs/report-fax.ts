/**
 * The strings of the report form's FAX layout as a resource pack (see `registerResourcePack` in
 * ../runtime.ts): the `form.fax` subtree of the `ui` namespace and the few `form` strings only the FAX
 * layout renders. Registered by the FAX layout's module (src/components/report-form/report-form-fax.ts)
 * when it loads, so a page that never shows the FAX layout never downloads them; English loads when the
 * layout is first shown in English.
 */
import type { ResourcePack } from '../runtime.js';
import jaFax, { faxForm } from '../ja/ui-form-fax.js';

export const REPORT_FAX_STRINGS: ResourcePack = {
  ja: { ui: { form: { ...faxForm, fax: jaFax } } },
  en: async () => {
    const en = await import('../en/ui-form-fax.js');
    return { ui: { form: { ...en.faxForm, fax: en.default } } };
  },
};
