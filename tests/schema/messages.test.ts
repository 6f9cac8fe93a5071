import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FIELDS, ISSUE_CODES, ISSUE_CODE_INFO, validateReport } from '../../src/schema/index.js';
import { fieldLabel, issueMessage, resources } from '../../src/locales/index.js';
import { jaIssueMessages } from '../../src/locales/ja/issues.js';
import { enIssueMessages } from '../../src/locales/en/issues.js';
import { manualDateExampleReport, tc1Report } from '../fixtures/reports.js';

describe('issue messages', () => {
  it('every code the schema can emit has a ja and an en message, and no message is orphaned', () => {
    for (const code of ISSUE_CODES) {
      assert.ok(code in jaIssueMessages, `ja message for ${code}`);
      assert.ok(code in enIssueMessages, `en message for ${code}`);
    }
    assert.deepEqual(Object.keys(jaIssueMessages).sort(), [...ISSUE_CODES].sort());
    assert.deepEqual(Object.keys(enIssueMessages).sort(), [...ISSUE_CODES].sort());
  });
  it('issueMessage resolves each code through i18next (nested keys) with the field label', () => {
    for (const code of ISSUE_CODES) {
      for (const lng of ['ja', 'en'] as const) {
        const msg = issueMessage(
          {
            path: 'patient.dateOfBirth',
            code,
            params: {
              value: 'v',
              date: '2022-01-01',
              otherDate: '2022-01-02',
              other: 'reportDate',
              max: 1,
              min: 0,
              days: 2,
              limit: 1,
              years: 130,
              count: 1,
              listed: 2,
              dose: 2,
              otherDose: 1,
              start: '2021-02-17',
              spo2: 90,
              from: '2022-09-26',
              expected: 'string',
            },
          },
          lng,
        );
        assert.ok(!msg.includes(`: ${code}`), `${lng} ${code} resolved: ${msg}`);
        assert.ok(!/\{\{/.test(msg), `${lng} ${code} fully interpolated: ${msg}`);
      }
    }
  });
  it('fills the label, with list ordinals', () => {
    assert.equal(
      issueMessage({ path: 'patient.dateOfBirth', code: 'required' }, 'ja'),
      '生年月日は必須です。',
    );
    assert.equal(
      issueMessage({ path: 'patient.dateOfBirth', code: 'required' }, 'en'),
      'Date of birth is required.',
    );
    assert.equal(fieldLabel('diagnosis.methods.1.collectionDate', 'ja'), '検体採取日（診断方法）（2件目）');
    assert.equal(fieldLabel('diagnosis.methods', 'ja'), '診断方法');
    assert.equal(fieldLabel('', 'en'), 'This report');
    assert.equal(issueMessage({ path: 'x.y', code: 'no.such.code' }, 'ja'), 'x.y: no.such.code');
  });
  it('every issue of real reports has a message', () => {
    const r = tc1Report();
    r.reporter!.institutionPhone = '1';
    for (const report of [manualDateExampleReport(), r, {}]) {
      for (const i of validateReport(report, { today: '2022-09-27' }).issues) {
        assert.ok(!issueMessage(i, 'ja').endsWith(`: ${i.code}`), `${i.code} ${i.path}`);
        assert.ok(!issueMessage(i, 'en').endsWith(`: ${i.code}`), `${i.code} ${i.path}`);
      }
    }
  });
  it('every issue code has a documented severity', () => {
    for (const code of ISSUE_CODES)
      assert.ok(['error', 'warning', 'varies'].includes(ISSUE_CODE_INFO[code].severity));
  });
});

describe('field labels', () => {
  it('every field path has a ja and an en label usable as t("fields:<path>")', () => {
    for (const f of FIELDS) {
      for (const lng of ['ja', 'en'] as const) {
        const label = fieldLabel(f.path, lng);
        assert.notEqual(label, f.path, `${lng} label for ${f.path}`);
        const res = resources[lng].fields as unknown as Record<string, unknown>;
        let cur: unknown = res;
        for (const seg of f.path.split('.')) cur = (cur as Record<string, unknown>)[seg];
        assert.ok(
          typeof cur === 'string' || typeof (cur as Record<string, unknown>)['_label'] === 'string',
          `${lng} ${f.path}`,
        );
      }
    }
  });
});
