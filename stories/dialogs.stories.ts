import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/define.js';
import type { HersysDialogBase } from '../src/components/internal/dialog-base.js';
import { checkDateConsistency, validateReport, type OccurrenceReport } from '../src/schema/index.js';
import { FIXTURE_TODAY, manualDateExampleReport, minimalReport } from '../tests/fixtures/reports.js';

type Args = { locale: 'ja' | 'en' };

/** A button that (re)opens the dialog next to it, as a host page would; the dialog starts open. */
function reopen(e: Event) {
  const dialog = (e.target as HTMLElement).nextElementSibling as HersysDialogBase;
  void dialog.show();
}

function log(e: CustomEvent) {
  const out = (e.target as HTMLElement).parentElement!.querySelector('output')!;
  out.textContent = `${e.type}: ${JSON.stringify(e.detail)}`;
}

const recommendedOf = (r: OccurrenceReport) =>
  validateReport(r, { today: FIXTURE_TODAY }).issues.filter((i) => i.code === 'recommended');

const meta: Meta<Args> = {
  title: 'Dialogs',
  args: { locale: 'ja' },
  argTypes: { locale: { control: 'inline-radio', options: ['ja', 'en'] } },
  parameters: { layout: 'fullscreen' },
};
export default meta;
type Story = StoryObj<Args>;

/** 任意入力の確認 for the minimal report: its empty yellow (recommended) fields, 続ける / 修正する. */
export const OptionalFields: Story = {
  render: (args) =>
    html`<div style="padding: 1rem">
      <button @click=${reopen}>任意入力の確認を開く</button>
      <hersys-optional-fields-dialog
        open
        .locale=${args.locale}
        .issues=${recommendedOf(minimalReport())}
        @hersys-continue=${log}
        @hersys-fix=${log}
      ></hersys-optional-fields-dialog>
      <p><output></output></p>
    </div>`,
};

/** 日付の整合性確認 with the manual's example: × on 検体採取日 and 診断(検案)年月日, the drawn timeline beside. */
export const DateConsistency: Story = {
  render: (args) =>
    html`<div style="padding: 1rem">
      <button @click=${reopen}>日付の整合性確認を開く</button>
      <hersys-date-consistency-dialog
        open
        .locale=${args.locale}
        .result=${checkDateConsistency(manualDateExampleReport(), { today: FIXTURE_TODAY })}
        @hersys-continue=${log}
        @hersys-fix=${log}
      ></hersys-date-consistency-dialog>
      <p><output></output></p>
    </div>`,
};

/** The same, in English. */
export const DateConsistencyEnglish: Story = { ...DateConsistency, args: { locale: 'en' } };
