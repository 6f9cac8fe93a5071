import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fc from 'fast-check';
import {
  ELIGIBILITY_POLICIES,
  FIELD_CONDITIONS,
  FIELDS,
  fieldCondition,
  fieldRequirement,
  fieldStates,
  formatWareki,
  validateReport,
  type Issue,
  type OccurrenceReport,
} from '../../src/schema/index.js';
import { FIXTURE_TODAY, minimalReport, tc1Report } from '../fixtures/reports.js';

const T = { today: FIXTURE_TODAY };
const has = (issues: readonly Issue[], code: string, path?: string, severity?: string) =>
  issues.some(
    (i) =>
      i.code === code &&
      (path === undefined || i.path === path) &&
      (severity === undefined || i.severity === severity),
  );
const list = (issues: readonly Issue[]) => issues.map((i) => `${i.severity} ${i.code} ${i.path}`);

describe('validateReport: fixtures', () => {
  it('TC-1 is valid with no issue at all, and derives age, observation and eligibility', () => {
    const r = validateReport(tc1Report(), T);
    assert.deepEqual(list(r.issues), []);
    assert.equal(r.ok, true);
    assert.deepEqual(r.report, tc1Report());
    assert.deepEqual(r.derived.ageAtDiagnosis, { years: 72, months: 5 });
    assert.equal(r.derived.minor, false);
    assert.deepEqual(r.derived.eligibility, { limited: true, reasons: ['elderly'], eligible: true });
    assert.equal(r.derived.observationPeriod?.start, '2022-09-26');
  });
  it('TC-1 prints 昭和25年4月12日 and 令和4年9月27日, and its SMS target is a valid mobile', () => {
    const r = validateReport(tc1Report(), T).report;
    assert.equal(formatWareki(r.patient!.dateOfBirth!), '昭和25年4月12日');
    assert.equal(formatWareki(r.reportDate!), '令和4年9月27日');
    assert.ok(!has(validateReport(tc1Report(), T).issues, 'phone.notMobile'));
  });
  it('fieldStates gives every field once (list entries per entry) with its requirement and value', () => {
    const states = fieldStates(tc1Report());
    const byPath = new Map(states.map((s) => [s.path, s]));
    assert.equal(byPath.size, states.length);
    assert.equal(byPath.get('patient.dateOfBirth')?.requirement, 'required');
    assert.equal(byPath.get('patient.dateOfBirth')?.value, '1950-04-12');
    assert.equal(byPath.get('patient.address.city')?.requirement, 'optional'); // same as the location
    assert.equal(byPath.get('patient.guardian.name')?.requirement, 'notApplicable'); // an adult
    assert.equal(byPath.get('diagnosis.methods.0.result')?.value, 'positive');
    assert.equal(byPath.get('vaccination.doses.3.date')?.value, '2022-06-15');
    assert.ok(!byPath.has('diagnosis.methods.collectionDate'));
    assert.equal(fieldStates(null as never).length > 0, true);
  });
  it('the minimal report is ok with recommended warnings only', () => {
    const r = validateReport(minimalReport(), T);
    assert.equal(r.ok, true);
    assert.ok(r.issues.length > 0);
    assert.ok(
      r.issues.every((i) => i.code === 'recommended' && i.severity === 'warning'),
      list(r.issues).join('\n'),
    );
  });
  it('an empty report lists every required field as an error', () => {
    const r = validateReport({}, T);
    assert.equal(r.ok, false);
    const required = r.issues.filter((i) => i.code === 'required').map((i) => i.path);
    for (const p of [
      'reportDate',
      'reporter.doctorFamilyName',
      'reporter.institutionName',
      'reporter.institutionAddress',
      'reporter.institutionPhone',
      'patient.category',
      'patient.familyName',
      'patient.sex',
      'patient.dateOfBirth',
      'patient.location.prefectureCode',
      'patient.location.city',
      'patient.location.street',
      'patient.phone',
      'diagnosis.diagnosisDate',
      'diagnosis.specimenCollectionDate',
      'healthCenters.notified',
    ])
      assert.ok(required.includes(p), p);
  });
});

describe('validateReport: normalization', () => {
  it('trims, drops empty values, normalizes kana, postal, phone, dates and prefectures', () => {
    const input = {
      ...tc1Report(),
      reportDate: '令和4年9月27日',
      patient: {
        ...tc1Report().patient,
        familyName: '  山田 ',
        familyNameKana: 'やまだ',
        givenNameKana: 'ﾊﾅｺ',
        dateOfBirth: 'S25.4.12',
        occupation: '',
        location: {
          postalCode: '〒１００－０００４',
          prefectureCode: '東京都',
          city: '千代田区',
          street: '大手町1-2-3',
        },
        phone: '０９０ー１２３４ー５６７８',
        phoneConfirmation: '09012345678',
        addressPhone: '0332100000',
        guardian: { name: null },
      },
    };
    const r = validateReport(input, T);
    assert.equal(r.ok, true, list(r.issues).join('\n'));
    const p = r.report.patient!;
    assert.equal(r.report.reportDate, '2022-09-27');
    assert.equal(p.familyName, '山田');
    assert.equal(p.familyNameKana, 'ヤマダ');
    assert.equal(p.givenNameKana, 'ハナコ');
    assert.equal(p.dateOfBirth, '1950-04-12');
    assert.equal(p.occupation, undefined);
    assert.deepEqual(p.location, {
      postalCode: '1000004',
      prefectureCode: '13',
      city: '千代田区',
      street: '大手町1-2-3',
    });
    assert.equal(p.phone, '090-1234-5678');
    assert.equal(p.phoneConfirmation, '090-1234-5678');
    assert.equal(p.addressPhone, '03-3210-0000');
    assert.deepEqual(p.guardian, {}); // the cleared name (null) is dropped
    assert.ok(has(r.issues, 'recommended', 'patient.occupation'));
  });
  it('validating the normalized report again changes nothing (idempotent)', () => {
    const once = validateReport(
      { ...tc1Report(), patient: { ...tc1Report().patient, familyNameKana: 'ﾔﾏﾀﾞ' } },
      T,
    );
    const twice = validateReport(once.report, T);
    assert.deepEqual(twice.report, once.report);
    assert.deepEqual(twice.issues, once.issues);
  });
});

describe('validateReport: structure', () => {
  it('maps zod problems to stable codes and keeps the rest', () => {
    const input = {
      ...tc1Report(),
      unknown_field: 1,
      patient: {
        ...tc1Report().patient,
        sex: 'x',
        occupation: 'a'.repeat(201),
        location: { ...tc1Report().patient!.location, extra: true },
      },
      diagnosis: { ...tc1Report().diagnosis, spo2: '97', onsetDate: 'yesterday', firstVisitDate: 'H31.5.1' },
      vaccination: { ...tc1Report().vaccination, doseCount: 2.5 },
    };
    const r = validateReport(input, T);
    assert.equal(r.ok, false);
    assert.ok(has(r.issues, 'field.unknown', 'unknown_field', 'error'));
    assert.ok(has(r.issues, 'field.unknown', 'patient.location.extra'));
    assert.ok(has(r.issues, 'enum.invalid', 'patient.sex'));
    assert.ok(!has(r.issues, 'required', 'patient.sex'), 'a wrong value is not also "missing"');
    assert.ok(has(r.issues, 'text.tooLong', 'patient.occupation'));
    assert.ok(has(r.issues, 'type.invalid', 'diagnosis.spo2'));
    assert.ok(has(r.issues, 'date.format', 'diagnosis.onsetDate'));
    assert.ok(has(r.issues, 'date.outsideEra', 'diagnosis.firstVisitDate'));
    assert.ok(has(r.issues, 'number.notInteger', 'vaccination.doseCount'));
    // The rest survives.
    assert.equal(r.report.patient?.familyName, '山田');
    assert.equal(r.report.diagnosis?.diagnosisDate, '2022-09-27');
  });
  it('a list entry without its required member is reported and dropped', () => {
    const input = {
      ...tc1Report(),
      diagnosis: {
        ...tc1Report().diagnosis,
        methods: [{ specimen: 'saliva' }, ...tc1Report().diagnosis!.methods!],
      },
    };
    const r = validateReport(input, T);
    assert.ok(has(r.issues, 'required', 'diagnosis.methods.0.method'));
    assert.equal(r.report.diagnosis?.methods?.length, 1);
  });
  it('non-objects give one clear issue', () => {
    for (const x of [null, undefined, 5, 'report', [], [tc1Report()], true]) {
      const r = validateReport(x, T);
      assert.equal(r.ok, false);
      assert.deepEqual(r.issues, [
        { path: '', code: 'type.invalid', severity: 'error', params: { expected: 'object' } },
      ]);
      assert.deepEqual(r.report, {});
    }
  });
  it('deep nesting and prototype keys do not throw', () => {
    let deep: unknown = {};
    for (let i = 0; i < 10_000; i++) deep = { patient: deep };
    assert.equal(validateReport(deep, T).ok, false);
    const proto = JSON.parse('{"__proto__": {"polluted": true}, "patient": {"__proto__": 1}}') as unknown;
    const r = validateReport(proto, T);
    assert.ok(has(r.issues, 'field.unknown', '__proto__'));
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  });
  it('huge strings are rejected without being normalized or cached', () => {
    const big = '0'.repeat(1_000_000);
    const r = tc1Report();
    r.patient!.phone = big;
    r.patient!.familyNameKana = 'ア'.repeat(100_000);
    r.diagnosis!.onsetDate = big;
    const res = validateReport(r, T);
    assert.ok(res.issues.every((i) => Object.values(i.params ?? {}).every((v) => String(v).length <= 64)));
    assert.ok(has(res.issues, 'text.tooLong', 'patient.phone'));
    assert.ok(has(res.issues, 'text.tooLong', 'patient.familyNameKana'));
    assert.ok(
      has(res.issues, 'date.format', 'diagnosis.onsetDate') ||
        has(res.issues, 'format.invalid', 'diagnosis.onsetDate'),
    );
  });
  it('property: never throws on arbitrary JSON or values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (x) => {
        const r = validateReport(x, T);
        assert.equal(typeof r.ok, 'boolean');
        assert.ok(Array.isArray(r.issues));
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(
        fc.anything({
          withNullPrototype: true,
          withObjectString: true,
          withBoxedValues: true,
          withMap: true,
          withSet: true,
          withDate: true,
          withTypedArray: true,
          withSparseArray: true,
        }),
        (x) => {
          const r = validateReport(x, T);
          assert.equal(r.ok, !r.issues.some((i) => i.severity === 'error'));
        },
      ),
      { numRuns: 300 },
    );
  });
  it('property: never throws on a report with arbitrary values in its fields', () => {
    const base = tc1Report() as Record<string, unknown>;
    const keys = [
      'reportDate',
      'reporter',
      'patient',
      'diagnosis',
      'infection',
      'vaccination',
      'riskFactors',
      'clinical',
      'healthCenters',
      'confirmedWarnings',
    ];
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.anything(), (k, v) => {
        const r = validateReport({ ...base, [k]: v }, T);
        assert.equal(typeof r.ok, 'boolean');
      }),
      { numRuns: 300 },
    );
  });
});

describe('validateReport: conditional fields', () => {
  it('D6 / TC-4: an onset date for an asymptomatic carrier is notApplicable (error)', () => {
    const r = tc1Report();
    r.patient!.category = 'asymptomatic';
    r.diagnosis!.symptoms = ['none'];
    r.diagnosis!.onsetDate = '2022-09-20';
    const res = validateReport(r, T);
    assert.equal(res.ok, false);
    assert.ok(has(res.issues, 'notApplicable', 'diagnosis.onsetDate', 'error'));
  });
  it('D6: an asymptomatic carrier with symptoms is an error; a patient with 症状なし a warning', () => {
    const r = tc1Report();
    r.patient!.category = 'asymptomatic';
    delete r.diagnosis!.onsetDate;
    assert.ok(
      has(validateReport(r, T).issues, 'category.D6.asymptomaticWithSymptoms', 'diagnosis.symptoms', 'error'),
    );
    const s = tc1Report();
    s.diagnosis!.symptoms = ['none'];
    assert.ok(
      has(
        validateReport(s, T).issues,
        'category.D6.confirmedWithoutSymptoms',
        'diagnosis.symptoms',
        'warning',
      ),
    );
    s.diagnosis!.symptoms = ['none', 'fever'];
    assert.ok(has(validateReport(s, T).issues, 'symptoms.noneWithOthers', 'diagnosis.symptoms', 'error'));
  });
  it('D7: a death date only, and required, for the death categories', () => {
    const r = tc1Report();
    r.diagnosis!.deathDate = '2022-09-26';
    assert.ok(has(validateReport(r, T).issues, 'notApplicable', 'diagnosis.deathDate', 'error'));
    const d = tc1Report();
    d.patient!.category = 'deceased';
    delete d.diagnosis!.onsetDate;
    assert.ok(has(validateReport(d, T).issues, 'required', 'diagnosis.deathDate', 'error'));
    d.diagnosis!.deathDate = '2022-09-26';
    assert.equal(validateReport(d, T).ok, true, list(validateReport(d, T).issues).join('\n'));
  });
  it('D11 / TC-11: guardian required for a minor at the diagnosis date; a warning for an adult', () => {
    const r = tc1Report();
    r.patient!.dateOfBirth = '2022-03-15';
    r.reportDate = '2022-09-21';
    r.diagnosis = { diagnosisDate: '2022-09-21', specimenCollectionDate: '2022-09-21' };
    r.vaccination = { doseCount: 0 };
    r.clinical = { ...r.clinical, hospitalizationNeeded: 'yes' };
    const res = validateReport(r, T);
    assert.deepEqual(res.derived.ageAtDiagnosis, { years: 0, months: 6 });
    assert.equal(res.derived.minor, true);
    assert.ok(has(res.issues, 'required', 'patient.guardian.name', 'error'));
    assert.ok(has(res.issues, 'required', 'patient.guardian.phone', 'error'));
    assert.equal(fieldRequirement('patient.guardian.name', res.report), 'required');
    const adult = tc1Report();
    adult.patient!.guardian = { name: '山田 太郎' };
    assert.ok(has(validateReport(adult, T).issues, 'notApplicable', 'patient.guardian.name', 'warning'));
  });
  it('D11: 19 years old is a minor before 2022-04-01 and an adult after', () => {
    const before = minimalReport();
    before.patient!.dateOfBirth = '2002-06-01';
    before.reportDate = '2022-03-31';
    before.diagnosis = { diagnosisDate: '2022-03-31', specimenCollectionDate: '2022-03-31' };
    assert.ok(has(validateReport(before, T).issues, 'required', 'patient.guardian.name'));
    const after = structuredClone(before);
    after.reportDate = '2022-04-01';
    after.diagnosis = { diagnosisDate: '2022-04-01', specimenCollectionDate: '2022-04-01' };
    assert.ok(!has(validateReport(after, T).issues, 'required', 'patient.guardian.name'));
  });
  it('D12: admission date iff hospitalized', () => {
    const r = tc1Report();
    r.clinical!.hospitalized = 'yes';
    assert.ok(has(validateReport(r, T).issues, 'required', 'clinical.admissionDate', 'error'));
    const s = tc1Report();
    s.clinical!.admissionDate = '2022-09-27';
    assert.ok(has(validateReport(s, T).issues, 'notApplicable', 'clinical.admissionDate', 'error'));
    delete s.clinical!.hospitalized; // an admission date without the answer: ask for the answer
    const res = validateReport(s, T);
    assert.ok(has(res.issues, 'required', 'clinical.hospitalized', 'error'));
    assert.ok(!has(res.issues, 'notApplicable', 'clinical.admissionDate'));
  });
  it('the address is not required when it is the location', () => {
    const r = tc1Report();
    assert.equal(fieldRequirement('patient.address.city', r), 'optional');
    r.patient!.addressSameAsLocation = false;
    assert.equal(fieldRequirement('patient.address.city', r), 'required');
    assert.ok(has(validateReport(r, T).issues, 'required', 'patient.address.city'));
  });
  it('every conditional field has its condition in words, and only those', () => {
    const conditional = FIELDS.filter((f) => f.requirement === 'conditional').map((f) => f.path);
    assert.deepEqual(Object.keys(FIELD_CONDITIONS).sort(), [...conditional].sort());
    for (const text of Object.values(FIELD_CONDITIONS)) assert.match(text, /^(required|recommended)/);
    assert.equal(fieldCondition('diagnosis.onsetDate'), FIELD_CONDITIONS['diagnosis.onsetDate']);
    assert.equal(fieldCondition('reportDate'), undefined);
  });

  it('FIELDS covers every leaf of the report shape and has a label key per field', () => {
    const paths = FIELDS.map((f) => f.path);
    for (const p of [
      'reportDate',
      'patient.guardian.phone',
      'diagnosis.methods.collectionDate',
      'clinical.admissionDate',
      'healthCenters.responsible',
    ])
      assert.ok(paths.includes(p), p);
    assert.equal(new Set(paths).size, paths.length);
    for (const f of FIELDS) assert.equal(f.labelKey, `fields:${f.path}`);
  });
});

describe('validateReport: contact (TC-26) and other rules', () => {
  it('TC-26: a mobile number needs its confirmation, and a mismatch blocks filing', () => {
    const r = tc1Report();
    r.patient!.phoneConfirmation = '090-1234-5679';
    const res = validateReport(r, T);
    assert.equal(res.ok, false);
    assert.ok(has(res.issues, 'phone.confirmationMismatch', 'patient.phoneConfirmation', 'error'));
    delete r.patient!.phoneConfirmation;
    assert.ok(
      has(validateReport(r, T).issues, 'phone.confirmationRequired', 'patient.phoneConfirmation', 'error'),
    );
    r.patient!.phoneConfirmation = '０９０１２３４５６７８';
    assert.equal(validateReport(r, T).ok, true);
  });
  it('a landline patient phone is a notMobile warning (SMS cannot reach it); bad phones are errors', () => {
    const r = tc1Report();
    r.patient!.phone = '03-3210-0000';
    delete r.patient!.phoneConfirmation;
    const res = validateReport(r, T);
    assert.equal(res.ok, true);
    assert.ok(has(res.issues, 'phone.notMobile', 'patient.phone', 'warning'));
    r.reporter!.institutionPhone = '1234';
    assert.ok(has(validateReport(r, T).issues, 'phone.invalid', 'reporter.institutionPhone', 'error'));
  });
  it('postal codes, kana and prefecture codes', () => {
    const r = tc1Report();
    r.patient!.location!.postalCode = '100-00';
    r.patient!.familyNameKana = 'Yamada';
    r.infection!.prefectureCode = '48';
    const res = validateReport(r, T);
    assert.ok(has(res.issues, 'postal.invalid', 'patient.location.postalCode', 'error'));
    assert.ok(has(res.issues, 'kana.invalid', 'patient.familyNameKana', 'error'));
    assert.ok(has(res.issues, 'prefecture.invalid', 'infection.prefectureCode', 'error'));
  });
  it('TC-25: prefecture names become JIS codes (茨城 is 08, 京都府 26)', () => {
    for (const [name, code] of [
      ['東京都', '13'],
      ['茨城県', '08'],
      ['京都府', '26'],
      ['京都', '26'],
      ['JP-13', '13'],
      ['８', '08'],
    ]) {
      const r = tc1Report();
      r.infection!.prefectureCode = name;
      const res = validateReport(r, T);
      assert.equal(res.report.infection?.prefectureCode, code, name);
      assert.equal(res.ok, true, name);
    }
    const bad = tc1Report();
    bad.infection!.prefectureCode = '茨木県';
    assert.ok(has(validateReport(bad, T).issues, 'format.invalid', 'infection.prefectureCode'));
  });
  it('SpO2 range and severity', () => {
    const r = tc1Report();
    r.diagnosis!.spo2 = 101;
    assert.ok(has(validateReport(r, T).issues, 'spo2.outOfRange', 'diagnosis.spo2', 'error'));
    r.diagnosis!.spo2 = 92;
    assert.ok(has(validateReport(r, T).issues, 'spo2.severityMismatch', 'clinical.severity', 'warning'));
    r.clinical!.severity = 'moderate2';
    assert.ok(!has(validateReport(r, T).issues, 'spo2.severityMismatch'));
  });
  it('D8: no positive method is an error except for a suspected case; specimens must fit the method', () => {
    const r = tc1Report();
    r.diagnosis!.methods![0]!.result = 'negative';
    assert.ok(
      has(validateReport(r, T).issues, 'diagnosis.D8.noPositiveMethod', 'diagnosis.methods', 'error'),
    );
    r.patient!.category = 'suspected';
    delete r.diagnosis!.onsetDate;
    assert.ok(!has(validateReport(r, T).issues, 'diagnosis.D8.noPositiveMethod'));
    const s = tc1Report();
    s.diagnosis!.methods![0]!.specimen = 'saliva';
    assert.ok(
      has(
        validateReport(s, T).issues,
        'diagnosis.specimenNotAllowed',
        'diagnosis.methods.0.specimen',
        'error',
      ),
    );
  });
  it('D13: more doses listed than the count is an error; duplicates too', () => {
    const r = tc1Report();
    r.vaccination!.doseCount = 3;
    assert.ok(
      has(validateReport(r, T).issues, 'vaccination.D13.doseCountMismatch', 'vaccination.doseCount', 'error'),
    );
    const s = tc1Report();
    s.vaccination!.doses![1]!.dose = 1;
    assert.ok(has(validateReport(s, T).issues, 'array.duplicate', 'vaccination.doses.1.dose', 'error'));
    const z = tc1Report();
    z.vaccination = { doseCount: 0, latestDate: '2022-01-01' };
    assert.ok(has(validateReport(z, T).issues, 'notApplicable', 'vaccination.latestDate', 'error'));
  });
  it('risk factors: items need 有; pregnancy for a male is a warning', () => {
    const r = tc1Report();
    r.riskFactors = { presence: 'no', items: ['diabetes'] };
    assert.ok(
      has(validateReport(r, T).issues, 'riskFactors.itemsWithoutPresence', 'riskFactors.items', 'error'),
    );
    const s = tc1Report();
    s.patient!.sex = 'male';
    s.riskFactors = { presence: 'yes', items: ['pregnancy'] };
    assert.ok(
      has(validateReport(s, T).issues, 'riskFactors.pregnancyNotFemale', 'riskFactors.items', 'warning'),
    );
    const t = tc1Report();
    t.riskFactors = { presence: 'yes' };
    assert.ok(has(validateReport(t, T).issues, 'required', 'riskFactors.items', 'error'));
  });
});

describe('validateReport: eligibility policy (D16, D17)', () => {
  const young = (): OccurrenceReport => {
    const r = tc1Report();
    r.patient!.dateOfBirth = '1992-03-03';
    r.reportDate = '2022-10-03';
    r.diagnosis = {
      ...r.diagnosis,
      diagnosisDate: '2022-10-03',
      specimenCollectionDate: '2022-10-03',
      firstVisitDate: '2022-10-03',
      onsetDate: '2022-10-02',
      estimatedInfectionDate: '2022-09-30',
      methods: [
        {
          method: 'antigenQualitative',
          specimen: 'nasalSwab',
          collectionDate: '2022-10-03',
          result: 'positive',
        },
      ],
    };
    r.riskFactors = { presence: 'no' };
    r.clinical = { ...r.clinical, hospitalizationNeeded: 'no' };
    return r;
  };
  const T2 = { today: '2022-10-03' };
  it('TC-6: a 30-year-old outside the four categories is not reportable (error by default)', () => {
    const res = validateReport(young(), T2);
    assert.equal(res.ok, false);
    assert.ok(has(res.issues, 'eligibility.D16.notInFourCategories', '', 'error'));
    assert.deepEqual(res.derived.eligibility, { limited: true, reasons: [], eligible: false });
  });
  it('TC-8: pregnant → eligible; TC-9: hospitalization needed → eligible; risk + antivirals → eligible', () => {
    const p = young();
    p.riskFactors = { presence: 'yes', items: ['pregnancy'] };
    assert.deepEqual(validateReport(p, T2).derived.eligibility.reasons, ['pregnancy']);
    assert.equal(validateReport(p, T2).ok, true);
    const h = young();
    h.clinical!.hospitalizationNeeded = 'yes';
    assert.equal(validateReport(h, T2).ok, true);
    const t = young();
    t.riskFactors = { presence: 'yes', items: ['diabetes'] };
    t.clinical!.antiviralNeeded = 'yes';
    assert.deepEqual(validateReport(t, T2).derived.eligibility.reasons, ['riskWithTreatment']);
  });
  it('before 2022-09-26, or under the allCases policy, everyone is reportable', () => {
    assert.equal(
      validateReport(young(), { ...T2, eligibilityPolicy: ELIGIBILITY_POLICIES.allCases }).ok,
      true,
    );
    const early = young();
    early.reportDate = '2022-09-25';
    early.diagnosis = {
      ...early.diagnosis,
      diagnosisDate: '2022-09-25',
      specimenCollectionDate: '2022-09-25',
      firstVisitDate: '2022-09-25',
      onsetDate: '2022-09-24',
      estimatedInfectionDate: '2022-09-22',
      methods: [],
    };
    assert.ok(!has(validateReport(early, T2).issues, 'eligibility.D16.notInFourCategories'));
  });
  it('TC-18 / D17: a suspected case that needs no hospitalization is a warning', () => {
    const r = tc1Report();
    r.patient!.category = 'suspected';
    delete r.diagnosis!.onsetDate;
    const res = validateReport(r, T);
    assert.ok(has(res.issues, 'eligibility.D17.suspectedNotHospitalized', '', 'warning'));
    assert.equal(res.derived.eligibility.eligible, false);
  });
});

describe('validateReport: confirmed warnings', () => {
  it('a warning listed in confirmedWarnings is returned with confirmed: true; errors never are', () => {
    const r = tc1Report();
    r.patient!.phone = '03-3210-0000';
    delete r.patient!.phoneConfirmation;
    r.reporter!.institutionPhone = '1234';
    r.confirmedWarnings = [
      { code: 'phone.notMobile', path: 'patient.phone', confirmedAt: '2022-09-27T10:00:00+09:00' },
      { code: 'phone.invalid', path: 'reporter.institutionPhone', confirmedAt: '2022-09-27T10:00:00+09:00' },
    ];
    const res = validateReport(r, T);
    const w = res.issues.find((i) => i.code === 'phone.notMobile');
    assert.equal(w?.confirmed, true);
    assert.equal(w?.severity, 'warning');
    const e = res.issues.find((i) => i.code === 'phone.invalid');
    assert.equal(e?.confirmed, undefined);
    assert.equal(res.ok, false);
  });
});
