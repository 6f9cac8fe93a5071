import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/define.js';
import { checkDuplicates, register } from './patient-fixtures.js';

type Args = { locale: 'ja' | 'en' };

function log(e: CustomEvent) {
  const out = (e.currentTarget as HTMLElement).parentElement!.querySelector('output')!;
  out.textContent = `${e.type}: ${JSON.stringify(e.detail)}`;
}

const meta: Meta<Args> = {
  title: 'Patients/ID管理 (発生届の提出前に使用)',
  args: { locale: 'ja' },
  argTypes: { locale: { control: 'inline-radio', options: ['ja', 'en'] } },
};
export default meta;
type Story = StoryObj<Args>;

/** Empty: 氏名 is required; 確認 → 登録 issues a HER-SYS ID (a fake registry). */
export const Empty: Story = {
  render: (args) =>
    html`<div>
      <hersys-id-form
        .locale=${args.locale}
        .register=${register}
        .checkDuplicates=${checkDuplicates}
        @hersys-registered=${log}
      ></hersys-id-form>
      <output></output>
    </div>`,
};

/** Filled as in the manual's example (コウロウショウ タロウ, 平成11年1月1日, 性別 非公開, 〒1008916). */
export const Filled: Story = {
  render: (args) =>
    html`<div>
      <hersys-id-form
        .locale=${args.locale}
        .register=${register}
        .checkDuplicates=${checkDuplicates}
        .value=${{
          familyNameKana: 'コウロウショウ',
          givenNameKana: 'タロウ',
          familyName: '厚労省',
          givenName: '太郎',
          dateOfBirth: '1999-01-01',
          sexPrivate: true,
          nationality: 'JP',
          postalCode: '1008916',
          prefectureCode: '13',
          city: '千代田区霞が関',
        }}
        @hersys-registered=${log}
      ></hersys-id-form>
      <output></output>
    </div>`,
};

/** Duplicates: 山田 花子 re-entered with half-width kana; the registered record is offered with its reasons. */
export const Duplicates: Story = {
  render: (args) =>
    html`<div>
      <hersys-id-form
        .locale=${args.locale}
        .register=${register}
        .checkDuplicates=${checkDuplicates}
        duplicate-delay="100"
        .value=${{ familyNameKana: 'ﾔﾏﾀﾞ', givenNameKana: 'ﾊﾅｺ', familyName: '山田', givenName: '花子', dateOfBirth: '1950-04-12' }}
        @hersys-link-existing=${log}
        @hersys-confirm-new=${log}
      ></hersys-id-form>
      <output></output>
    </div>`,
};
