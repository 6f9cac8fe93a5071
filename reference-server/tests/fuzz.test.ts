/**
 * Random input to every route never gives a 500: random JSON bodies, mutated valid reports, random
 * query strings, headers and path parameters (fast-check, bounded runs).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { tc1Report } from '../../tests/fixtures/reports.js';
import { BACKENDS, harness, json, type Harness } from './helpers.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 40);

/** Replaces one random leaf (or adds a key) somewhere in a valid report. */
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

for (const backend of BACKENDS) {
  describe(`fuzz on ${backend}`, () => {
    let h: Harness;
    let reportId = '';
    let herSysId = '';
    before(async () => {
      h = await harness(backend);
      const res = await h.req('POST', '/api/reports', { body: { report: tc1Report() } });
      const b = await json(res);
      reportId = b.report.id;
      herSysId = b.report.herSysId;
    });
    after(async () => {
      await h.close();
    });

    const ROUTES = () => [
      ['POST', '/api/reports'],
      ['PUT', `/api/reports/${reportId}`],
      ['POST', `/api/reports/${reportId}/delete`],
      ['POST', `/api/reports/${reportId}/restore`],
      ['POST', `/api/reports/${reportId}/confirm`],
      ['POST', '/api/patients'],
      ['PATCH', `/api/patients/${herSysId}`],
      ['POST', '/my/invite/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'],
    ];
    const GETS = () => [
      '/api/patients',
      '/api/health-centers',
      '/api/institutions',
      `/api/reports/${reportId}/pdf`,
      `/api/reports/${reportId}`,
      `/api/reports/${reportId}/copy`,
      `/api/patients/${herSysId}/report-prefill`,
    ];

    const users = fc.constantFrom('clinic', 'hospital', 'minato-hc', 'tokyo-pref', 'nobody', '');

    test('random JSON bodies', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 0, max: 7 }),
          fc.jsonValue({ maxDepth: 4 }),
          users,
          fc.option(fc.string({ maxLength: 12 })),
          async (r, body, as, ifMatch) => {
            const [method, path] = ROUTES()[r]!;
            const headers: Record<string, string> = {};
            if (ifMatch !== null) headers['if-match'] = ifMatch.replace(/[^\x20-\x7e]/g, '');
            const res = await h.req(method!, path!, { body, as: as || undefined, headers });
            assert.ok(
              res.status < 500,
              `${method} ${path} ${JSON.stringify(body)} → ${res.status} ${await res.text()}`,
            );
          },
        ),
        { numRuns: RUNS * 4 },
      );
    });

    test('mutated valid reports (create and edit)', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.nat(50), { maxLength: 5 }),
          fc.oneof(
            fc.jsonValue({ maxDepth: 2 }),
            fc.string(),
            fc.constant(null),
            fc.double(),
            fc.constant('2022-02-30'),
            fc.constant('9999-99-99'),
            fc.constant('０９０ー１２３４ー５６７８'),
          ),
          fc.boolean(),
          async (path, value, edit) => {
            const report = mutate(tc1Report(), path, value);
            const res = edit
              ? await h.req('PUT', `/api/reports/${reportId}`, { body: { report, version: 1 } })
              : await h.req('POST', '/api/reports', {
                  body: { report, herSysId: Math.random() < 0.5 ? herSysId : undefined },
                });
            assert.ok(res.status < 500, `${JSON.stringify(report)} → ${res.status} ${await res.text()}`);
          },
        ),
        { numRuns: RUNS * 3 },
      );
    });

    test('random raw bodies, content types and idempotency keys', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 0, max: 7 }),
          fc.string({ maxLength: 200 }),
          fc.constantFrom(
            'application/json',
            'text/plain',
            'application/x-www-form-urlencoded',
            'application/json; charset=utf-8',
            '',
          ),
          fc.string({ maxLength: 140 }),
          async (r, raw, type, key) => {
            const [method, path] = ROUTES()[r]!;
            const headers: Record<string, string> = { 'idempotency-key': key.replace(/[^\x20-\x7e]/g, '') };
            if (type) headers['content-type'] = type;
            const res = await h.app.request(path!, { method, headers, body: raw });
            assert.ok(
              res.status < 500,
              `${method} ${path} ${JSON.stringify(raw)} → ${res.status} ${await res.text()}`,
            );
          },
        ),
        { numRuns: RUNS * 3 },
      );
    });

    test('random query strings and path parameters', async () => {
      const keys = [
        'kana',
        'name',
        'page',
        'pageSize',
        'dateOfBirth',
        'phone',
        'herSysId',
        'status',
        'q',
        'limit',
        'printHerSysId',
        'locale',
        'reportDateFrom',
        'x',
      ];
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 0, max: 6 }),
          fc.array(fc.tuple(fc.constantFrom(...keys), fc.string({ maxLength: 30 })), { maxLength: 4 }),
          fc.string({ maxLength: 40 }),
          async (r, params, segment) => {
            const qs = params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
            const path = r === 6 ? `/api/reports/${encodeURIComponent(segment)}` : GETS()[r]!;
            const res = await h.req('GET', `${path}?${qs}`);
            assert.ok(res.status < 500, `GET ${path}?${qs} → ${res.status} ${await res.text()}`);
          },
        ),
        { numRuns: RUNS * 3 },
      );
      // NUL in bodies (PostgreSQL cannot store it) and malformed percent-encoding in the path.
      const nul = await h.req('POST', '/api/reports', {
        body: { report: { ...tc1Report(), reportDate: '2022\u0000' } },
      });
      assert.equal(nul.status, 400);
      assert.deepEqual((await json(nul)).issues, [
        { path: 'report.reportDate', code: 'invalidCharacter', severity: 'error' },
      ]);
      assert.equal((await h.req('GET', '/api/patients?kana=%00')).status, 400);
      for (const p of [
        '/api/reports/%E0%A4%A',
        '/api/patients/%ZZ',
        '/api/reports/%00',
        `/api/reports/${'x'.repeat(5000)}`,
      ]) {
        const res = await h.app.request(p);
        assert.ok(res.status < 500, `${p} → ${res.status}`);
      }
    });
  });
}
