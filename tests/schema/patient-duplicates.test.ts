import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  DuplicateIndex,
  duplicateKeys,
  findDuplicateCandidates,
  kanaKey,
  nameKey,
  phoneKey,
  scoreKeys,
  type MatchablePerson,
} from '../../src/schema/index.js';

const hanako: MatchablePerson = {
  familyNameKana: 'ヤマダ',
  givenNameKana: 'ハナコ',
  familyName: '山田',
  givenName: '花子',
  dateOfBirth: '1950-04-12',
  phone: '090-1234-5678',
};

describe('duplicate keys', () => {
  it('normalizes half-width, hiragana and spaces in kana', () => {
    assert.equal(kanaKey('ﾔﾏﾀﾞ ﾊﾅｺ'), 'ヤマダハナコ');
    assert.equal(kanaKey('やまだ　はなこ'), 'ヤマダハナコ');
    assert.equal(kanaKey('キョウコ'), kanaKey('キヨウコ'));
    assert.equal(kanaKey('ミヅキ'), kanaKey('ミズキ'));
  });
  it('folds old and variant kanji and width in names', () => {
    assert.equal(nameKey('髙橋'), nameKey('高橋'));
    assert.equal(nameKey('山﨑'), '山崎');
    assert.equal(nameKey('渡邊'), nameKey('渡辺'));
    assert.equal(nameKey('渡邉'), '渡辺');
    assert.equal(nameKey('齋藤'), nameKey('斉藤'));
    assert.equal(nameKey('ＳＭＩＴＨ　Ｊｏｈｎ'), 'smithjohn');
    assert.notEqual(nameKey('高田'), nameKey('高橋'));
  });
  it('compares phone digits whatever the format', () => {
    assert.equal(phoneKey('０９０ー１２３４ー５６７８'), '09012345678');
    assert.equal(phoneKey('+81 90 1234 5678'), '09012345678');
    assert.equal(phoneKey('1234'), '');
  });
  it('duplicateKeys gives the indexable keys', () => {
    const k = duplicateKeys({ ...hanako, phone2: '03-1234-5678' });
    assert.equal(k.kana, 'ヤマダハナコ');
    assert.equal(k.name, '山田花子');
    assert.equal(k.dob, '1950-04-12');
    assert.deepEqual(k.phones, ['09012345678', '0312345678']);
  });
});

describe('findDuplicateCandidates', () => {
  const people = [
    { id: 'A', ...hanako },
    {
      id: 'B',
      familyNameKana: 'ヤマダ',
      givenNameKana: 'ハナコ',
      familyName: '山田',
      givenName: '花子',
      dateOfBirth: '1988-01-01',
    },
    {
      id: 'C',
      familyNameKana: 'タカハシ',
      givenNameKana: 'イチロウ',
      familyName: '髙橋',
      givenName: '一郎',
      dateOfBirth: '1970-02-03',
    },
    {
      id: 'D',
      familyNameKana: 'スズキ',
      givenNameKana: 'ジロウ',
      familyName: '鈴木',
      givenName: '次郎',
      phone: '09011112222',
    },
  ];

  it('finds the same person typed in half-width kana, with the reasons', () => {
    const hits = findDuplicateCandidates(
      {
        familyNameKana: 'ﾔﾏﾀﾞ',
        givenNameKana: 'ﾊﾅｺ',
        familyName: '山田',
        givenName: '花子',
        dateOfBirth: '1950-04-12',
      },
      people,
    );
    assert.equal(hits[0]!.candidate.id, 'A');
    assert.deepEqual(hits[0]!.reasons, ['sameKana', 'sameName', 'sameDob', 'widthVariant']);
    // B has the same name but another birth date: a namesake, not shown.
    assert.equal(
      hits.some((h) => h.candidate.id === 'B'),
      false,
    );
  });

  it('finds variant kanji (高橋 vs 髙橋)', () => {
    const hits = findDuplicateCandidates(
      { familyNameKana: 'タカハシ', givenNameKana: 'イチロウ', familyName: '高橋', givenName: '一郎' },
      people,
    );
    assert.equal(hits.length, 1);
    assert.equal(hits[0]!.candidate.id, 'C');
    assert.ok(hits[0]!.reasons.includes('variantKanji'));
    assert.ok(!hits[0]!.reasons.includes('widthVariant'));
  });

  it('finds swapped family and given names with the same birth date', () => {
    const hits = findDuplicateCandidates(
      { familyNameKana: 'ハナコ', givenNameKana: 'ヤマダ', dateOfBirth: '1950-04-12' },
      people,
    );
    assert.equal(hits[0]!.candidate.id, 'A');
    assert.deepEqual(hits[0]!.reasons, ['sameDob', 'nameOrderSwapped']);
  });

  it('matches on phone and name, and ignores a lone kana match', () => {
    const byPhone = findDuplicateCandidates(
      { familyName: '鈴木', givenName: '次郎', phone: '090-1111-2222' },
      people,
    );
    assert.deepEqual(
      byPhone.map((h) => h.candidate.id),
      ['D'],
    );
    assert.ok(byPhone[0]!.reasons.includes('samePhone'));
    assert.deepEqual(
      findDuplicateCandidates({ familyNameKana: 'スズキ', givenNameKana: 'ジロウ' }, people),
      [],
    );
  });

  it('the index finds what the linear scan finds', () => {
    const index = new DuplicateIndex<(typeof people)[number]>();
    people.forEach((p) => index.add(p));
    for (const probe of [
      {
        familyNameKana: 'ﾔﾏﾀﾞ',
        givenNameKana: 'ﾊﾅｺ',
        familyName: '山田',
        givenName: '花子',
        dateOfBirth: '1950-04-12',
      },
      { familyNameKana: 'ハナコ', givenNameKana: 'ヤマダ', dateOfBirth: '1950-04-12' },
      { familyName: '高橋', givenName: '一郎', familyNameKana: 'たかはし', givenNameKana: 'いちろう' },
    ]) {
      assert.deepEqual(
        index.candidatesFor(probe).map((h) => h.candidate.id),
        findDuplicateCandidates(probe, people).map((h) => h.candidate.id),
      );
    }
  });
});

const kanaChars = fc.constantFrom(
  ...'アイウエオカガキギクタダチヂツヅッャュョヤマミムメモハバパナニヲンーｱｲｳｶﾞﾊﾟあいうがぱ　 '.split(''),
);
const nameChars = fc.constantFrom(...'山田花子高髙橋﨑崎渡辺邊邉斎齋齊斉浜濱國国沢澤ＡＢab 　'.split(''));
const arbPerson = fc.record(
  {
    familyNameKana: fc.string({ unit: kanaChars, maxLength: 6 }),
    givenNameKana: fc.string({ unit: kanaChars, maxLength: 6 }),
    familyName: fc.string({ unit: nameChars, maxLength: 4 }),
    givenName: fc.string({ unit: nameChars, maxLength: 4 }),
    dateOfBirth: fc.constantFrom('1950-04-12', '1990-01-01', undefined),
    phone: fc.constantFrom('090-1234-5678', '09012345678', '03-1234-5678', undefined),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<MatchablePerson>;

describe('matcher properties', () => {
  it('matching is symmetric (score and reasons)', () => {
    fc.assert(
      fc.property(arbPerson, arbPerson, (a, b) => {
        const ab = scoreKeys(duplicateKeys(a), duplicateKeys(b));
        const ba = scoreKeys(duplicateKeys(b), duplicateKeys(a));
        assert.deepEqual(ab, ba);
      }),
      { numRuns: 2000 },
    );
  });
  it('normalization is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: kanaChars }), fc.string({ unit: nameChars }), (k, n) => {
        assert.equal(kanaKey(kanaKey(k)), kanaKey(k));
        assert.equal(nameKey(nameKey(n)), nameKey(n));
      }),
    );
  });
  it('a person always matches themself when named', () => {
    fc.assert(
      fc.property(arbPerson, (a) => {
        const k = duplicateKeys(a);
        fc.pre(k.kana !== '' && k.name !== '');
        assert.ok(scoreKeys(k, k).score >= 50);
      }),
    );
  });
});
