import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/define.js';
import { PATIENT_LIST_VARIANTS, type PatientListVariant } from '../src/schema/index.js';
import { listSource } from './patient-fixtures.js';

type Args = { locale: 'ja' | 'en'; variant: PatientListVariant; rows: number };

function log(e: CustomEvent) {
  const out = (e.currentTarget as HTMLElement).parentElement!.querySelector('output')!;
  out.textContent = `${e.type}: ${JSON.stringify(e.detail)}`;
}

const searchHealthCenters = async (text: string) =>
  [
    { code: 'HC13101', name: '千代田保健所' },
    { code: 'HC13102', name: '中央区保健所' },
    { code: 'HC13103', name: 'みなと保健所' },
  ].filter((h) => h.name.includes(text));

const meta: Meta<Args> = {
  title: 'Patients/登録情報一覧',
  args: { locale: 'ja', variant: 'registered', rows: 57 },
  argTypes: {
    locale: { control: 'inline-radio', options: ['ja', 'en'] },
    variant: { control: 'select', options: PATIENT_LIST_VARIANTS.map((v) => v.code) },
  },
  render: (args) =>
    html`<div>
      <hersys-patient-list
        .locale=${args.locale}
        .variant=${args.variant}
        .source=${listSource(args.rows)}
        .searchHealthCenters=${searchHealthCenters}
        @hersys-open-patient=${log}
      ></hersys-patient-list>
      <output></output>
    </div>`,
};
export default meta;
type Story = StoryObj<Args>;

/** 57 people, 10 per page. */
export const WithData: Story = {};
/** 5,000 people: choose 1000件表示 to see the windowed table. */
export const Large: Story = { args: { rows: 5000 } };
export const Empty: Story = { args: { rows: 0 } };
export const TestResults: Story = { args: { variant: 'tests' } };
export const Inpatients: Story = { args: { variant: 'inpatients' } };
