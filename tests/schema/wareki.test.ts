import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fc from 'fast-check';
import {
  addDays,
  formatWareki,
  fromWarekiParts,
  parseJapaneseDate,
  toWarekiParts,
} from '../../src/schema/index.js';

describe('parseJapaneseDate', () => {
  const ok: [string, string][] = [
    ['R4.9.27', '2022-09-27'],
    ['r4.9.27', '2022-09-27'],
    ['R04/09/27', '2022-09-27'],
    ['令和4年9月27日', '2022-09-27'],
    ['令和元年5月1日', '2019-05-01'],
    ['令和1年5月1日', '2019-05-01'],
    ['S25/4/12', '1950-04-12'],
    ['昭和25年4月12日', '1950-04-12'],
    ['H31.4.30', '2019-04-30'],
    ['㍻31.4.30', '2019-04-30'],
    ['2022/9/27', '2022-09-27'],
    ['2022-09-27', '2022-09-27'],
    ['2022.9.27', '2022-09-27'],
    ['2022年9月27日', '2022-09-27'],
    ['20220927', '2022-09-27'],
    ['２０２２／０９／２７', '2022-09-27'],
    ['Ｒ４．９．２７', '2022-09-27'],
    ['令和４年９月２７日', '2022-09-27'],
    [' 2022 - 09 - 27 ', '2022-09-27'],
    ['2022ー09ー27', '2022-09-27'],
    ['大正元年7月30日', '1912-07-30'],
    ['明治45年7月30日', '1912-07-30'],
    ['大正15年12月25日', '1926-12-25'],
    ['昭和元年12月25日', '1926-12-25'],
    ['昭和64年1月7日', '1989-01-07'],
    ['平成元年1月8日', '1989-01-08'],
    ['明治元年1月25日', '1868-01-25'],
    ['2024/2/29', '2024-02-29'],
    ['令和四年九月二十七日', '2022-09-27'],
    ['昭和二十五年四月十二日', '1950-04-12'],
    ['平成元年一月八日', '1989-01-08'],
    ['二〇二二年九月二十七日', '2022-09-27'],
    ['令和四年十月十日', '2022-10-10'],
  ];
  for (const [text, iso] of ok) {
    it(`reads ${text}`, () => assert.deepEqual(parseJapaneseDate(text), { ok: true, date: iso }));
  }
  const bad: [unknown, string][] = [
    ['H31.5.1', 'date.outsideEra'],
    ['平成31年5月1日', 'date.outsideEra'],
    ['昭和64年1月8日', 'date.outsideEra'],
    ['明治45年7月31日', 'date.outsideEra'],
    ['令和1年4月30日', 'date.outsideEra'],
    ['明治元年1月1日', 'date.outsideEra'],
    ['明治元年1月24日', 'date.outsideEra'],
    ['2022/2/30', 'date.invalid'],
    ['2023/2/29', 'date.invalid'],
    ['R4.13.1', 'date.invalid'],
    ['令和0年5月1日', 'date.invalid'],
    ['20221301', 'date.invalid'],
    ['', 'date.empty'],
    ['   ', 'date.empty'],
    ['abc', 'date.format'],
    ['R4', 'date.format'],
    ['2022/9', 'date.format'],
    ['X4.9.27', 'date.format'],
    ['令和四年九月二十十日', 'date.format'],
    [null, 'date.format'],
    [20220927, 'date.format'],
  ];
  for (const [text, code] of bad) {
    it(`rejects ${JSON.stringify(text)} with ${code}`, () =>
      assert.deepEqual(parseJapaneseDate(text), { ok: false, code }));
  }
});

describe('formatWareki', () => {
  it('long style with 元年', () => {
    assert.equal(formatWareki('2022-09-27'), '令和4年9月27日');
    assert.equal(formatWareki('2019-05-01'), '令和元年5月1日');
    assert.equal(formatWareki('2019-04-30'), '平成31年4月30日');
    assert.equal(formatWareki('1950-04-12'), '昭和25年4月12日');
    assert.equal(formatWareki('1989-01-07'), '昭和64年1月7日');
    assert.equal(formatWareki('1989-01-08'), '平成元年1月8日');
  });
  it('short style', () => {
    assert.equal(formatWareki('2022-09-27', { style: 'short' }), 'R4.9.27');
    assert.equal(formatWareki('2019-05-01', { style: 'short' }), 'R1.5.1');
    assert.equal(formatWareki('1950-04-12', { style: 'short' }), 'S25.4.12');
  });
  it('prints the new era on the boundary days', () => {
    assert.equal(formatWareki('1912-07-29'), '明治45年7月29日');
    assert.equal(formatWareki('1912-07-30'), '大正元年7月30日');
    assert.equal(formatWareki('1926-12-24'), '大正15年12月24日');
    assert.equal(formatWareki('1926-12-25'), '昭和元年12月25日');
  });
  it('parts', () => {
    assert.deepEqual(formatWareki('2019-05-01', { style: 'parts' }), {
      era: 'reiwa',
      eraName: '令和',
      abbr: 'R',
      year: 1,
      yearText: '元',
      month: 5,
      day: 1,
    });
    assert.deepEqual(toWarekiParts('2022-09-27')?.year, 4);
  });
  it('returns input it cannot express unchanged, never throws', () => {
    assert.equal(formatWareki('1868-01-24'), '1868-01-24');
    assert.equal(formatWareki('2022-02-30'), '2022-02-30');
    assert.equal(formatWareki('garbage'), 'garbage');
    assert.equal(formatWareki('1868-01-24', { style: 'parts' }), undefined);
  });
  it('fromWarekiParts checks the era range', () => {
    assert.deepEqual(fromWarekiParts('heisei', 31, 4, 30), { ok: true, date: '2019-04-30' });
    assert.deepEqual(fromWarekiParts('heisei', 31, 5, 1), { ok: false, code: 'date.outsideEra' });
    assert.deepEqual(fromWarekiParts('showa', 1, 12, 24), { ok: false, code: 'date.outsideEra' });
    assert.deepEqual(fromWarekiParts('reiwa', 4, 2, 29), { ok: false, code: 'date.invalid' });
  });
});

describe('wareki round trip', () => {
  it('every day 1868-01-25..2100-12-31: long and short style parse back to the same date', () => {
    let iso = '1868-01-25';
    let count = 0;
    while (iso <= '2100-12-31') {
      const long = formatWareki(iso);
      const short = formatWareki(iso, { style: 'short' });
      const a = parseJapaneseDate(long);
      const b = parseJapaneseDate(short);
      if (!a.ok || a.date !== iso) assert.fail(`long ${long} for ${iso} gave ${JSON.stringify(a)}`);
      if (!b.ok || b.date !== iso) assert.fail(`short ${short} for ${iso} gave ${JSON.stringify(b)}`);
      iso = addDays(iso, 1)!;
      count++;
    }
    assert.equal(count, (Date.UTC(2100, 11, 31) - Date.UTC(1868, 0, 25)) / 86_400_000 + 1); // 85,078 days
  });
  it('property: Gregorian writings parse to the same day', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1868-01-25T00:00:00Z'),
          max: new Date('2100-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        (d) => {
          const y = d.getUTCFullYear();
          const m = d.getUTCMonth() + 1;
          const day = d.getUTCDate();
          const iso = `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          for (const t of [`${y}/${m}/${day}`, iso.replaceAll('-', ''), `${y}年${m}月${day}日`]) {
            assert.deepEqual(parseJapaneseDate(t), { ok: true, date: iso });
          }
        },
      ),
    );
  });
});
