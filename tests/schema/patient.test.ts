import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  COUNTRIES,
  countryByCode,
  diffSection,
  mergeSection,
  patientRecordSchema,
  personSchema,
  queryToSearchParams,
  searchCountries,
  searchParamsToQuery,
  validatePerson,
  validateSection,
  withSection,
  sectionOf,
  prefillReport,
  applyReportToRecord,
  occurrenceReportSchema,
  type PatientListQuery,
  type PatientRecord,
} from '../../src/schema/index.js';

const today = '2022-10-01';
const codes = (issues: readonly { path: string; code: string }[]) => issues.map((i) => `${i.path}:${i.code}`);

describe('person (ID管理)', () => {
  it('requires 氏名 and accepts the manual example', () => {
    assert.deepEqual(codes(validatePerson({}, { today })), ['familyName:person.nameRequired']);
    const person = {
      familyNameKana: 'コウロウショウ',
      givenNameKana: 'タロウ',
      familyName: '厚労省',
      givenName: '太郎',
      dateOfBirth: '1999-01-01',
      dateOfBirthPrivate: true,
      sexPrivate: true,
      postalCode: '1008916',
      prefectureCode: '13',
      city: '千代田区霞が関',
    };
    assert.equal(personSchema.safeParse(person).success, true);
    assert.deepEqual(validatePerson(person, { today }), []);
  });
  it('reports bad kana, dates, postal codes, phones and countries', () => {
    const issues = validatePerson(
      {
        familyName: '山田',
        familyNameKana: 'Yamada',
        dateOfBirth: '2030-01-01',
        postalCode: '100-00',
        phone: '1234',
        nationality: 'XX',
        emergencyContact: { phone1: '03-1234-5678', phone2: 'abc' },
      },
      { today },
    );
    assert.deepEqual(codes(issues), [
      'familyNameKana:kana.invalid',
      'dateOfBirth:date.future',
      'postalCode:postal.invalid',
      'nationality:country.unknown',
      'phone:phone.invalid',
      'emergencyContact.phone2:phone.invalid',
    ]);
  });
  it('rejects unknown fields and malformed nationality in the shape', () => {
    assert.equal(personSchema.safeParse({ familyName: 'a', foo: 1 }).success, false);
    assert.equal(personSchema.safeParse({ nationality: 'jpn' }).success, false);
  });
});

describe('record sections', () => {
  it('居所: periods must not end before they start nor overlap', () => {
    const issues = validateSection(
      'residences',
      [
        { id: 'a', type: 'home', startDate: '2022-09-01', endDate: '2022-09-05' },
        { id: 'b', type: 'hotel', startDate: '2022-09-04', endDate: '2022-09-03' },
        { id: 'c', startDate: '2022-09-06' },
      ],
      { today },
    );
    assert.deepEqual(codes(issues), ['1.endDate:period.endBeforeStart', '2.type:field.required']);
    const overlap = validateSection(
      'residences',
      [
        { id: 'a', type: 'home', startDate: '2022-09-01', endDate: '2022-09-05' },
        { id: 'b', type: 'hotel', startDate: '2022-09-04' },
      ],
      { today },
    );
    assert.deepEqual(codes(overlap), ['1.startDate:period.overlap']);
  });
  it('健康観察: temperature, SpO2, duplicate days and the period', () => {
    const issues = validateSection(
      'healthObservation',
      {
        startDate: '2022-09-25',
        endDate: '2022-10-01',
        entries: [
          { id: '1', date: '2022-09-26', temperature: 37.5, spo2: 97 },
          { id: '2', date: '2022-09-26', temperature: 45, spo2: 101 },
          { id: '3', date: '2022-09-20', spo2: 96.5 },
        ],
      },
      { today },
    );
    assert.deepEqual(codes(issues), [
      'entries.1.date:observation.duplicateDate',
      'entries.1.temperature:observation.temperatureRange',
      'entries.1.spo2:observation.spo2Range',
      'entries.2.date:observation.outsidePeriod',
      'entries.2.spo2:observation.spo2Range',
    ]);
  });
  it('検査, 行動歴, 医療 and 記録 rows', () => {
    assert.deepEqual(
      codes(
        validateSection(
          'tests',
          [
            {
              id: 'a',
              method: 'pcr',
              collectionDate: '2022-09-27',
              resultDate: '2022-09-26',
              result: 'positive',
            },
          ],
          { today },
        ),
      ),
      ['0.resultDate:test.resultBeforeCollection'],
    );
    assert.deepEqual(
      codes(
        validateSection('activities', [{ id: 'a', kind: 'overseasTravel', startDate: '2022-09-01' }], {
          today,
        }),
      ),
      ['0.country:field.required'],
    );
    assert.deepEqual(
      codes(
        validateSection(
          'medical',
          {
            admissions: [
              { id: 'a', hospital: '中央病院', admissionDate: '2022-09-10', dischargeDate: '2022-09-01' },
            ],
          },
          { today },
        ),
      ),
      ['admissions.0.dischargeDate:period.endBeforeStart'],
    );
    assert.deepEqual(codes(validateSection('notes', [{ id: 'a', text: '  ' }])), ['0.text:field.required']);
  });
  it('sectionOf / withSection change exactly one section', () => {
    const record: PatientRecord = {
      herSysId: '12345678',
      version: 3,
      person: { familyName: '山田' },
      tests: [],
    };
    assert.equal(patientRecordSchema.safeParse(record).success, true);
    const next = withSection(record, 'identity', { familyName: '山本' });
    assert.equal(next.person.familyName, '山本');
    assert.equal(record.person.familyName, '山田');
    assert.deepEqual(sectionOf(next, 'residences'), []);
  });
  it('措置判定記録 (measures) maps to the record’s status fields', () => {
    const record: PatientRecord = {
      herSysId: '1',
      version: 1,
      person: {},
      status: 'homeCare',
      myHerSys: true,
    };
    assert.deepEqual(sectionOf(record, 'measures'), { status: 'homeCare', myHerSys: true });
    const next = withSection(record, 'measures', { status: 'hospitalized', treatmentDate: '2022-09-30' });
    assert.equal(next.status, 'hospitalized');
    assert.equal(next.treatmentDate, '2022-09-30');
    assert.equal(next.myHerSys, undefined);
    assert.deepEqual(codes(validateSection('measures', { treatmentDate: '2022-10-02' }, { today })), [
      'treatmentDate:date.future',
    ]);
  });
});

describe('stale-edit diff and merge', () => {
  const base = { familyName: '山田', givenName: '花子', phone: '090-1234-5678', city: '千代田区' };
  const mine = { ...base, phone: '090-1234-0000', city: '港区' };
  const theirs = { ...base, givenName: 'はなこ', city: '中央区' };
  it('lists each differing field with who changed it', () => {
    const diff = diffSection(base, mine, theirs);
    assert.deepEqual(
      diff.map((d) => [d.path, d.conflict, d.suggested]),
      [
        ['givenName', false, 'theirs'],
        ['phone', false, 'mine'],
        ['city', true, 'theirs'],
      ],
    );
  });
  it('merges with the suggestions and the user’s choices', () => {
    assert.deepEqual(mergeSection(base, mine, theirs), {
      ...base,
      givenName: 'はなこ',
      phone: '090-1234-0000',
      city: '中央区',
    });
    assert.deepEqual(mergeSection(base, mine, theirs, { city: 'mine', givenName: 'mine' }), {
      ...base,
      phone: '090-1234-0000',
      city: '港区',
    });
  });
  it('compares list rows by id', () => {
    const b = [{ id: 'a', type: 'home', startDate: '2022-09-01' }];
    const m = [
      { id: 'a', type: 'home', startDate: '2022-09-02' },
      { id: 'n', type: 'hotel', startDate: '2022-09-05' },
    ];
    const t = [
      { id: 'a', type: 'home', startDate: '2022-09-01' },
      { id: 'x', type: 'hospital', startDate: '2022-09-07' },
    ];
    const diff = diffSection(b, m, t);
    assert.deepEqual(
      diff.map((d) => [d.path, d.suggested]),
      [
        ['[a]', 'mine'],
        ['[x]', 'theirs'],
        ['[n]', 'mine'],
      ],
    );
    assert.deepEqual(
      mergeSection(b, m, t).map((r) => r.id),
      ['a', 'x', 'n'],
    );
    assert.deepEqual(
      mergeSection(b, m, t, { '[x]': 'mine' }).map((r) => r.id),
      ['a', 'n'],
    );
  });
  it('merging identical edits changes nothing (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('a', 'b', 'c'), fc.string()), (v) => {
        assert.deepEqual(diffSection({}, v, v), []);
        assert.ok(JSON.stringify(mergeSection({}, v, v)) === JSON.stringify(v));
      }),
    );
  });
});

describe('countries', () => {
  it('has every ISO 3166-1 entry once', () => {
    assert.equal(COUNTRIES.length, 249);
    assert.equal(new Set(COUNTRIES.map((c) => c.code)).size, 249);
    assert.equal(countryByCode('jpn')?.code, 'JP');
  });
  it('searches by name, reading, alias and code', () => {
    assert.equal(searchCountries('ちゅう')[0]!.code, 'CN');
    assert.equal(searchCountries('米国')[0]!.code, 'US');
    assert.equal(searchCountries('viet')[0]!.code, 'VN');
    assert.equal(searchCountries('KOR')[0]!.code, 'KR');
    assert.equal(searchCountries('')[0]!.code, 'JP');
  });
});

describe('list query in the URL', () => {
  it('round-trips a query and drops defaults', () => {
    const q: PatientListQuery = {
      kana: 'ヤマダ',
      diagnosisDateFrom: '2022-09-01',
      status: 'homeCare',
      page: 2,
      pageSize: 10,
    };
    const params = new URLSearchParams(queryToSearchParams(q));
    assert.equal(params.has('pageSize'), false);
    const { query, dropped } = searchParamsToQuery(params);
    assert.deepEqual(query, { kana: 'ヤマダ', diagnosisDateFrom: '2022-09-01', status: 'homeCare', page: 2 });
    assert.deepEqual(dropped, []);
  });
  it('drops invalid values of a stale bookmark', () => {
    const { query, dropped } = searchParamsToQuery(new URLSearchParams('status=bogus&page=-1&name=山田&x=1'));
    assert.deepEqual(query, { name: '山田' });
    assert.deepEqual(dropped, ['status', 'page']);
  });
});

describe('自動反映 between the record and the report', () => {
  const rec: Pick<PatientRecord, 'person' | 'basicInfo'> = {
    person: {
      familyName: '厚労省',
      givenName: '太郎',
      familyNameKana: 'コウロウショウ',
      givenNameKana: 'タロウ',
      dateOfBirth: '1999-01-01',
      sex: 'unknown',
      postalCode: '1008916',
      prefectureCode: '13',
      city: '千代田区霞が関',
      phone: '090-1234-5678',
    },
    basicInfo: { occupation: '会社員（事務）' },
  };
  it('pre-fills a report from ID管理 and 基礎情報 (valid per the report schema)', () => {
    const report = prefillReport(rec, { reportDate: '2022-10-01' });
    assert.equal(occurrenceReportSchema.safeParse(report).success, true);
    assert.deepEqual(report.patient, {
      familyName: '厚労省',
      givenName: '太郎',
      familyNameKana: 'コウロウショウ',
      givenNameKana: 'タロウ',
      dateOfBirth: '1999-01-01',
      phone: '090-1234-5678',
      occupation: '会社員（事務）',
      address: { postalCode: '1008916', prefectureCode: '13', city: '千代田区霞が関' },
    });
    assert.equal(report.reportDate, '2022-10-01');
  });
  it('writes a filed report back without erasing what it leaves empty', () => {
    const next = applyReportToRecord(rec, {
      patient: {
        sex: 'male',
        phone: '080-0000-1111',
        address: { city: '千代田区永田町' },
        occupation: '公務員',
      },
    });
    assert.equal(next.person.sex, 'male');
    assert.equal(next.person.phone, '080-0000-1111');
    assert.equal(next.person.city, '千代田区永田町');
    assert.equal(next.person.postalCode, '1008916');
    assert.equal(next.person.familyName, '厚労省');
    assert.equal(next.basicInfo?.occupation, '公務員');
    assert.equal(rec.person.sex, 'unknown');
  });
});
