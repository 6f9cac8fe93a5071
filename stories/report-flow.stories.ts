import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/define.js';
import type { ReportSubmitter } from '../src/components/report-flow/report-flow.component.js';
import { MemoryDraftStore } from '../src/components/stores/index.js';
import type { OccurrenceReport } from '../src/schema/index.js';
import { FIXTURE_TODAY, manualDateExampleReport, tc1Report } from '../tests/fixtures/reports.js';
import { HEALTH_CENTERS, INSTITUTIONS } from './support.js';

type Args = {
  locale: 'ja' | 'en';
  layout: 'standard' | 'fax';
  value?: OccurrenceReport;
  outcome: 'ok' | 'network error' | 'server issues';
};

let counter = 1;

/** A fake server: waits a moment like a real one, then files, fails or refuses. */
function fakeSubmit(outcome: Args['outcome']): ReportSubmitter {
  return async (report) => {
    await new Promise((r) => setTimeout(r, 800));
    if (outcome === 'network error') throw new Error('503 Service Unavailable');
    if (outcome === 'server issues') {
      return { issues: [{ path: 'patient.phone', code: 'phone.invalid', severity: 'error' }] };
    }
    console.info('filed', report);
    return {
      herSysId: `HS-2022-${String(counter++).padStart(6, '0')}`,
      reportId: crypto.randomUUID(),
      notified: [
        { name: report.healthCenters?.notified?.name ?? '届出保健所', role: 'notified' },
        ...(report.healthCenters?.responsible
          ? [{ name: report.healthCenters.responsible.name, role: 'responsible' }]
          : []),
        { name: '東京都', role: 'prefecture' },
      ],
    };
  };
}

const meta: Meta<Args> = {
  title: 'Report flow/<hersys-report-flow>',
  component: 'hersys-report-flow',
  args: { locale: 'ja', layout: 'standard', outcome: 'ok' },
  argTypes: {
    locale: { control: 'inline-radio', options: ['ja', 'en'] },
    layout: { control: 'inline-radio', options: ['standard', 'fax'] },
    outcome: { control: 'inline-radio', options: ['ok', 'network error', 'server issues'] },
    value: { control: false },
  },
  render: (args) =>
    html`<hersys-report-flow
      .locale=${args.locale}
      .layout=${args.layout}
      today=${FIXTURE_TODAY}
      .value=${args.value ?? { schemaVersion: 2 }}
      .draftStore=${new MemoryDraftStore()}
      .searchHealthCenters=${HEALTH_CENTERS}
      .searchInstitutions=${INSTITUTIONS}
      .submit=${fakeSubmit(args.outcome)}
      @hersys-complete=${(e: CustomEvent) => console.info('hersys-complete', e.detail)}
    ></hersys-report-flow>`,
};
export default meta;
type Story = StoryObj<Args>;

/** TC-1 pre-filled: 確認 → confirmation with 健康観察期間 → 報告 → 完了 → the three exits. */
export const FakeSubmit: Story = { args: { value: tc1Report() } };

/** The manual's date example: 任意入力の確認, then 日付の整合性確認 before filing. */
export const ManualDateExample: Story = { args: { value: manualDateExampleReport() } };

/** The server is down: the values stay, the confirmation screen says what went wrong. */
export const NetworkError: Story = { args: { value: tc1Report(), outcome: 'network error' } };

/** The server refuses with field issues: listed by field, each with a way back to it. */
export const ServerIssues: Story = { args: { value: tc1Report(), outcome: 'server issues' } };

/** An empty flow in English. */
export const EmptyEnglish: Story = { args: { locale: 'en' } };
