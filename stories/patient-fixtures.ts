/** Story data for the patient components: a small in-memory registry (fictitious people). */
import {
  findDuplicateCandidates,
  type PatientListQuery,
  type PatientListRow,
  type PatientRecord,
  type Person,
} from '../src/schema/index.js';
import type { DuplicateCandidate } from '../src/components/id-form/patient-events.js';
import { tc1Report } from '../tests/fixtures/reports.js';

export const REGISTERED: DuplicateCandidate[] = [
  {
    herSysId: '10000001',
    familyNameKana: 'ヤマダ',
    givenNameKana: 'ハナコ',
    familyName: '山田',
    givenName: '花子',
    dateOfBirth: '1950-04-12',
    phone: '090-1234-5678',
    prefectureCode: '13',
    city: '千代田区大手町',
  },
  {
    herSysId: '10000002',
    familyNameKana: 'タカハシ',
    givenNameKana: 'イチロウ',
    familyName: '髙橋',
    givenName: '一郎',
    dateOfBirth: '1970-02-03',
    prefectureCode: '14',
    city: '横浜市中区',
  },
];

export const checkDuplicates = async (person: Person) => findDuplicateCandidates(person, REGISTERED);

let next = 20000000;
export const register = async (_person: Person) => {
  await new Promise((r) => setTimeout(r, 300));
  return { herSysId: String(next++) };
};

export function sampleRecord(): PatientRecord {
  return {
    herSysId: '10000001',
    version: 3,
    status: 'homeCare',
    infectionClass: 'infected',
    myHerSys: true,
    person: REGISTERED[0]!,
    basicInfo: { occupation: '無職', underlyingConditions: 'yes', conditions: ['hypertension'] },
    tests: [
      {
        id: 't1',
        method: 'antigenQualitative',
        specimen: 'nasopharyngealSwab',
        collectionDate: '2022-09-27',
        result: 'positive',
      },
    ],
    residences: [{ id: 'r1', type: 'home', startDate: '2022-09-27' }],
    activities: [
      { id: 'a1', kind: 'gathering', startDate: '2022-09-22', place: '自宅', detail: '同居家族と会食' },
    ],
    healthObservation: {
      startDate: '2022-09-25',
      endDate: '2022-10-05',
      entries: [
        { id: 'o1', date: '2022-09-28', temperature: 38.2, spo2: 96, symptoms: ['fever', 'cough'] },
        { id: 'o2', date: '2022-09-29', temperature: 37.4, spo2: 97, symptoms: ['cough'] },
      ],
    },
    medical: { severities: [{ id: 's1', date: '2022-09-27', severity: 'mild' }] },
    notes: [
      { id: 'n1', at: '2022-09-28T09:30:00+09:00', author: '千代田保健所 保健師', text: '初回架電済み。' },
    ],
    reports: [
      {
        id: 'rep-1',
        report: tc1Report(),
        firstReportedBy: '東京中央クリニック',
        firstReportedAt: '2022-09-27',
        lastUpdatedBy: '東京中央クリニック',
        lastUpdatedAt: '2022-09-27',
        healthCenterConfirmedAt: '2022-09-28',
      },
    ],
    audit: [
      { at: '2022-09-27T10:00:00+09:00', actor: '河野 和男', action: 'create', target: '発生届', version: 1 },
    ],
  };
}

const CLASSES = ['infected', 'closeContact', 'omicronCloseContact'] as const;
const STATUSES = ['homeCare', 'hotelCare', 'hospitalized', 'awaitingResult', 'released'] as const;

/** A fake list source over `n` generated rows (filters: 感染区分, ステータス, 氏名). */
export function listSource(n: number) {
  const rows: PatientListRow[] = Array.from({ length: n }, (_, i) => ({
    herSysId: String(10000000 + i),
    localId: i % 4 === 0 ? `A${String(i).padStart(4, '0')}` : undefined,
    name: `当該者 ${i}`,
    diagnosisDate: `2022-09-${String(28 - (i % 28)).padStart(2, '0')}`,
    infectionClass: CLASSES[i % 3],
    status: STATUSES[i % 5],
    severity: i % 3 === 0 ? 'mild' : undefined,
    periodStart: `2022-09-${String(28 - (i % 28)).padStart(2, '0')}`,
    residence: i % 5 === 1 ? 'hotel' : 'home',
    placeName: i % 5 === 1 ? '東京都宿泊療養施設A' : undefined,
  }));
  return async (q: PatientListQuery) => {
    await new Promise((r) => setTimeout(r, 150));
    const hit = rows.filter(
      (r) =>
        (!q.infectionClass || r.infectionClass === q.infectionClass) &&
        (!q.status || r.status === q.status) &&
        (!q.name || r.name.includes(q.name)),
    );
    const size = q.pageSize ?? 10;
    const page = q.page ?? 1;
    return { rows: hit.slice((page - 1) * size, page * size), total: hit.length };
  };
}
