/**
 * The strings of the report form's FAX layout as a resource pack (see `registerResourcePack` in
 * ../runtime.ts): the `form.fax` subtree of the `ui` namespace. Registered by the FAX layout's module
 * (src/components/report-form/report-form-fax.ts) when it loads, so a page that never shows the FAX layout
 * never downloads them; English loads when the layout is first shown in English.
 */
import type { ResourcePack } from '../runtime.js';
import jaFax from '../ja/ui-form-fax.js';

export const REPORT_FAX_STRINGS: ResourcePack = {
  ja: { ui: { form: { fax: jaFax } } },
  en: async () => ({ ui: { form: { fax: (await import('../en/ui-form-fax.js')).default } } }),
};
