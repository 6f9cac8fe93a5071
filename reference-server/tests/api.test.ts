/**
 * The API through app.request(): every route and every refusal, on SQLite and (with TEST_DATABASE_URL)
 * on PostgreSQL.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { minimalReport, tc1Report } from '../../tests/fixtures/reports.js';
import { createApp } from '../src/app.js';
import { defaultConfig } from '../src/config.js';
import { newRowId } from '../src/lib/ids.js';
import { sha256 } from '../src/lib/keys.js';
import { BACKENDS, harness, json, reportMessages, type Harness } from './helpers.js';

for (const backend of BACKENDS) {
  describe(`API on ${backend}`, () => {
    let h: Harness;
    before(async () => {
      h = await harness(backend);
    });
    after(async () => {
      await h.close();
    });

    async function file(
      report = tc1Report(),
      init: { as?: string; key?: string; extra?: Record<string, unknown> } = {},
    ) {
      const res = await h.req('POST', '/api/reports', {
        body: { report, ...(init.extra ?? {}) },
        as: init.as,
        headers: init.key ? { 'idempotency-key': init.key } : {},
      });
      return { res, body: await json(res) };
    }

    test('health, me, openapi, docs', async () => {
      assert.deepEqual(await json(await h.req('GET', '/api/health')), { ok: true });
      const me = await json(await h.req('GET', '/api/me'));
      assert.equal(me.user.loginId, 'clinic');
      assert.equal(me.user.facilityKind, 'outpatient');
      assert.equal(me.user.facilityName, '東京中央クリニック');
      assert.equal(me.devMode, true);
      const hc = await json(await h.req('GET', '/api/me', { as: 'minato-hc' }));
      assert.equal(hc.user.facilityKind, 'healthCenter');
      assert.equal((await h.req('GET', '/api/me', { as: 'nobody' })).status, 401);

      const doc = await json(await h.req('GET', '/api/openapi.json'));
      assert.equal(doc.openapi, '3.1.0');
      assert.ok(doc.paths['/api/reports'].post.requestBody);
      assert.ok(doc.paths['/api/patients'].get.parameters.some((p: { name: string }) => p.name === 'kana'));
      const report = doc.components.schemas.OccurrenceReport;
      assert.equal(report.additionalProperties, false, 'unknown fields are rejected in the contract too');
      assert.ok(report.properties.patient);
      // Every $ref resolves.
      for (const m of JSON.stringify(doc).matchAll(/"#\/components\/schemas\/(\w+)"/g)) {
        assert.ok(doc.components.schemas[m[1]!], m[0]);
      }
      const docs = await h.req('GET', '/api/docs');
      assert.equal(docs.status, 200);
      const html = await docs.text();
      assert.match(html, /\/api\/reports\/\{id\}\/delete/);
      assert.doesNotMatch(html, /<script/i);
    });

    test('every API answer, errors included: Cache-Control no-store, nosniff and a request id', async () => {
      const answers = [
        (await file()).res,
        await h.req('POST', '/api/reports', { body: { report: {} } }),
        await h.req('GET', '/api/reports/no-such-report'),
        await h.req('GET', '/api/no-such-route'),
      ];
      assert.deepEqual(
        answers.map((r) => r.status),
        [201, 400, 404, 404],
      );
      const ids = new Set<string>();
      for (const r of answers) {
        assert.equal(r.headers.get('cache-control'), 'no-store');
        assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
        assert.match(r.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
        ids.add(r.headers.get('x-request-id')!);
      }
      assert.equal(ids.size, answers.length);
    });

    test('facility searches', async () => {
      const hcs = await json(await h.req('GET', '/api/health-centers?q=みなと'));
      assert.deepEqual(
        hcs.items.map((i: { code: string }) => i.code),
        ['13103'],
      );
      assert.match(hcs.items[0].detail, /東京都/);
      const byCode = await json(await h.req('GET', '/api/health-centers?q=1310'));
      assert.equal(byCode.items.length, 2);
      const inst = await json(await h.req('GET', '/api/institutions?q=クリニック'));
      assert.equal(inst.items[0].code, '1312345678');
      assert.equal(inst.items[0].phone, '03-1234-1234');
      assert.equal(
        (await json(await h.req('GET', '/api/institutions?q=%25'))).items.length,
        2,
        '% is not a wildcard',
      );
      assert.equal((await h.req('GET', '/api/institutions?limit=0')).status, 400);
      assert.equal((await h.req('GET', '/api/institutions?bogus=1')).status, 400);
      assert.equal((await h.req('GET', '/api/institutions?q=a&q=b')).status, 400);
    });

    test('報告: 201 with the report, header, who was mailed and the SMS', async () => {
      const { res, body } = await file();
      assert.equal(res.status, 201, JSON.stringify(body));
      assert.match(body.report.herSysId, /^\d{8}$/);
      assert.equal(body.report.version, 1);
      assert.equal(body.report.status, 'active');
      assert.equal(res.headers.get('location'), `/api/reports/${body.report.id}`);
      assert.equal(res.headers.get('etag'), '"1"');
      assert.deepEqual(body.report.report, tc1Report());
      assert.equal(body.report.header.firstReported.by.facilityName, '東京中央クリニック');
      assert.equal(body.report.header.healthCenterConfirmed, null);
      assert.deepEqual(
        body.notified.map((n: { role: string; name: string }) => [n.role, n.name]),
        [
          ['notified', 'みなと保健所'],
          ['responsible', '千代田保健所'],
          ['prefecture', '東京都'],
        ],
      );
      assert.deepEqual(body.sms, { queued: true });
      const outbox = await h.handle.db
        .selectFrom('outbox')
        .selectAll()
        .where('report_id', '=', body.report.id)
        .execute();
      assert.equal(outbox.filter((o) => o.kind === 'mail').length, 3);
      assert.equal(outbox.filter((o) => o.kind === 'sms').length, 1);

      const got = await h.req('GET', `/api/reports/${body.report.id}`);
      assert.equal(got.status, 200);
      assert.deepEqual(await json(got), body.report);
    });

    test('a report without a mobile number, or with an unconfirmed one, gets no SMS', async () => {
      const r = tc1Report();
      r.patient!.phone = '03-3210-0000';
      r.patient!.phoneConfirmation = '03-3210-0000';
      assert.deepEqual((await file(r)).body.sms, { queued: false, reason: 'not_mobile' });
      const r2 = tc1Report();
      r2.patient!.phoneConfirmation = '090-1234-5679';
      const second = await file(r2);
      // A mismatching confirmation is an error of the rules, or (if the rules let it pass) no SMS.
      if (second.res.status === 201)
        assert.deepEqual(second.body.sms, { queued: false, reason: 'not_confirmed' });
      else assert.equal(second.res.status, 400);
      const r3 = tc1Report();
      delete r3.patient!.phoneConfirmation;
      const third = await file(r3);
      if (third.res.status === 201)
        assert.deepEqual(third.body.sms, { queued: false, reason: 'not_confirmed' });
      else assert.equal(third.res.status, 400);
    });

    test('400 with the schema issues; unknown fields; malformed JSON; wrong type; oversized body', async () => {
      const empty = await file({} as never);
      assert.equal(empty.res.status, 400);
      assert.equal(empty.body.error.code, 'validation_failed');
      assert.ok(
        empty.body.issues.some(
          (i: { path: string; severity: string }) =>
            i.path === 'patient.familyName' && i.severity === 'error',
        ),
      );

      const unknownInReport = tc1Report() as { patient: Record<string, unknown> };
      unknownInReport.patient.nickname = 'x';
      const u1 = await file(unknownInReport as never);
      assert.equal(u1.res.status, 400);
      assert.ok(
        u1.body.issues.some(
          (i: { path: string; code: string }) =>
            i.path.startsWith('patient') && /unknown|unrecognized/i.test(i.code),
        ),
        JSON.stringify(u1.body.issues),
      );

      const u2 = await h.req('POST', '/api/reports', { body: { report: tc1Report(), sneaky: true } });
      assert.equal(u2.status, 400);
      assert.deepEqual((await json(u2)).issues, [
        { path: 'sneaky', code: 'unknownField', severity: 'error' },
      ]);

      const bad = await h.req('POST', '/api/reports', { raw: '{"report": {' });
      assert.equal(bad.status, 400);
      assert.equal((await json(bad)).error.code, 'invalid_json');

      const notJson = await h.req('POST', '/api/reports', {
        raw: 'x',
        headers: { 'content-type': 'text/plain' },
      });
      assert.equal(notJson.status, 415);

      const wrongType = await h.req('POST', '/api/reports', { body: [1, 2] });
      assert.equal(wrongType.status, 400);

      const huge = await h.req('POST', '/api/reports', {
        body: { report: { ...tc1Report(), clinical: { supplementary: 'あ'.repeat(300_000) } } },
      });
      assert.equal(huge.status, 413);
      assert.equal((await json(huge)).error.code, 'payload_too_large');

      const count = await h.handle.db
        .selectFrom('reports')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.ok(Number(count.n) >= 1);
    });

    test("another clinic's report is 404; health centers and the prefecture see it", async () => {
      const { body } = await file();
      const id = body.report.id;
      const other = await h.req('GET', `/api/reports/${id}`, { as: 'hospital' });
      assert.equal(other.status, 404);
      assert.equal((await json(other)).error.code, 'not_found');
      assert.equal(
        (
          await h.req('PUT', `/api/reports/${id}`, {
            as: 'hospital',
            body: { report: tc1Report(), version: 1 },
          })
        ).status,
        404,
      );
      assert.equal(
        (
          await h.req('POST', `/api/reports/${id}/delete`, {
            as: 'hospital',
            body: { reportDate: '2022-09-27' },
          })
        ).status,
        404,
      );
      assert.equal((await h.req('GET', `/api/reports/${id}/pdf`, { as: 'hospital' })).status, 404);
      assert.equal(
        (await h.req('GET', `/api/patients/${body.report.herSysId}`, { as: 'hospital' })).status,
        404,
      );
      for (const who of ['minato-hc', 'chiyoda-hc', 'tokyo-pref']) {
        assert.equal((await h.req('GET', `/api/reports/${id}`, { as: who })).status, 200, who);
      }
      assert.equal((await h.req('GET', '/api/reports/does-not-exist')).status, 404);
    });

    test('編集 with optimistic concurrency: If-Match or version; stale → 409 with the current version', async () => {
      const { body } = await file();
      const id = body.report.id;
      const edited = tc1Report();
      edited.clinical!.severity = 'moderate1';
      const ok = await h.req('PUT', `/api/reports/${id}`, {
        body: { report: edited },
        headers: { 'if-match': '"1"' },
      });
      assert.equal(ok.status, 200);
      const env = await json(ok);
      assert.equal(env.version, 2);
      assert.equal(env.report.clinical.severity, 'moderate1');
      assert.equal(ok.headers.get('etag'), '"2"');

      const stale = await h.req('PUT', `/api/reports/${id}`, { body: { report: tc1Report(), version: 1 } });
      assert.equal(stale.status, 409);
      const conflict = await json(stale);
      assert.equal(conflict.error.code, 'version_conflict');
      assert.equal(conflict.current.version, 2);
      assert.equal(conflict.current.report.clinical.severity, 'moderate1', 'nothing was overwritten');

      assert.equal((await h.req('PUT', `/api/reports/${id}`, { body: { report: tc1Report() } })).status, 428);
      assert.equal(
        (
          await h.req('PUT', `/api/reports/${id}`, {
            body: { report: tc1Report() },
            headers: { 'if-match': 'abc' },
          })
        ).status,
        400,
      );
      assert.equal(
        (
          await h.req('PUT', `/api/reports/${id}`, {
            body: { report: tc1Report(), version: 3 },
            headers: { 'if-match': '2' },
          })
        ).status,
        400,
      );
      const invalid = await h.req('PUT', `/api/reports/${id}`, {
        body: { report: { ...tc1Report(), reportDate: 'yesterday' }, version: 2 },
      });
      assert.equal(invalid.status, 400);
      assert.ok((await json(invalid)).issues.some((i: { path: string }) => i.path === 'reportDate'));

      const hist = await json(await h.req('GET', `/api/reports/${id}/history`));
      assert.deepEqual(
        hist.items.map((i: { action: string }) => i.action).filter((a: string) => a !== 'report.read'),
        ['report.create', 'report.update'],
      );
    });

    test('Idempotency-Key: a retry returns the first result, never a second report (also concurrent)', async () => {
      const key = `key-${Math.random().toString(36).slice(2)}`;
      const first = await file(tc1Report(), { key });
      const again = await file(tc1Report(), { key });
      assert.equal(first.res.status, 201);
      assert.equal(again.res.status, 201);
      assert.equal(again.res.headers.get('idempotent-replayed'), 'true');
      assert.deepEqual(again.body, first.body);
      const rows = await h.handle.db
        .selectFrom('reports')
        .select('id')
        .where('patient_id', '=', first.body.report.herSysId)
        .execute();
      assert.equal(rows.length, 1);

      const reused = await file(minimalReport(), { key });
      assert.equal(reused.res.status, 422);
      assert.equal(reused.body.error.code, 'idempotency_key_reused');

      const key2 = `conc-${Math.random().toString(36).slice(2)}`;
      const results = await Promise.all(Array.from({ length: 8 }, () => file(tc1Report(), { key: key2 })));
      const ids = new Set(results.map((r) => r.body.report?.id));
      assert.deepEqual(
        results.map((r) => r.res.status),
        Array(8).fill(201),
      );
      assert.equal(ids.size, 1);
      const herSysIds = new Set(results.map((r) => r.body.report.herSysId));
      assert.equal(herSysIds.size, 1, 'one patient too');
      const mails = await h.handle.db
        .selectFrom('outbox')
        .select('id')
        .where('report_id', '=', [...ids][0]!)
        .execute();
      assert.equal(mails.length, 4, 'notifications queued once');

      assert.equal((await file(tc1Report(), { key: 'short' })).res.status, 400);
      // The same key from another facility is another request.
      const otherFacility = await file(tc1Report(), { key, as: 'hospital' });
      assert.equal(otherFacility.res.status, 201);
      assert.notEqual(otherFacility.body.report.id, first.body.report.id);
    });

    test('コピーして追加登録 and 追加登録', async () => {
      const { body } = await file();
      const copy = await json(await h.req('GET', `/api/reports/${body.report.id}/copy`));
      assert.equal(copy.herSysId, body.report.herSysId);
      assert.equal(copy.sourceReportId, body.report.id);
      assert.equal(copy.draft.reportDate, undefined);
      assert.equal(copy.draft.diagnosis, undefined);
      assert.equal(copy.draft.patient.familyName, '山田');

      const draft = await json(await h.req('GET', `/api/patients/${body.report.herSysId}/report-prefill`));
      assert.equal(draft.draft.patient.familyNameKana, 'ヤマダ');
      assert.equal((await h.req('GET', '/api/patients/00000000/report-prefill')).status, 404);

      const second = await file(tc1Report(), { extra: { herSysId: body.report.herSysId } });
      assert.equal(second.res.status, 201);
      assert.equal(second.body.report.herSysId, body.report.herSysId);
      const patient = await json(await h.req('GET', `/api/patients/${body.report.herSysId}`));
      assert.equal(patient.patient.reports.length, 2);

      const unknownPatient = await file(tc1Report(), { extra: { herSysId: '00000001' } });
      assert.equal(unknownPatient.res.status, 404);
      const hospitalsPatient = await file(tc1Report(), {
        as: 'hospital',
        extra: { herSysId: body.report.herSysId },
      });
      assert.equal(hospitalsPatient.res.status, 404);
    });

    test('削除 needs the matching report date; soft delete; restore by a health center; 保健所確認済', async () => {
      const { body } = await file();
      const id = body.report.id;
      const wrong = await h.req('POST', `/api/reports/${id}/delete`, { body: { reportDate: '2022-09-26' } });
      assert.equal(wrong.status, 422);
      assert.equal((await json(wrong)).error.code, 'confirmation_mismatch');
      assert.equal((await json(await h.req('GET', `/api/reports/${id}`))).status, 'active');
      assert.equal((await h.req('POST', `/api/reports/${id}/delete`, { body: {} })).status, 400);

      const del = await h.req('POST', `/api/reports/${id}/delete`, {
        body: { reportDate: '2022-09-27', reason: '重複入力' },
      });
      assert.equal(del.status, 200);
      const deleted = await json(del);
      assert.equal(deleted.status, 'deleted');
      assert.equal(deleted.deleted.reason, '重複入力');
      assert.equal(deleted.deleted.by.facilityName, '東京中央クリニック');
      assert.ok(
        await h.handle.db.selectFrom('reports').select('id').where('id', '=', id).executeTakeFirst(),
        'row kept',
      );
      assert.equal(
        (
          await h.req('PUT', `/api/reports/${id}`, {
            body: { report: tc1Report(), version: deleted.version },
          })
        ).status,
        409,
      );
      assert.equal(
        (await h.req('POST', `/api/reports/${id}/delete`, { body: { reportDate: '2022-09-27' } })).status,
        409,
      );
      const list = await json(await h.req('GET', `/api/patients?herSysId=${body.report.herSysId}`));
      assert.equal(list.items[0].latestReportId, null, 'the list no longer points at a deleted report');

      assert.equal(
        (await h.req('POST', `/api/reports/${id}/restore`)).status,
        403,
        'a clinic cannot restore',
      );
      const restored = await h.req('POST', `/api/reports/${id}/restore`, { as: 'chiyoda-hc', body: {} });
      assert.equal(restored.status, 200);
      assert.equal((await json(restored)).status, 'active');
      assert.equal((await h.req('POST', `/api/reports/${id}/restore`, { as: 'chiyoda-hc' })).status, 409);
      assert.equal(
        (await h.req('POST', `/api/reports/${id}/restore`, { as: 'chiyoda-hc', body: { x: 1 } })).status,
        400,
      );

      assert.equal((await h.req('POST', `/api/reports/${id}/confirm`)).status, 403);
      assert.equal((await h.req('POST', `/api/reports/${id}/confirm`, { as: 'tokyo-pref' })).status, 403);
      h.clock.advance(3600_000);
      const conf = await h.req('POST', `/api/reports/${id}/confirm`, { as: 'minato-hc' });
      assert.equal(conf.status, 200);
      const confirmed = await json(conf);
      assert.equal(confirmed.header.healthCenterConfirmed.by.facilityName, 'みなと保健所');
      assert.equal(confirmed.header.healthCenterConfirmed.at, h.clock.now().toISOString());
      const clinicView = await json(await h.req('GET', `/api/reports/${id}`));
      assert.ok(clinicView.header.healthCenterConfirmed, 'the clinic sees 保健所確認済');

      const hist = await json(await h.req('GET', `/api/reports/${id}/history`, { as: 'minato-hc' }));
      assert.deepEqual(
        hist.items.map((i: { action: string }) => i.action).filter((a: string) => a !== 'report.read'),
        ['report.create', 'report.delete', 'report.restore', 'report.confirm'],
      );
    });

    test('PDF（印刷用） with and without the HER-SYS ID', async () => {
      const { body } = await file();
      const res = await h.req('GET', `/api/reports/${body.report.id}/pdf?printHerSysId=1`);
      assert.equal(res.status, 200, await res.clone().text());
      assert.equal(res.headers.get('content-type'), 'application/pdf');
      const bytes = new Uint8Array(await res.arrayBuffer());
      assert.equal(new TextDecoder().decode(bytes.slice(0, 5)), '%PDF-');
      const plain = new Uint8Array(
        await (await h.req('GET', `/api/reports/${body.report.id}/pdf`)).arrayBuffer(),
      );
      assert.notDeepEqual(plain, bytes);
      assert.equal((await h.req('GET', `/api/reports/${body.report.id}/pdf?printHerSysId=yes`)).status, 400);
    });

    test('patients: register (HER-SYS ID issued), read, update with versions', async () => {
      const res = await h.req('POST', '/api/patients', {
        body: {
          patient: {
            familyName: '厚労省',
            givenName: '太郎',
            familyNameKana: 'コウロウショウ',
            givenNameKana: 'タロウ',
            dateOfBirth: '1999-01-01',
            localId: 'A001',
          },
        },
      });
      assert.equal(res.status, 201);
      const p = (await json(res)).patient;
      assert.match(p.herSysId, /^\d{8}$/);
      assert.equal(p.version, 1);
      assert.deepEqual(p.reports, []);
      assert.equal(
        (await h.req('POST', '/api/patients', { body: { patient: { givenName: '太郎' } } })).status,
        400,
      );
      assert.equal(
        (await h.req('POST', '/api/patients', { body: { patient: { familyName: 'x', status: 'bogus' } } }))
          .status,
        400,
      );

      const upd = await h.req('PATCH', `/api/patients/${p.herSysId}`, {
        body: { patient: { status: 'homeCare', localId: null }, version: 1 },
      });
      assert.equal(upd.status, 200);
      const up = (await json(upd)).patient;
      assert.equal(up.version, 2);
      assert.equal(up.status, 'homeCare');
      assert.equal(up.localId, undefined);
      const stale = await h.req('PATCH', `/api/patients/${p.herSysId}`, {
        body: { patient: { status: 'released' } },
        headers: { 'if-match': '"1"' },
      });
      assert.equal(stale.status, 409);
      assert.equal((await json(stale)).current.patient.version, 2);
      assert.equal(
        (
          await h.req('PATCH', `/api/patients/${p.herSysId}`, {
            body: { patient: { familyName: null }, version: 2 },
          })
        ).status,
        400,
      );
      assert.equal(
        (await h.req('PATCH', `/api/patients/${p.herSysId}`, { body: { patient: {} } })).status,
        428,
      );
      assert.equal((await h.req('GET', `/api/patients/${p.herSysId}`, { as: 'hospital' })).status, 404);
      assert.equal((await h.req('GET', '/api/patients/12')).status, 404);
    });

    test('登録情報一覧: every filter, sort by period start descending, paging, scope', async () => {
      const h2 = await harness(backend);
      try {
        const mk = async (family: string, kana: string, over: Record<string, unknown>, report?: boolean) => {
          if (report) {
            const r = tc1Report();
            r.patient!.familyName = family;
            r.patient!.familyNameKana = kana;
            Object.assign(r.patient!, over.patient ?? {});
            if (over.reportDate) r.reportDate = over.reportDate as string;
            if (over.diagnosisDate) r.diagnosis!.diagnosisDate = over.diagnosisDate as string;
            const res = await h2.req('POST', '/api/reports', {
              body: { report: r, idManagement: over.idm ?? {} },
            });
            assert.equal(res.status, 201, await res.clone().text());
            return (await json(res)).report.herSysId as string;
          }
          const res = await h2.req('POST', '/api/patients', {
            body: { patient: { familyName: family, familyNameKana: kana, ...over } },
          });
          assert.equal(res.status, 201, await res.clone().text());
          return (await json(res)).patient.herSysId as string;
        };
        const a = await mk(
          '山田',
          'ヤマダ',
          {
            idm: {
              passportNumber: 'tk1234567',
              localId: 'L-1',
              treatmentDate: '2022-09-20',
              residence: 'hotel',
              status: 'hotelCare',
            },
          },
          true,
        );
        const b = await mk('山本', 'ヤマモト', {
          periodStart: '2022-09-01',
          dateOfBirth: '1980-02-03',
          phone: '080-1111-2222',
          severity: 'severe',
          infectionCategory: 'closeContact',
          treatmentDate: '2022-08-01',
        });
        const c = await mk('佐藤', 'サトウ', { periodStart: '2022-09-10', residence: 'home' });
        const q = async (qs: string, as?: string) => {
          const res = await h2.req('GET', `/api/patients?${qs}`, { as });
          assert.equal(res.status, 200, await res.clone().text());
          return (await json(res)) as {
            items: { herSysId: string }[];
            total: number;
            totalIsLowerBound: boolean;
            page: number;
            pageSize: number;
          };
        };
        const ids = async (qs: string, as?: string) => (await q(qs, as)).items.map((i) => i.herSysId);

        // Sort: a's period starts 2022-09-25 (onset), c 09-10, b 09-01.
        assert.deepEqual(await ids(''), [a, c, b]);
        const all = await q('');
        assert.equal(all.total, 3);
        assert.equal(all.pageSize, 10);
        assert.deepEqual(await ids('pageSize=2'), [a, c]);
        assert.deepEqual(await ids('pageSize=2&page=2'), [b]);
        assert.deepEqual(await ids(encodeURI('kana=やま')), [a, b], 'hiragana prefix matches katakana');
        assert.deepEqual(await ids(encodeURI('kana=ﾔﾏﾓ')), [b], 'half-width kana');
        assert.deepEqual(await ids(encodeURI('name=山')), [a, b]);
        assert.deepEqual(await ids(encodeURI('name=山田 花')), [a]);
        assert.deepEqual(await ids('dateOfBirth=1980-02-03'), [b]);
        assert.deepEqual(await ids('phone=08011112222'), [b]);
        assert.deepEqual(await ids(encodeURI('phone=080-1111-2222')), [b]);
        assert.deepEqual(await ids('passportNumber=TK1234567'), [a]);
        assert.deepEqual(await ids('localId=L-1'), [a]);
        assert.deepEqual(await ids(`herSysId=${c}`), [c]);
        assert.deepEqual(await ids('reportDateFrom=2022-09-27&reportDateTo=2022-09-27'), [a]);
        assert.deepEqual(await ids('reportDateFrom=2022-09-28'), []);
        assert.deepEqual(await ids('diagnosisDateFrom=2022-09-01&diagnosisDateTo=2022-09-30'), [a]);
        assert.deepEqual(await ids('infectionCategory=closeContact'), [b]);
        assert.deepEqual(await ids('infectionCategory=infected'), [a]);
        assert.deepEqual(await ids('status=hotelCare'), [a]);
        assert.deepEqual(await ids('severity=severe'), [b]);
        assert.deepEqual(await ids('severity=mild'), [a]);
        assert.deepEqual(await ids('treatmentDateFrom=2022-09-01'), [a]);
        assert.deepEqual(await ids('treatmentDateTo=2022-08-31'), [b]);
        assert.deepEqual(await ids('residence=home'), [c]);
        assert.deepEqual(await ids('healthCenter=13101'), [a]);
        assert.deepEqual(await ids(encodeURI('kana=ヤマ&severity=severe')), [b]);
        const row = (await q(`herSysId=${a}`)).items[0] as Record<string, unknown>;
        assert.equal(row.name, '山田 花子');
        assert.equal(row.kana, 'ヤマダ ハナコ');
        assert.equal(row.diagnosisDate, '2022-09-27');
        assert.deepEqual(row.responsibleHealthCenter, { code: '13101', name: '千代田保健所' });

        // Scope: the hospital sees none; 千代田保健所 sees a (responsible); みなと sees a (notified).
        assert.deepEqual(await ids('', 'hospital'), []);
        assert.deepEqual(await ids('', 'chiyoda-hc'), [a]);
        assert.deepEqual(await ids('', 'minato-hc'), [a]);
        assert.deepEqual(await ids('', 'tokyo-pref'), [a]);

        for (const bad of [
          'page=0',
          'pageSize=101',
          'dateOfBirth=1980-2-3',
          'status=nope',
          'herSysId=123',
          'unknown=1',
          'kana=',
        ]) {
          const res = await h2.req('GET', `/api/patients?${bad}`);
          assert.equal(res.status, 400, bad);
          assert.equal((await json(res)).error.code, 'validation_failed');
        }
      } finally {
        await h2.close();
      }
    });

    test('the SMS link is single-use', async () => {
      /** The invitation token in the SMS queued for a report. */
      const inviteToken = async (reportId: string) => {
        const [sms] = await reportMessages(h.handle.db, reportId, 'sms');
        return /\/my\/invite\/([A-Za-z0-9_-]+)/.exec(sms!.text)![1]!;
      };
      const { body } = await file();
      const token = await inviteToken(body.report.id);
      const stored = await h.handle.db
        .selectFrom('observation_invites')
        .selectAll()
        .where('report_id', '=', body.report.id)
        .executeTakeFirstOrThrow();
      assert.ok(!stored.token_hash.includes(token), 'stored hashed');
      assert.ok(stored.token_hash.startsWith(`${stored.id}:`), 'keyed by the invitation first');
      assert.equal((await h.req('GET', `/my/invite/${token}`)).status, 200);
      assert.equal((await h.req('GET', `/my/invite/${token}`)).status, 200, 'viewing does not use it up');
      assert.equal((await h.app.request(`/my/invite/${token}`, { method: 'POST' })).status, 200);
      assert.equal((await h.app.request(`/my/invite/${token}`, { method: 'POST' })).status, 410);
      assert.equal((await h.req('GET', '/my/invite/not-a-real-token-aaaaaaaaaaaaa')).status, 404);
      // A link sent by an earlier version (a 43-character token, keyed by its hash alone) still opens.
      const legacy = randomBytes(32).toString('base64url');
      await h.handle.db
        .insertInto('observation_invites')
        .values({ ...stored, id: newRowId(), token_hash: sha256(legacy), used_at: null })
        .execute();
      assert.equal((await h.req('GET', `/my/invite/${legacy}`)).status, 200);
      assert.equal((await h.app.request(`/my/invite/${legacy}`, { method: 'POST' })).status, 200);
      // Expiry.
      const { body: b2 } = await file();
      const token2 = await inviteToken(b2.report.id);
      h.clock.advance(8 * 86_400_000);
      assert.equal((await h.req('GET', `/my/invite/${token2}`)).status, 410);
      h.clock.advance(-8 * 86_400_000);
    });

    test('/dev/outbox lists mails and SMS in development', async () => {
      await file();
      const res = await h.req('GET', '/dev/outbox');
      assert.equal(res.status, 200);
      const html = await res.text();
      assert.match(html, /みなと保健所/);
      assert.match(html, /SMS/);
    });

    test('unknown routes and methods answer JSON 404', async () => {
      const res = await h.req('GET', '/api/nothing');
      assert.equal(res.status, 404);
      assert.equal((await json(res)).error.code, 'not_found');
      assert.equal((await h.req('DELETE', '/api/reports/x')).status, 404);
    });
  });
}

describe('production and auth', () => {
  test('the development user cannot be enabled in production', async () => {
    const h = await harness('sqlite');
    try {
      assert.throws(
        () =>
          createApp({
            db: h.handle,
            clock: h.clock,
            config: defaultConfig({ production: true, devUser: true }),
          }),
        /cannot be enabled in production/,
      );
      const prod = createApp({ db: h.handle, clock: h.clock, config: defaultConfig({ production: true }) });
      const me = await prod.request('/api/me', { headers: { 'x-dev-user': 'clinic' } });
      assert.equal(me.status, 401, 'X-Dev-User means nothing in production');
      const rep = await prod.request('/api/reports', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-dev-user': 'clinic' },
        body: JSON.stringify({ report: tc1Report() }),
      });
      assert.equal(rep.status, 401);
      assert.equal((await prod.request('/dev/outbox')).status, 404);
      assert.equal((await prod.request('/api/openapi.json')).status, 200);
    } finally {
      await h.close();
    }
  });
});
