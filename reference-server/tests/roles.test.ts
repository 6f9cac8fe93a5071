/**
 * Issue 6's roles, over the API with real sessions (every account signed in through the auth routes):
 *
 * - 外来 (clinic): its own patients and reports; no 入院状況一覧.
 * - 入院 (hospital): the same plus 入院状況一覧.
 * - 保健所 (minato-hc, chiyoda-hc): reports where it is the notified or responsible health center; 保健所確認済;
 *   restore; issues and resets institution accounts in its area.
 * - 都道府県 (tokyo-pref): reads everything under its health centers and changes nothing; issues health-center
 *   accounts.
 *
 * The report R1 is filed by the clinic (東京中央クリニック, under みなと保健所) for a person whose responsible
 * health center is 千代田保健所, so both health centers and 東京都 see it and the hospital does not. The person
 * P2 is registered by the hospital (千代田みらい病院) with 千代田保健所 responsible: minato and the clinic do
 * not see it. Guessing another facility's HER-SYS ID or report id answers 404 exactly like an unknown one.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { tc1Report } from '../../tests/fixtures/reports.js';
import type { Browser } from './auth-harness.js';
import { json } from './auth-harness.js';
import { BACKENDS } from './helpers.js';
import { ROLES, sessionHarness, type Role, type SessionHarness } from './session-harness.js';

type Expect = Record<Role, number>;
const all = (status: number): Expect => Object.fromEntries(ROLES.map((r) => [r, status])) as Expect;

for (const backend of BACKENDS) {
  describe(`roles on ${backend}`, () => {
    let h: SessionHarness;
    const as = {} as Record<Role, Browser>;
    let r1 = '';
    let p1 = '';
    let p2 = '';
    let r1Date = '';

    before(async () => {
      h = await sessionHarness(backend);
      const phones: Record<Role, string> = {
        clinic: '090-1000-0001',
        hospital: '090-1000-0002',
        'minato-hc': '090-1000-0003',
        'chiyoda-hc': '090-1000-0004',
        'tokyo-pref': '090-1000-0005',
      };
      for (const role of ROLES) as[role] = await h.firstSignIn(role, phones[role]);

      const report = tc1Report();
      const filed = await as.clinic.req(
        'POST',
        '/api/reports',
        { report },
        { 'idempotency-key': 'roles-r1' },
      );
      assert.equal(filed.status, 201, await filed.clone().text());
      const body = await json(filed);
      r1 = body.report.id;
      p1 = body.report.herSysId;
      r1Date = body.report.report.reportDate;
      const reg = await as.hospital.req('POST', '/api/patients', {
        patient: { familyName: '入院', givenName: '花子', responsibleHealthCenterCode: '13101' },
      });
      assert.equal(reg.status, 201, await reg.clone().text());
      p2 = (await json(reg)).patient.herSysId;
    });
    after(() => h?.close());

    async function matrix(
      what: string,
      method: string,
      path: () => string,
      expected: Expect,
      body?: (role: Role) => Promise<unknown> | unknown,
    ) {
      for (const role of ROLES) {
        const res = await as[role].req(method, path(), body ? await body(role) : undefined);
        assert.equal(
          res.status,
          expected[role],
          `${what}: ${role} ${method} ${path()} → ${await res.text()}`,
        );
      }
    }

    test('without a session every resource answers 401 (and the public paths stay open)', async () => {
      const b = h.browser();
      for (const [method, path] of [
        ['GET', '/api/me'],
        ['GET', `/api/reports/${r1}`],
        ['GET', `/api/reports/${r1}/pdf`],
        ['GET', `/api/patients/${p1}`],
        ['GET', '/api/patients?name=x'],
        ['GET', `/api/patients/${p1}/record`],
        ['GET', `/api/patients/${p1}/audit`],
        ['GET', '/api/lists/inpatients'],
        ['GET', '/api/audit/verify'],
        ['GET', '/api/auth/accounts'],
        ['POST', `/api/reports/${r1}/confirm`],
      ] as const) {
        const res = await b.req(method, path, method === 'POST' ? {} : undefined);
        assert.equal(res.status, 401, `${method} ${path}`);
      }
      assert.equal((await b.req('GET', '/api/health')).status, 200);
    });

    test('reads: reports, PDF, history, patients, records, 記録, lists, audit verification', async () => {
      const seesR1: Expect = { ...all(200), hospital: 404 };
      await matrix('report', 'GET', () => `/api/reports/${r1}`, seesR1);
      await matrix('PDF', 'GET', () => `/api/reports/${r1}/pdf`, seesR1);
      await matrix('history', 'GET', () => `/api/reports/${r1}/history`, seesR1);
      await matrix('copy', 'GET', () => `/api/reports/${r1}/copy`, seesR1);
      await matrix('patient', 'GET', () => `/api/patients/${p1}`, seesR1);
      await matrix('record', 'GET', () => `/api/patients/${p1}/record`, seesR1);
      await matrix('記録', 'GET', () => `/api/patients/${p1}/audit`, seesR1);
      const seesP2: Expect = { ...all(200), clinic: 404, 'minato-hc': 404 };
      await matrix('hospital patient', 'GET', () => `/api/patients/${p2}`, seesP2);
      await matrix('hospital record', 'GET', () => `/api/patients/${p2}/record`, seesP2);
      await matrix('入院状況一覧', 'GET', () => '/api/lists/inpatients', { ...all(200), clinic: 403 });
      await matrix('audit chain', 'GET', () => '/api/audit/verify', {
        ...all(200),
        clinic: 403,
        hospital: 403,
      });
    });

    test('search finds only the people each role may see', async () => {
      for (const role of ROLES) {
        const res = await as[role].req('GET', '/api/patients?pageSize=100');
        assert.equal(res.status, 200, role);
        const ids = new Set((await json(res)).items.map((i: { herSysId: string }) => i.herSysId));
        assert.equal(ids.has(p1), role !== 'hospital', `${role} sees P1`);
        assert.equal(ids.has(p2), role !== 'clinic' && role !== 'minato-hc', `${role} sees P2`);
      }
    });

    test('a facility guessing another facility’s HER-SYS ID or report id gets 404, not the data', async () => {
      const guessed = await as.hospital.req('GET', `/api/patients/${p1}`);
      const unknown = await as.hospital.req('GET', '/api/patients/99999999');
      assert.equal(guessed.status, 404);
      assert.equal(unknown.status, 404);
      const a = await json(guessed);
      const b = await json(unknown);
      assert.equal(a.error.code, b.error.code);
      assert.doesNotMatch(JSON.stringify(a), /厚労|太郎|patient"/);
      const byReport = await as.hospital.req('GET', `/api/reports/${r1}`);
      assert.equal(byReport.status, 404);
      assert.equal((await json(byReport)).error.code, 'not_found');
      // Writes to someone else's data are 404 too (nothing reveals that it exists).
      assert.equal(
        (await as.clinic.req('PATCH', `/api/patients/${p2}`, { patient: { familyName: 'x' }, version: 1 }))
          .status,
        404,
      );
      assert.equal(
        (await as.clinic.req('PUT', `/api/patients/${p2}/record/notes`, { data: [], version: 1 })).status,
        404,
      );
    });

    test('writes: report edit, patient edit, record sections — by role', async () => {
      // Each success bumps the version; every call sends the current one, so a refusal is about the role.
      const reportVersion = async () =>
        (await json(await as.clinic.req('GET', `/api/reports/${r1}`))).version;
      await matrix(
        'report edit',
        'PUT',
        () => `/api/reports/${r1}`,
        { ...all(200), hospital: 404, 'tokyo-pref': 403 },
        async () => ({ report: tc1Report(), version: await reportVersion() }),
      );
      const patientVersion = async () =>
        (await json(await as.clinic.req('GET', `/api/patients/${p1}`))).patient.version;
      await matrix(
        'patient edit',
        'PATCH',
        () => `/api/patients/${p1}`,
        { ...all(200), hospital: 404, 'tokyo-pref': 403 },
        async (role) => ({ patient: { localId: `L-${role}` }, version: await patientVersion() }),
      );
      const recordVersion = async () =>
        (await json(await as.clinic.req('GET', `/api/patients/${p1}/record`))).record.version;
      await matrix(
        'record section',
        'PUT',
        () => `/api/patients/${p1}/record/notes`,
        { ...all(200), hospital: 404, 'tokyo-pref': 403 },
        async (role) => ({ data: [{ id: `n-${role}`, text: role }], version: await recordVersion() }),
      );
      await matrix(
        'register a person',
        'POST',
        () => '/api/patients',
        { ...all(201), 'tokyo-pref': 403 },
        (role) => ({ patient: { familyName: '登録', givenName: role } }),
      );
    });

    test('delete, restore and 保健所確認済 — by role', async () => {
      await matrix(
        'confirm',
        'POST',
        () => `/api/reports/${r1}/confirm`,
        { clinic: 403, hospital: 403, 'minato-hc': 200, 'chiyoda-hc': 200, 'tokyo-pref': 403 },
        () => ({}),
      );
      // Only the filing clinic may delete here (the prefecture changes nothing; the hospital cannot see it).
      for (const [role, status] of [
        ['hospital', 404],
        ['tokyo-pref', 403],
        ['clinic', 200],
      ] as const) {
        const res = await as[role].req('POST', `/api/reports/${r1}/delete`, { reportDate: r1Date });
        assert.equal(res.status, status, `delete as ${role}: ${await res.text()}`);
      }
      for (const [role, status] of [
        ['clinic', 403],
        ['hospital', 403],
        ['tokyo-pref', 403],
        ['minato-hc', 200],
        ['chiyoda-hc', 409],
      ] as const) {
        const res = await as[role].req('POST', `/api/reports/${r1}/restore`, {});
        assert.equal(res.status, status, `restore as ${role}: ${await res.text()}`);
      }
    });

    test('accounts: a health center issues and resets institution accounts in its area; the prefecture its health centers', async () => {
      const clinicB = {
        loginId: 'clinic-b',
        displayName: '東京中央クリニック 受付',
        facilityKind: 'outpatient',
        facilityCode: '1312345678',
      };
      await matrix(
        'issue an institution account',
        'POST',
        () => '/api/auth/accounts',
        { ...all(403), 'minato-hc': 201 },
        (role) => ({ ...clinicB, loginId: `clinic-b-${role}` }),
      );
      const hcAccount = {
        displayName: '千代田保健所 保健師',
        facilityKind: 'healthCenter',
        facilityCode: '13101',
      };
      await matrix(
        'issue a health-center account',
        'POST',
        () => '/api/auth/accounts',
        { ...all(403), 'tokyo-pref': 201 },
        (role) => ({ ...hcAccount, loginId: `chiyoda-2-${role}` }),
      );
      await matrix(
        'reset an institution account',
        'POST',
        () => '/api/auth/accounts/clinic-b-minato-hc/reset',
        {
          ...all(404),
          'minato-hc': 200,
        },
        () => ({}),
      );
      await matrix(
        'reset a health-center account',
        'POST',
        () => '/api/auth/accounts/chiyoda-2-tokyo-pref/reset',
        { ...all(404), 'tokyo-pref': 200 },
        () => ({}),
      );
      // The lists: each manager sees the accounts of its own area only.
      const list = async (role: Role) => {
        const res = await as[role].req('GET', '/api/auth/accounts');
        return res.status === 200
          ? ((await json(res)).items as { loginId: string }[]).map((a) => a.loginId).sort()
          : res.status;
      };
      assert.equal(await list('clinic'), 403);
      assert.equal(await list('hospital'), 403);
      assert.deepEqual(await list('minato-hc'), ['clinic', 'clinic-b-minato-hc']);
      assert.deepEqual(await list('chiyoda-hc'), ['hospital']);
      assert.deepEqual(await list('tokyo-pref'), ['chiyoda-2-tokyo-pref', 'chiyoda-hc', 'minato-hc']);
    });

    test('the audit log holds the sign-ins, the reads and the writes, and its chain verifies', async () => {
      const rows = await h.handle.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
      const actions = new Set(rows.map((r) => r.action));
      for (const a of [
        'auth.signIn.completed',
        'report.create',
        'report.read',
        'patient.read',
        'patient.search',
      ]) {
        assert.ok(actions.has(a), `audit has ${a} (has ${[...actions].join(', ')})`);
      }
      const refusal = rows.find(
        (r) => r.action === 'patient.read' && r.outcome === 'failure' && r.entity_id === p1,
      );
      assert.ok(refusal, 'the hospital’s refused read of P1 is recorded');
      const refusedWrite = rows.find(
        (r) => r.action === 'patient.refused' && r.user_id === 'u-clinic' && r.entity_id === p2,
      );
      assert.ok(refusedWrite, 'the clinic’s refused change of P2 is recorded');
      assert.equal(refusedWrite.outcome, 'failure');
      assert.ok(
        rows.some((r) => r.action === 'report.refused' && r.user_id === 'u-tokyo-pref'),
        'the prefecture’s refused report edit is recorded',
      );
      const verdict = await json(await as['minato-hc'].req('GET', '/api/audit/verify'));
      assert.equal(verdict.ok, true, JSON.stringify(verdict));
      assert.equal(verdict.checked, rows.length);
    });
  });
}
