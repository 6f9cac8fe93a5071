/**
 * The report components' strings as a resource pack (see `registerResourcePack` in ../runtime.ts): the Japanese bundle
 * comes with the component's module, the English one is loaded when a component renders in English. One
 * module per feature, so an entry emits only the chunks it may load.
 */
import type { ResourcePack } from '../runtime.js';
import jaIssues from '../ja/issues.js';
import jaFields from '../ja/fields.js';
import jaForm from '../ja/ui-form.js';
import { dialogs, flow } from '../ja/ui-flow.js';

/**
 * The report form, the dialogs and the flow: `issues`, `fields` and the `ui` subtrees `form` (without
 * `form.fax`, ./report-fax.ts), `dialogs`, `flow`.
 */
export const REPORT_STRINGS: ResourcePack = {
  ja: { issues: jaIssues, fields: jaFields, ui: { form: jaForm, dialogs, flow } },
  en: async () => {
    const [issues, fields, form, ui] = await Promise.all([
      import('../en/issues.js'),
      import('../en/fields.js'),
      import('../en/ui-form.js'),
      import('../en/ui-flow.js'),
    ]);
    return {
      issues: issues.default,
      fields: fields.default,
      ui: { form: form.default, dialogs: ui.dialogs, flow: ui.flow },
    };
  },
};
