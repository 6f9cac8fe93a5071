/**
 * Random input to the patient record routes never gives a 500 and never changes a record it refuses:
 * random JSON bodies and mutated valid sections for every section, random persons for the duplicate check,
 * random list queries and path parameters (fast-check, bounded runs).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { BACKENDS, harness, json, type Harness } from './helpers.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 40);

const VALID: Record<string, unknown> = {
  identity: { familyName: '山田', givenName: '花子', familyNameKana: 'ヤマダ', phone: '090-1234-5678' },
  basicInfo: { occupation: '保育士', underlyingConditions: 'yes', conditions: ['diabetes'], vaccineDoses: 3 },
  tests: [{ id: 't1', method: 'pcr', specimen: 'saliva', collectionDate: '2022-09-26', result: 'positive' }],
  residences: [{ id: 'r1', type: 'home', startDate: '2022-09-26' }],
  activities: [{ id: 'a1', kind: 'overseasTravel', startDate: '2022-09-01', country: 'KR' }],
  healthObservation: {
    startDate: '2022-09-26',
    entries: [{ id: 'e1', date: '2022-09-27', temperature: 37.5, spo2: 96, symptoms: ['fever'] }],
  },
  medical: {
    admissions: [{ id: 'h1', hospital: '千代田みらい病院', admissionDate: '2022-09-26' }],
    severities: [{ id: 's1', date: '2022-09-26', severity: 'mild' }],
  },
  measures: { infectionClass: 'infected', status: 'homeCare', myHerSys: true },
  notes: [{ id: 'n1', text: '電話で確認' }],
};
const SECTIONS = Object.keys(VALID);

/** Replaces one random leaf (or adds a key) somewhere in a valid value. */
function mutate(base: unknown, path: number[], value: unknown): unknown {
  const copy = structuredClone(base) as Record<string, unknown>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- walking arbitrary JSON
  let node: any = copy;
  for (const step of path) {
    if (node === null || typeof node !== 'object') break;
    const keys = Object.keys(node);
    if (keys.length === 0) break;
    const k = keys[step % keys.length]!;
    if (node[k] === null || typeof node[k] !== 'object') {
      node[k] = value;
      return copy;
    }
    node = node[k];
  }
  if (node && typeof node === 'object') node[`k${path.length}`] = value;
  return copy;
}

const anyJson = fc.jsonValue({ maxDepth: 4 });
const leaf = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant(null),
  fc.constant('\u0000'),
  fc.constant('9999-99-99'),
  fc.constant('ﾔﾏﾀﾞ'),
  fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }),
);

for (const backend of BACKENDS) {
  describe(`records fuzz on ${backend}`, () => {
    let h: Harness;
    let id = '';
    before(async () => {
      h = await harness(backend);
      const res = await h.req('POST', '/api/patients', {
        body: {
          patient: {
            familyName: '山田',
            givenName: '花子',
            familyNameKana: 'ヤマダ',
            givenNameKana: 'ハナコ',
          },
        },
      });
      id = (await json(res)).patient.herSysId;
    });
    after(async () => {
      await h.close();
    });

    const ok = (status: number) => [200, 400, 403, 404, 409, 413, 415, 428].includes(status);

    test('PUT section: random bodies and mutated sections', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...SECTIONS),
          fc.boolean(),
          anyJson,
          fc.array(fc.nat(20), { maxLength: 5 }),
          leaf,
          fc.nat(6),
          async (section, random, json, path, value, version) => {
            const body = random ? json : { data: mutate(VALID[section], path, value), version };
            const res = await h.req('PUT', `/api/patients/${id}/record/${section}`, { body });
            assert.ok(
              ok(res.status),
              `${section} ${JSON.stringify(body)} → ${res.status} ${await res.text()}`,
            );
          },
        ),
        { numRuns: RUNS * 3 },
      );
      // The record still reads.
      assert.equal((await h.req('GET', `/api/patients/${id}/record`)).status, 200);
    });

    test('a refused save changes nothing', async () => {
      const before = await json(await h.req('GET', `/api/patients/${id}/record`));
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...SECTIONS),
          fc.array(fc.nat(20), { maxLength: 5 }),
          leaf,
          async (s, p, v) => {
            const res = await h.req('PUT', `/api/patients/${id}/record/${s}`, {
              body: { data: mutate(VALID[s], p, v), version: 0 },
            });
            // Version 0 is stale for any section that was ever saved, and never a valid edit of a changed one.
            assert.ok(ok(res.status));
          },
        ),
        { numRuns: RUNS },
      );
      const after = await json(await h.req('GET', `/api/patients/${id}/record`));
      for (const s of SECTIONS) {
        if (before.sections[s].version > 0) assert.deepEqual(after.sections[s], before.sections[s], s);
      }
    });

    test('duplicate check, lists, audit, prefill: random input', async () => {
      await fc.assert(
        fc.asyncProperty(anyJson, leaf, async (body, v) => {
          const a = await h.req('POST', '/api/patients/duplicates', { body });
          assert.ok(ok(a.status), `${JSON.stringify(body)} → ${a.status}`);
          const b = await h.req('POST', '/api/patients/duplicates', {
            body: { person: { familyName: v, familyNameKana: v, phone: v, dateOfBirth: v } },
          });
          assert.ok(ok(b.status), `${JSON.stringify(v)} → ${b.status}`);
        }),
        { numRuns: RUNS },
      );
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('legacy', 'tests', 'reports', 'observation', 'inpatients', 'x'),
          fc.dictionary(
            fc.constantFrom(
              'kana',
              'name',
              'page',
              'pageSize',
              'status',
              'phone',
              'herSysId',
              'reportDateFrom',
              'zzz',
            ),
            fc.string({ maxLength: 12 }),
            { maxKeys: 4 },
          ),
          fc.constantFrom('clinic', 'hospital', 'minato-hc', 'tokyo-pref'),
          async (variant, params, as) => {
            const qs = new URLSearchParams(params).toString();
            const res = await h.req('GET', `/api/lists/${variant}?${qs}`, { as });
            assert.ok(ok(res.status), `${variant}?${qs} → ${res.status} ${await res.text()}`);
          },
        ),
        { numRuns: RUNS },
      );
      await fc.assert(
        fc.asyncProperty(fc.string({ maxLength: 20 }), fc.string({ maxLength: 10 }), async (pid, limit) => {
          const p = encodeURIComponent(pid);
          for (const path of [
            `/api/patients/${p}/record`,
            `/api/patients/${p}/audit?limit=${encodeURIComponent(limit)}`,
            `/api/patients/${p}/report-prefill`,
          ]) {
            const res = await h.req('GET', path);
            assert.ok(ok(res.status), `${path} → ${res.status}`);
          }
        }),
        { numRuns: RUNS },
      );
    });
  });
}
