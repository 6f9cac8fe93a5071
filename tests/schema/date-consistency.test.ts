import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { checkDateConsistency, type OccurrenceReport } from '../../src/schema/index.js';
import { MANUAL_DATE_EXAMPLE, manualDateExampleReport, tc1Report } from '../fixtures/reports.js';

const codes = (r: OccurrenceReport, today = '2022-09-27') =>
  checkDateConsistency(r, { today }).issues.map((i) => `${i.severity} ${i.code} ${i.path}`);

describe("checkDateConsistency: the manual's 日付の整合性確認 example", () => {
  const result = checkDateConsistency(manualDateExampleReport(), { today: '2022-06-28' });
  it('lists the timeline in the dialog order with exactly specimen and diagnosis flagged ×', () => {
    assert.deepEqual(
      result.timeline.map((e) => [e.field, e.date ?? '(入力なし)', e.flagged]),
      [
        ['dateOfBirth', MANUAL_DATE_EXAMPLE.dateOfBirth, false],
        ['onsetDate', MANUAL_DATE_EXAMPLE.onsetDate, false],
        ['specimenCollectionDate', MANUAL_DATE_EXAMPLE.specimenCollectionDate, true],
        ['diagnosisDate', MANUAL_DATE_EXAMPLE.diagnosisDate, true],
        ['admissionDate', MANUAL_DATE_EXAMPLE.admissionDate, false],
        ['deathDate', '(入力なし)', false],
        ['reportDate', MANUAL_DATE_EXAMPLE.reportDate, false],
      ],
    );
  });
  it('the × pair is a warning the user may confirm; D5 and D9 are warnings that do not flag', () => {
    assert.equal(result.consistent, false);
    assert.ok(result.issues.every((i) => i.severity === 'warning'));
    assert.deepEqual(result.issues.map((i) => i.code).sort(), [
      'date.D5.onsetAfterDiagnosis',
      'date.D8.specimenAfterDiagnosis',
      'date.D9.lateReport',
    ]);
  });
});

describe('checkDateConsistency rules', () => {
  it('TC-1 is consistent', () => {
    const r = checkDateConsistency(tc1Report(), { today: '2022-09-27' });
    assert.equal(r.consistent, true);
    assert.deepEqual(r.issues, []);
    assert.ok(r.timeline.every((e) => !e.flagged));
  });
  it('D1: a future date is an error; after the report date is a flagged warning', () => {
    const r = tc1Report();
    r.diagnosis!.diagnosisDate = '2022-09-28';
    assert.ok(codes(r).includes('error date.D1.future diagnosis.diagnosisDate'));
    assert.ok(codes(r).includes('warning date.D1.afterReportDate diagnosis.diagnosisDate'));
    const res = checkDateConsistency(r, { today: '2022-09-27' });
    assert.deepEqual(
      res.timeline.filter((e) => e.flagged).map((e) => e.field),
      ['diagnosisDate', 'reportDate'],
    );
    const fut = tc1Report();
    fut.reportDate = '2022-09-30';
    assert.ok(codes(fut).includes('error date.D1.future reportDate'));
  });
  it('D2: a date before birth is an error and flags the birth date', () => {
    const r = tc1Report();
    r.patient!.dateOfBirth = '2022-09-26';
    const res = checkDateConsistency(r, { today: '2022-09-27' });
    assert.ok(
      res.issues.some(
        (i) => i.code === 'date.D2.beforeBirth' && i.path === 'diagnosis.onsetDate' && i.severity === 'error',
      ),
    );
    assert.ok(res.timeline.find((e) => e.field === 'dateOfBirth')!.flagged);
    assert.ok(
      res.issues.some((i) => i.code === 'date.D2.beforeBirth' && i.path === 'vaccination.doses.0.date'),
    );
  });
  it('TC-3 / D3: first visit after diagnosis is an error', () => {
    const r = tc1Report();
    r.diagnosis!.firstVisitDate = '2022-09-28';
    r.reportDate = '2022-09-28';
    assert.ok(
      codes(r, '2022-09-28').includes('error date.D3.firstVisitAfterDiagnosis diagnosis.firstVisitDate'),
    );
  });
  it('D4: estimated infection after onset or diagnosis is an error', () => {
    const r = tc1Report();
    r.diagnosis!.estimatedInfectionDate = '2022-09-26';
    const c = codes(r);
    assert.ok(c.includes('error date.D4.infectionAfterOnset diagnosis.estimatedInfectionDate'));
    assert.ok(!c.some((x) => x.includes('infectionAfterDiagnosis')));
    r.diagnosis!.estimatedInfectionDate = '2022-09-27';
    r.diagnosis!.diagnosisDate = '2022-09-26';
    r.diagnosis!.specimenCollectionDate = '2022-09-26';
    r.diagnosis!.methods![0]!.collectionDate = '2022-09-26';
    r.diagnosis!.firstVisitDate = '2022-09-26';
    assert.ok(codes(r).includes('error date.D4.infectionAfterDiagnosis diagnosis.estimatedInfectionDate'));
  });
  it('D5: onset after diagnosis for a patient is a warning that suggests 無症状病原体保有者', () => {
    const r = tc1Report();
    r.diagnosis!.onsetDate = '2022-09-27';
    r.diagnosis!.diagnosisDate = '2022-09-26';
    r.diagnosis!.specimenCollectionDate = '2022-09-26';
    r.diagnosis!.methods![0]!.collectionDate = '2022-09-26';
    r.diagnosis!.firstVisitDate = '2022-09-26';
    const i = checkDateConsistency(r, { today: '2022-09-27' }).issues.find(
      (x) => x.code === 'date.D5.onsetAfterDiagnosis',
    );
    assert.equal(i?.severity, 'warning');
    assert.equal(i?.params?.['suggestion'], 'asymptomatic');
  });
  it('D7: death after the 検案 is an error; onset after death flags both', () => {
    const r: OccurrenceReport = {
      reportDate: '2022-09-27',
      patient: { category: 'deceased', dateOfBirth: '1940-01-01' },
      diagnosis: { diagnosisDate: '2022-09-25', deathDate: '2022-09-26' },
    };
    assert.ok(codes(r).includes('error date.D7.deathAfterDiagnosis diagnosis.deathDate'));
    const s: OccurrenceReport = {
      reportDate: '2022-09-27',
      patient: { category: 'deceased', dateOfBirth: '1940-01-01' },
      diagnosis: { diagnosisDate: '2022-09-26', deathDate: '2022-09-25', onsetDate: '2022-09-26' },
    };
    const res = checkDateConsistency(s, { today: '2022-09-27' });
    assert.ok(res.issues.some((i) => i.code === 'date.D7.onsetAfterDeath'));
    assert.deepEqual(
      res.timeline.filter((e) => e.flagged).map((e) => e.field),
      ['onsetDate', 'deathDate'],
    );
  });
  it('D8: a method collected after the diagnosis is a warning', () => {
    const r = tc1Report();
    r.diagnosis!.methods![0]!.collectionDate = '2022-09-28';
    r.reportDate = '2022-09-28';
    assert.ok(
      codes(r, '2022-09-28').includes(
        'warning date.D8.specimenAfterDiagnosis diagnosis.methods.0.collectionDate',
      ),
    );
  });
  it('D9: reported more than a day after the diagnosis is a warning', () => {
    const r = tc1Report();
    r.reportDate = '2022-09-29';
    assert.ok(codes(r, '2022-09-30').includes('warning date.D9.lateReport reportDate'));
    r.reportDate = '2022-09-28';
    assert.ok(!codes(r, '2022-09-30').some((c) => c.includes('D9')));
  });
  it('D12: admission before onset is allowed (in-hospital infection); after death is flagged', () => {
    const r = tc1Report();
    r.clinical = { ...r.clinical, hospitalized: 'yes', admissionDate: '2022-09-01' };
    assert.deepEqual(codes(r), []);
    const d: OccurrenceReport = {
      reportDate: '2022-09-27',
      patient: { category: 'deceased', dateOfBirth: '1940-01-01' },
      diagnosis: { diagnosisDate: '2022-09-26', deathDate: '2022-09-25' },
      clinical: { hospitalized: 'yes', admissionDate: '2022-09-26' },
    };
    assert.ok(codes(d).includes('warning date.D12.admissionAfterDeath clinical.admissionDate'));
  });
  it('D13: dose order, before the programme, after diagnosis, latest date', () => {
    const r = tc1Report();
    r.vaccination!.doses![1]!.date = '2021-05-01'; // TC-19
    assert.ok(codes(r).includes('error vaccination.D13.doseOrder vaccination.doses.1.date'));
    const s = tc1Report();
    s.vaccination!.doses![0]!.date = '2020-12-01'; // TC-19
    assert.ok(codes(s).includes('error vaccination.D13.beforeProgramme vaccination.doses.0.date'));
    const t = tc1Report();
    t.vaccination!.latestDate = '2022-06-14';
    assert.ok(codes(t).includes('warning vaccination.D13.latestDateMismatch vaccination.latestDate'));
  });
  it('D14: implausible lags are warnings', () => {
    const r = tc1Report();
    r.diagnosis!.onsetDate = '2022-08-01';
    r.diagnosis!.estimatedInfectionDate = '2022-07-01';
    const c = codes(r);
    assert.ok(c.includes('warning date.D14.onsetLongBeforeDiagnosis diagnosis.onsetDate'));
    assert.ok(c.includes('warning date.D14.infectionLongBeforeOnset diagnosis.estimatedInfectionDate'));
  });
  it('TC-20 / D15: travel dates', () => {
    const r = tc1Report();
    r.infection = {
      area: 'abroad',
      countries: 'アメリカ',
      regionDetail: 'コロラド州',
      departureDate: '2022-09-01',
      entryDate: '2022-09-10',
    };
    r.diagnosis!.diagnosisDate = '2022-09-12';
    r.reportDate = '2022-09-12';
    r.diagnosis = { diagnosisDate: '2022-09-12', specimenCollectionDate: '2022-09-12' };
    assert.deepEqual(
      codes(r, '2022-09-12').filter((c) => c.includes('D15')),
      [],
    );
    r.infection.entryDate = '2022-09-13';
    assert.ok(codes(r, '2022-09-13').includes('error travel.D15.entryAfterDiagnosis infection.entryDate'));
    r.infection.departureDate = '2022-09-14';
    assert.ok(
      codes(r, '2022-09-14').includes('error travel.D15.departureAfterEntry infection.departureDate'),
    );
  });
  it('an impossible date is an error and flagged', () => {
    const r = tc1Report();
    r.diagnosis!.onsetDate = '2022-02-30';
    const res = checkDateConsistency(r, { today: '2022-09-27' });
    assert.ok(res.issues.some((i) => i.code === 'date.invalid' && i.path === 'diagnosis.onsetDate'));
    assert.equal(res.timeline.find((e) => e.field === 'onsetDate')!.flagged, true);
  });
  it('property: never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.anything(), (x) => {
        const r = checkDateConsistency(x as OccurrenceReport, { today: '2022-09-27' });
        assert.equal(r.timeline.length, 7);
      }),
    );
    const date = fc.oneof(
      fc.constant(undefined),
      fc.constantFrom('2022-02-30', 'x'),
      fc
        .date({ min: new Date('1900-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10)),
    );
    fc.assert(
      fc.property(date, date, date, date, date, date, date, (dob, onset, spec, dx, adm, death, rep) => {
        const r = {
          reportDate: rep,
          patient: { dateOfBirth: dob, category: 'confirmed' },
          diagnosis: { onsetDate: onset, specimenCollectionDate: spec, diagnosisDate: dx, deathDate: death },
          clinical: { admissionDate: adm },
        } as OccurrenceReport;
        const res = checkDateConsistency(r, { today: '2022-09-27' });
        // A flagged entry always has an issue on its path or on a path it was compared with.
        for (const e of res.timeline) if (e.flagged) assert.ok(e.date !== undefined);
        assert.equal(res.consistent, res.issues.length === 0);
      }),
    );
  });
});
