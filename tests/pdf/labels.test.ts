import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ja from '../../src/locales/ja/pdf.js';
import en from '../../src/locales/en/pdf.js';

const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('pdf locale labels', () => {
  it('ja and en have the same keys, non-empty, with the same placeholders', () => {
    assert.deepEqual(Object.keys(en).sort(), Object.keys(ja).sort());
    for (const key of Object.keys(ja) as (keyof typeof ja)[]) {
      const a = ja[key];
      const b = en[key];
      if (Array.isArray(a)) {
        assert.ok(Array.isArray(b) && b.length >= a.length, key);
        continue;
      }
      assert.equal(typeof b, 'string', key);
      assert.notEqual(String(b).length, 0, key);
      assert.deepEqual(placeholders(String(b)), placeholders(String(a)), key);
    }
  });

  it("prints the paper form's own wording in Japanese", () => {
    assert.equal(ja.title, '新型コロナウイルス感染症 発生届');
    assert.equal(ja.addressee, '都道府県知事（保健所設置市長・特別区長） 殿');
    assert.equal(ja.sideNote, 'この届出は診断後直ちに行ってください');
    assert.match(ja.preamble, /^感染症の予防及び感染症の患者に対する医療に関する法律第１２条第１項/);
  });
});
