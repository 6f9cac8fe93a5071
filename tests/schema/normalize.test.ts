import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fc from 'fast-check';
import {
  checkKana,
  normalizeKana,
  normalizePhone,
  normalizePostalCode,
  parsePhoneJP,
} from '../../src/schema/index.js';

describe('normalizeKana / checkKana', () => {
  const cases: [string, string][] = [
    ['やまだ', 'ヤマダ'],
    ['ﾔﾏﾀﾞ', 'ヤマダ'],
    ['ｶﾞｷﾞｸﾞ', 'ガギグ'],
    ['ﾊﾟﾋﾟﾌﾟ', 'パピプ'],
    ['ｺｰﾋｰ', 'コーヒー'],
    ['ゔぁいおりん', 'ヴァイオリン'],
    ['ゝゞ', 'ヽヾ'],
    ['ゕゖ', 'ヵヶ'],
    ['  ヤマダ　　ハナコ  ', 'ヤマダ ハナコ'],
    ['ｽﾐｽ･ｼﾞｮﾝ', 'スミス・ジョン'],
    ['ﾊ ﾟﾝ', 'パン'],
    ['は゛な', 'バナ'],
    ['スミス·ジョン', 'スミス・ジョン'],
  ];
  for (const [input, out] of cases) it(`${input} → ${out}`, () => assert.equal(normalizeKana(input), out));
  it('accepts katakana, ー, ・, ヴ, ヵヶ, spaces', () => {
    for (const ok of [
      'ヤマダ',
      'ヴィクトリア',
      'ヵヶ',
      'スミス・ジョン',
      'ヤマダ ハナコ',
      'コーヒー',
      'やまだ',
      'ﾔﾏﾀﾞ',
      '',
    ])
      assert.equal(checkKana(ok), undefined, ok);
  });
  it('rejects non-kana', () => {
    for (const bad of ['Yamada', '山田', 'ヤマダ1', 'スミス-ジョン', 'ー', '・', 'ヤマダ!', 'ヤマダ@'])
      assert.equal(checkKana(bad), 'kana.invalid', bad);
  });
  it('never throws on non-strings', () => {
    assert.equal(normalizeKana(null as unknown as string), '');
    assert.equal(checkKana(5 as unknown as string), 'kana.invalid');
  });
  it('property: idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) =>
        assert.equal(normalizeKana(normalizeKana(s)), normalizeKana(s)),
      ),
    );
    const kanaChar = fc.constantFrom(
      ...'あいうかがぱゔゝアイウカガパヴヵｶﾞｷﾟｰ･ 　ー・ﾊﾟ゛゜\u3099\u309A'.split(''),
    );
    fc.assert(
      fc.property(
        fc.array(kanaChar).map((a) => a.join('')),
        (s) => {
          const n = normalizeKana(s);
          assert.equal(normalizeKana(n), n);
        },
      ),
    );
  });
});

describe('parsePhoneJP', () => {
  const cases: [string, string, string, string, boolean][] = [
    ['090-1234-5678', '09012345678', '090-1234-5678', 'mobile', true],
    ['０９０ー１２３４ー５６７８', '09012345678', '090-1234-5678', 'mobile', true],
    ['090－1234－5678', '09012345678', '090-1234-5678', 'mobile', true],
    ['080‐2345‐6789', '08023456789', '080-2345-6789', 'mobile', true],
    ['07012345678', '07012345678', '070-1234-5678', 'mobile', true],
    ['060-1234-5678', '06012345678', '060-1234-5678', 'mobile', true],
    ['+81 90-1234-5678', '09012345678', '090-1234-5678', 'mobile', true],
    ['+81(0)90 1234 5678', '09012345678', '090-1234-5678', 'mobile', true],
    ['03-1234-5678', '0312345678', '03-1234-5678', 'landline', false],
    ['0312345678', '0312345678', '03-1234-5678', 'landline', false],
    ['(03)1234-5678', '0312345678', '03-1234-5678', 'landline', false],
    ['045-123-4567', '0451234567', '045-123-4567', 'landline', false],
    ['0467-12-3456', '0467123456', '0467-12-3456', 'landline', false],
    ['01267-2-3456', '0126723456', '01267-2-3456', 'landline', false],
    ['050-1234-5678', '05012345678', '050-1234-5678', 'ip', false],
    ['0120-123-456', '0120123456', '0120-123-456', 'tollFree', false],
    ['0800-123-4567', '08001234567', '0800-123-4567', 'tollFree', false],
    ['0570-123-456', '0570123456', '0570-123-456', 'navi', false],
    ['020-1234-5678', '02012345678', '020-1234-5678', 'm2m', false],
    ['+1 202 555 0123', '12025550123', '+12025550123', 'international', false],
  ];
  for (const [input, digits, formatted, kind, sms] of cases) {
    it(`${input} → ${kind}`, () => {
      const r = parsePhoneJP(input);
      assert.equal(r.ok, true);
      assert.equal(r.digits, digits);
      assert.equal(r.formatted, formatted);
      assert.equal(r.kind, kind);
      assert.equal(r.smsCapable, sms);
    });
  }
  it('rejects what is not a number', () => {
    for (const bad of [
      '',
      '1234',
      '1234-5678',
      '090-1234-567',
      '090-1234-56789',
      '03-1234-567',
      'abc',
      '090-abcd-5678',
      '+81',
      '00-1234-5678',
      '0120-123-4567',
    ])
      assert.equal(parsePhoneJP(bad).code, 'phone.invalid', bad);
    assert.equal(parsePhoneJP(undefined as unknown as string).ok, false);
  });
  it('property: normalization is idempotent and keeps the digits', () => {
    const digit = fc.constantFrom(...'0123456789０１２３４５６７８９'.split(''));
    const sep = fc.constantFrom('', '-', 'ー', '－', '‐', ' ', '　');
    const phoneLike = fc.array(fc.oneof(digit, sep), { maxLength: 20 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.oneof(phoneLike, fc.string()), (s) => {
        const once = normalizePhone(s);
        assert.equal(normalizePhone(once), once);
        const r = parsePhoneJP(s);
        if (r.ok) assert.equal(parsePhoneJP(once).digits, r.digits);
      }),
    );
  });
});

describe('normalizePostalCode', () => {
  it('normalizes', () => {
    assert.deepEqual(normalizePostalCode('100-0004'), { ok: true, code: '1000004', formatted: '100-0004' });
    assert.deepEqual(normalizePostalCode('〒１００－０００４'), {
      ok: true,
      code: '1000004',
      formatted: '100-0004',
    });
    assert.deepEqual(normalizePostalCode(' 〒 100 0004 '), {
      ok: true,
      code: '1000004',
      formatted: '100-0004',
    });
    assert.deepEqual(normalizePostalCode('1000004'), { ok: true, code: '1000004', formatted: '100-0004' });
    assert.deepEqual(normalizePostalCode('100ー0004'), { ok: true, code: '1000004', formatted: '100-0004' });
  });
  it('rejects', () => {
    for (const bad of ['', '100', '100-00045', '1000-004x', 'abcdefg', '〒'])
      assert.deepEqual(normalizePostalCode(bad), { ok: false, issue: 'postal.invalid' }, bad);
  });
  it('property: idempotent', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = normalizePostalCode(s);
        if (r.ok) {
          assert.deepEqual(normalizePostalCode(r.code), r);
          assert.deepEqual(normalizePostalCode(r.formatted), r);
        }
      }),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^\d{7}$/), (s) => assert.equal(normalizePostalCode(s).ok, true)),
    );
  });
});
