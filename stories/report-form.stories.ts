import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/define.js';
import type { HersysReportForm } from '../src/components/report-form/report-form.component.js';
import { MemoryDraftStore } from '../src/components/stores/index.js';
import type { OccurrenceReport } from '../src/schema/index.js';
import { HEALTH_CENTERS, INSTITUTIONS } from './support.js';
import {
  FIXTURE_TODAY,
  manualDateExampleReport,
  minimalReport,
  tc1Report,
} from '../tests/fixtures/reports.js';

type Args = {
  layout: 'standard' | 'fax';
  locale: 'ja' | 'en';
  value?: OccurrenceReport;
  showProblems: boolean;
};

const meta: Meta<Args> = {
  title: 'Report form/<hersys-report-form>',
  component: 'hersys-report-form',
  args: { layout: 'standard', locale: 'ja', showProblems: false },
  argTypes: {
    layout: { control: 'inline-radio', options: ['standard', 'fax'] },
    locale: { control: 'inline-radio', options: ['ja', 'en'] },
    value: { control: false },
  },
  render: (args) =>
    html`<hersys-report-form
      .layout=${args.layout}
      .locale=${args.locale}
      today=${FIXTURE_TODAY}
      .value=${args.value ?? { schemaVersion: 2 }}
      .draftStore=${new MemoryDraftStore()}
      .searchHealthCenters=${HEALTH_CENTERS}
      .searchInstitutions=${INSTITUTIONS}
    ></hersys-report-form>`,
  play: async ({ canvasElement, args }) => {
    if (!args.showProblems) return;
    const form = canvasElement.querySelector<HersysReportForm>('hersys-report-form')!;
    await form.updateComplete;
    await form.submit(); // 確認: shows every error and warning next to its field.
  },
};
export default meta;
type Story = StoryObj<Args>;

/** A new, empty report: required fields marked 必須, recommended ones framed yellow. */
export const Empty: Story = {};

/** Pre-filled by the host (an EMR passing its patient data): TC-1, a complete valid report. */
export const PreFilled: Story = { args: { value: tc1Report() } };

/** 確認 pressed on an almost empty report: every error is shown beside its field and announced. */
export const Errors: Story = {
  args: {
    value: {
      schemaVersion: 2,
      reportDate: FIXTURE_TODAY,
      patient: { familyName: '山田', phone: '090-1234-567' },
    },
    showProblems: true,
  },
};

/** The manual's date example after 確認: no error, but warnings (dates out of order, empty yellow fields). */
export const Warnings: Story = { args: { value: manualDateExampleReport(), showProblems: true } };

/** Only the required fields: valid, with the recommended (yellow) fields empty. */
export const Minimal: Story = { args: { value: minimalReport() } };

/** The paper form's layout (別記様式6-1), same value. */
export const FaxLayout: Story = { args: { layout: 'fax', value: tc1Report() } };

/** English UI. */
export const English: Story = { args: { locale: 'en', value: tc1Report() } };
