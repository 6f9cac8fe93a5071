import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/define.js';
import {
  RecordConflictError,
  RECORD_TABS,
  type RecordTab,
} from '../src/components/patient-record/patient-record.component.js';
import type { RecordSection } from '../src/schema/index.js';
import { sampleRecord } from './patient-fixtures.js';

type Args = { locale: 'ja' | 'en'; tab: RecordTab; readonly: boolean };

function log(e: CustomEvent) {
  const out = (e.currentTarget as HTMLElement).parentElement!.querySelector('output')!;
  out.textContent = `${e.type}: ${JSON.stringify(e.detail)}`;
}

const save = async (_section: RecordSection, _data: unknown, version: number) => {
  await new Promise((r) => setTimeout(r, 200));
  return version + 1;
};

const meta: Meta<Args> = {
  title: 'Patients/患者記録 (閲覧・編集)',
  args: { locale: 'ja', tab: 'reports', readonly: false },
  argTypes: {
    locale: { control: 'inline-radio', options: ['ja', 'en'] },
    tab: { control: 'select', options: [...RECORD_TABS] },
  },
  render: (args) =>
    html`<div>
      <hersys-patient-record
        .locale=${args.locale}
        .tab=${args.tab}
        ?readonly=${args.readonly}
        today="2022-10-01"
        .record=${sampleRecord()}
        .save=${save}
        @hersys-section-saved=${log}
        @hersys-report-action=${log}
      ></hersys-patient-record>
      <output></output>
    </div>`,
};
export default meta;
type Story = StoryObj<Args>;

export const Reports: Story = { args: { tab: 'reports' } };
export const Identity: Story = { args: { tab: 'identity' } };
export const BasicInfo: Story = { args: { tab: 'basicInfo' } };
export const Tests: Story = { args: { tab: 'tests' } };
export const Residences: Story = { args: { tab: 'residences' } };
export const Activities: Story = { args: { tab: 'activities' } };
export const HealthObservation: Story = { args: { tab: 'healthObservation' } };
export const Medical: Story = { args: { tab: 'medical' } };
export const Notes: Story = { args: { tab: 'notes' } };

/** Stale edit: the first save of any section fails because "someone else" changed 名 and 電話番号. */
export const StaleEdit: Story = {
  args: { tab: 'identity' },
  render: (args) => {
    let first = true;
    const stale = async (_s: RecordSection, _d: unknown, version: number) => {
      if (first) {
        first = false;
        const current = sampleRecord();
        current.version = 7;
        current.person = { ...current.person, givenName: 'ハナ子', phone: '090-9999-0000' };
        throw new RecordConflictError(current);
      }
      return version + 1;
    };
    return html`<div>
      <p>電話番号などを変更して「保存」を押すと、他の利用者の更新との差分が表示されます。</p>
      <hersys-patient-record
        .locale=${args.locale}
        .tab=${args.tab}
        today="2022-10-01"
        .record=${sampleRecord()}
        .save=${stale}
        @hersys-section-saved=${log}
      ></hersys-patient-record>
      <output></output>
    </div>`;
  },
};
