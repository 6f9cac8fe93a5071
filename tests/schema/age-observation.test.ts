import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  todayInJapan,
  OBSERVATION_POLICIES,
  ageAtDiagnosis,
  healthObservationPeriod,
  isMinor,
  type ObservationPolicy,
} from '../../src/schema/index.js';
import { tc1Report } from '../fixtures/reports.js';

describe('ageAtDiagnosis', () => {
  it('full years on and after the birthday', () => {
    assert.deepEqual(ageAtDiagnosis('1950-04-12', '2022-09-27'), { years: 72, months: 5 });
    assert.deepEqual(ageAtDiagnosis('1950-04-12', '2022-04-11'), { years: 71, months: 11 });
    assert.deepEqual(ageAtDiagnosis('1950-04-12', '2022-04-12'), { years: 72, months: 0 });
    assert.deepEqual(ageAtDiagnosis('1992-03-03', '2022-10-03'), { years: 30, months: 7 });
  });
  it('2/29 births: still younger on 02-28, older on 03-01 (年齢計算ニ関スル法律)', () => {
    assert.deepEqual(ageAtDiagnosis('2004-02-29', '2022-02-28'), { years: 17, months: 11 });
    assert.deepEqual(ageAtDiagnosis('2004-02-29', '2022-03-01'), { years: 18, months: 0 });
    assert.deepEqual(ageAtDiagnosis('2004-02-29', '2024-02-29'), { years: 20, months: 0 });
  });
  it('TC-11: months for 0-year-olds (0歳6か月)', () => {
    assert.deepEqual(ageAtDiagnosis('2022-03-15', '2022-09-21'), { years: 0, months: 6 });
    assert.deepEqual(ageAtDiagnosis('2022-03-15', '2022-09-14'), { years: 0, months: 5 });
    assert.deepEqual(ageAtDiagnosis('2022-03-15', '2022-03-15'), { years: 0, months: 0 });
  });
  it('month ends: a monthly anniversary missing in a month is reached on the next 1st', () => {
    assert.deepEqual(ageAtDiagnosis('2022-01-31', '2022-02-28'), { years: 0, months: 0 });
    assert.deepEqual(ageAtDiagnosis('2022-01-31', '2022-03-01'), { years: 0, months: 1 });
  });
  it('undefined for bad input, never throws', () => {
    assert.equal(ageAtDiagnosis('2022-09-27', '2022-09-26'), undefined);
    assert.equal(ageAtDiagnosis('2022-02-30', '2022-09-26'), undefined);
    assert.equal(ageAtDiagnosis('x', 'y'), undefined);
    assert.equal(ageAtDiagnosis(undefined as unknown as string, '2022-01-01'), undefined);
  });
});

describe('isMinor', () => {
  it('under 18 from 2022-04-01, under 20 before: the date decides', () => {
    assert.equal(isMinor('2005-01-01', '2022-09-27'), true); // 17
    assert.equal(isMinor('2004-05-01', '2022-09-27'), false); // 18
    assert.equal(isMinor('2003-01-01', '2022-03-31'), true); // 19, before the change
    assert.equal(isMinor('2003-01-01', '2022-04-01'), false); // 19, after the change
    assert.equal(isMinor('2002-01-01', '2022-03-31'), false); // 20
    assert.equal(isMinor('2003-01-01', '2022-04-01', { adultAge: 20 }), true);
    assert.equal(isMinor('x', '2022-04-01'), undefined);
  });
});

describe('healthObservationPeriod', () => {
  it("the manual's example: onset 2022-06-29 → 10日間 2022/06/30 ~ 2022/07/09", () => {
    assert.deepEqual(
      healthObservationPeriod({ reportDate: '2022-06-30', diagnosis: { onsetDate: '2022-06-29' } }),
      {
        start: '2022-06-30',
        end: '2022-07-09',
        days: 10,
        basis: 'onset',
        dayZero: '2022-06-29',
      },
    );
  });
  it('without onset: 10 days from the day after the report date', () => {
    const p = healthObservationPeriod({
      reportDate: '2022-06-28',
      diagnosis: { specimenCollectionDate: '2022-06-27' },
    });
    assert.deepEqual(p, {
      start: '2022-06-29',
      end: '2022-07-08',
      days: 10,
      basis: 'reportDate',
      dayZero: '2022-06-28',
    });
  });
  it('undefined without the dates it needs; never throws', () => {
    assert.equal(healthObservationPeriod({}), undefined);
    assert.equal(healthObservationPeriod(null as never), undefined);
    assert.equal(healthObservationPeriod({ reportDate: '2022-02-30' }), undefined);
  });
  it('2022-09-07 policy, TC-1: onset 09-25 → observation until 10-05, release day 8 = 10-03', () => {
    const p = healthObservationPeriod(tc1Report(), OBSERVATION_POLICIES.isolation20220907);
    assert.deepEqual(p, {
      start: '2022-09-26',
      end: '2022-10-05',
      days: 10,
      basis: 'onset',
      dayZero: '2022-09-25',
      isolationRelease: '2022-10-03',
    });
  });
  it('2022-09-07 policy: asymptomatic → specimen + 7 days; hospitalized symptomatic → release day 11', () => {
    const asym = healthObservationPeriod(
      {
        reportDate: '2022-10-02',
        diagnosis: { specimenCollectionDate: '2022-10-01', diagnosisDate: '2022-10-02' },
      },
      OBSERVATION_POLICIES.isolation20220907,
    );
    assert.deepEqual(asym, {
      start: '2022-10-02',
      end: '2022-10-08',
      days: 7,
      basis: 'specimen',
      dayZero: '2022-10-01',
      isolationRelease: '2022-10-09',
    });
    const hosp = healthObservationPeriod(
      { diagnosis: { onsetDate: '2022-10-01' }, clinical: { hospitalized: 'yes' } },
      OBSERVATION_POLICIES.isolation20220907,
    );
    assert.equal(hosp?.isolationRelease, '2022-10-12');
  });
  it('a deployment can bring its own policy object', () => {
    const custom: ObservationPolicy = {
      id: 'custom',
      description: '5 days',
      symptomatic: { days: 5 },
      otherwise: { basis: ['diagnosis'], days: 5 },
    };
    assert.equal(
      healthObservationPeriod({ diagnosis: { diagnosisDate: '2022-12-30' } }, custom)?.end,
      '2023-01-04',
    );
  });
});

describe('todayInJapan', () => {
  it('is the date in Asia/Tokyo, not the UTC or local one', () => {
    assert.equal(todayInJapan(new Date('2022-09-26T15:00:00Z')), '2022-09-27'); // 00:00 JST
    assert.equal(todayInJapan(new Date('2022-09-26T14:59:59Z')), '2022-09-26'); // 23:59 JST
    assert.equal(todayInJapan(new Date('2022-12-31T15:30:00Z')), '2023-01-01');
  });
});
