/**
 * The patient record API (issue 7) through app.request(): the record and its sections, optimistic
 * concurrency per section, validation, facility scoping, roles, the audit trail, 自動反映 both ways, the
 * duplicate check and the menu's lists. SQLite always; PostgreSQL too when TEST_DATABASE_URL is set.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { tc1Report } from '../../tests/fixtures/reports.js';
import { refreshMatchKeys } from '../src/records/match-keys.js';
import { patientColumns } from '../src/services/patients.js';
import type { RDb } from '../src/records/types.js';
import { BACKENDS, harness, json, type Harness } from './helpers.js';

const HANAKO = {
  familyName: '山田',
  givenName: '花子',
  familyNameKana: 'ヤマダ',
  givenNameKana: 'ハナコ',
  dateOfBirth: '1950-04-12',
  sex: 'female',
  phone: '090-1234-5678',
  prefectureCode: '13',
  city: '港区',
  street: '海岸1-1-1',
  responsibleHealthCenterCode: '13103',
};

for (const backend of BACKENDS) {
  describe(`patient records on ${backend}`, () => {
    let h: Harness;
    before(async () => {
      h = await harness(backend);
    });
    after(async () => {
      await h.close();
    });

    async function register(patient: Record<string, unknown>, as?: string): Promise<string> {
      const res = await h.req('POST', '/api/patients', { body: { patient }, as });
      assert.equal(res.status, 201, JSON.stringify(await res.clone().json()));
      return (await json(res)).patient.herSysId as string;
    }
    async function record(id: string, as?: string) {
      const res = await h.req('GET', `/api/patients/${id}/record`, { as });
      assert.equal(res.status, 200);
      return json(res);
    }
    function put(id: string, section: string, data: unknown, version?: number, as?: string) {
      return h.req('PUT', `/api/patients/${id}/record/${section}`, {
        body: version === undefined ? { data } : { data, version },
        as,
      });
    }

    test('GET record: header, every section with its version, the reports', async () => {
      const id = await register(HANAKO);
      const res = await h.req('GET', `/api/patients/${id}/record`);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('etag'), '"1"');
      const body = await json(res);
      assert.equal(body.record.herSysId, id);
      assert.equal(body.record.version, 1);
      assert.equal(body.record.person.familyName, '山田');
      assert.deepEqual(body.record.person.responsibleHealthCenter, { code: '13103', name: 'みなと保健所' });
      assert.deepEqual(body.header, {
        herSysId: id,
        name: '山田 花子',
        kana: 'ヤマダ ハナコ',
        sex: 'female',
        sexPrivate: false,
        dateOfBirth: '1950-04-12',
        age: 72,
        ageMonths: null,
        address: '東京都港区海岸1-1-1',
        status: null,
        infectionClass: null,
        myHerSys: false,
      });
      for (const s of [
        'identity',
        'basicInfo',
        'tests',
        'residences',
        'activities',
        'healthObservation',
        'medical',
        'measures',
        'notes',
      ]) {
        assert.equal(typeof body.sections[s].version, 'number', s);
      }
      assert.deepEqual(body.reports, []);
      // Reading again is not a change.
      assert.equal((await record(id)).record.version, 1);
    });

    test('PUT a section: saved, versioned, audited field by field; a no-op is no revision', async () => {
      const id = await register(HANAKO);
      const res = await put(
        id,
        'basicInfo',
        { occupation: '保育士', underlyingConditions: 'yes', conditions: ['diabetes'] },
        1,
      );
      assert.equal(res.status, 200, JSON.stringify(await res.clone().json()));
      assert.equal(res.headers.get('etag'), '"2"');
      const body = await json(res);
      assert.equal(body.version, 2);
      assert.equal(body.sectionVersion, 2);
      assert.equal(body.changed, true);
      assert.equal(body.record.basicInfo.occupation, '保育士');
      assert.equal(body.sections.basicInfo.version, 2);
      assert.match(body.sections.basicInfo.updatedBy, /東京中央クリニック/);

      const rows = await h.handle.db
        .selectFrom('audit_log')
        .selectAll()
        .where('entity_id', '=', id)
        .where('action', '=', 'record.basicInfo.update')
        .execute();
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.version, 2);
      assert.equal(rows[0]!.user_id, 'u-clinic');
      assert.deepEqual(JSON.parse(rows[0]!.old_data!), {
        occupation: null,
        underlyingConditions: null,
        conditions: null,
      });
      assert.deepEqual(JSON.parse(rows[0]!.new_data!), {
        occupation: '保育士',
        underlyingConditions: 'yes',
        conditions: ['diabetes'],
      });

      // The same data again: 200, no new revision, no audit row.
      const again = await json(
        await put(
          id,
          'basicInfo',
          { occupation: '保育士', underlyingConditions: 'yes', conditions: ['diabetes'] },
          2,
        ),
      );
      assert.equal(again.changed, false);
      assert.equal(again.version, 2);

      // 記録: the audit trail shows the change with old and new values.
      const audit = await json(await h.req('GET', `/api/patients/${id}/audit`));
      const entry = audit.items.find((i: { target?: string }) => i.target === 'basicInfo');
      assert.ok(entry);
      assert.equal(entry.action, 'update');
      assert.equal(entry.version, 2);
      assert.deepEqual(
        entry.changes.find((c: { path: string }) => c.path === 'occupation'),
        { path: 'occupation', old: null, new: '保育士' },
      );
      assert.ok(audit.items.some((i: { action: string }) => i.action === 'create'));
      assert.ok((await record(id)).record.audit.some((a: { target?: string }) => a.target === 'basicInfo'));
      // Reads (the server logs who looked) stay out of the trail unless asked for with reads=1.
      assert.equal((await h.req('GET', `/api/patients/${id}/record`, { as: 'minato-hc' })).status, 200);
      const plain = await json(await h.req('GET', `/api/patients/${id}/audit`));
      assert.ok(!plain.items.some((i: { action: string }) => i.action === 'read'));
      const withReads = await json(await h.req('GET', `/api/patients/${id}/audit?reads=1`));
      assert.ok(
        withReads.items.some(
          (i: { action: string; actor: string }) => i.action === 'read' && i.actor.includes('佐々木'),
        ),
      );
      assert.equal((await h.req('GET', `/api/patients/${id}/audit?reads=yes`)).status, 400);
    });

    test('optimistic concurrency per section: other tabs do not conflict, the same tab does (409 with current)', async () => {
      const id = await register(HANAKO);
      const tests = [
        { id: 't1', method: 'pcr', specimen: 'saliva', collectionDate: '2022-09-26', result: 'positive' },
      ];
      // Two editors loaded version 1. A saves 検査, B saves 居所 from version 1: no conflict.
      assert.equal((await put(id, 'tests', tests, 1)).status, 200);
      const b = await put(id, 'residences', [{ id: 'r1', type: 'home', startDate: '2022-09-26' }], 1);
      assert.equal(b.status, 200);
      assert.equal((await json(b)).version, 3);
      // B now saves 検査 from version 1: stale, nothing overwritten, the current record is returned.
      const stale = await put(id, 'tests', [{ id: 't2', method: 'lamp', collectionDate: '2022-09-25' }], 1);
      assert.equal(stale.status, 409);
      const body = await json(stale);
      assert.equal(body.error.code, 'version_conflict');
      assert.equal(body.section, 'tests');
      assert.equal(body.current.herSysId, id);
      assert.equal(body.current.version, 3);
      assert.deepEqual(body.current.tests, tests);
      assert.deepEqual((await record(id)).record.tests, tests);
      // A retry of A's save (same data, old version) is answered 200 without a new revision.
      const retry = await put(id, 'tests', tests, 1);
      assert.equal(retry.status, 200);
      assert.equal((await json(retry)).changed, false);
      // If-Match works the same way; a version from the future is stale too.
      const other = [{ ...tests[0]!, result: 'negative' }];
      const viaHeader = await h.req('PUT', `/api/patients/${id}/record/tests`, {
        body: { data: other },
        headers: { 'if-match': '"1"' },
      });
      assert.equal(viaHeader.status, 409);
      assert.equal((await put(id, 'tests', other, 99)).status, 409);
      const ok = await h.req('PUT', `/api/patients/${id}/record/activities`, {
        body: { data: [{ id: 'a1', kind: 'gathering', startDate: '2022-09-20', place: '居酒屋' }] },
        headers: { 'if-match': 'W/"3"' },
      });
      assert.equal(ok.status, 200);
      assert.equal(ok.headers.get('etag'), '"4"');
    });

    test('concurrent saves: of one section exactly one wins; of different sections both do, in order', async () => {
      const id = await register(HANAKO);
      const same = await Promise.all(
        ['A', 'B', 'C'].map((t, i) => put(id, 'notes', [{ id: `n${i}`, text: t }], 1)),
      );
      assert.deepEqual(same.map((r) => r.status).sort(), [200, 409, 409]);
      const v = (await record(id)).record.version;
      assert.equal(v, 2);
      const diff = await Promise.all([
        put(id, 'basicInfo', { occupation: '医師' }, v),
        put(id, 'activities', [{ id: 'a1', kind: 'activity', startDate: '2022-09-20' }], v),
        put(id, 'tests', [{ id: 't1', method: 'pcr', collectionDate: '2022-09-20' }], v),
      ]);
      assert.deepEqual(
        diff.map((r) => r.status),
        [200, 200, 200],
      );
      const versions = (await Promise.all(diff.map((r) => json(r)))).map((b) => b.sectionVersion).sort();
      assert.deepEqual(versions, [3, 4, 5]);
      const r = await record(id);
      assert.equal(r.record.version, 5);
      assert.equal(r.record.basicInfo.occupation, '医師');
      assert.equal(r.record.tests.length, 1);
      assert.equal(r.record.activities.length, 1);
    });

    test('refusals: 400 with issues, 428 without a version, 404 for an unknown section or patient, 415', async () => {
      const id = await register(HANAKO);
      const shape = await json(await put(id, 'tests', [{ id: 't1', method: 'xray' }], 1));
      assert.equal(shape.error.code, 'validation_failed');
      assert.ok(shape.issues.some((i: { path: string }) => i.path === 'data.0.method'));
      const rules = await put(id, 'tests', [{ id: 't1', method: 'pcr', collectionDate: '2022-10-30' }], 1);
      assert.equal(rules.status, 400);
      const rb = await json(rules);
      assert.deepEqual(
        rb.issues.map((i: { path: string; code: string }) => `${i.path} ${i.code}`),
        ['data.0.collectionDate date.future'],
      );
      const overlap = await put(
        id,
        'residences',
        [
          { id: 'r1', type: 'home', startDate: '2022-09-01', endDate: '2022-09-20' },
          { id: 'r2', type: 'hotel', startDate: '2022-09-10' },
        ],
        1,
      );
      assert.equal(overlap.status, 400);
      assert.ok((await json(overlap)).issues.some((i: { code: string }) => i.code === 'period.overlap'));
      const twice = await put(
        id,
        'tests',
        [
          { id: 't1', method: 'pcr', collectionDate: '2022-09-20' },
          { id: 't1', method: 'lamp', collectionDate: '2022-09-21' },
        ],
        1,
      );
      assert.equal(twice.status, 400);
      assert.deepEqual((await json(twice)).issues[0], {
        path: 'data.1.id',
        code: 'duplicateId',
        severity: 'error',
        params: { id: 't1' },
      });
      const obsTwice = await put(
        id,
        'healthObservation',
        {
          entries: [
            { id: 'e', date: '2022-09-20' },
            { id: 'e', date: '2022-09-21' },
          ],
        },
        1,
      );
      assert.equal((await json(obsTwice)).issues[0].path, 'data.entries.1.id');
      const nameless = await json(await put(id, 'identity', { city: '港区' }, 1));
      assert.equal(nameless.issues[0].code, 'person.nameRequired');
      assert.equal((await put(id, 'notes', [{ id: 'n1', text: 'x', extra: 1 }], 1)).status, 400);
      assert.equal(
        (await h.req('PUT', `/api/patients/${id}/record/notes`, { body: { data: [] } })).status,
        428,
      );
      assert.equal(
        (await h.req('PUT', `/api/patients/${id}/record/notes`, { body: { version: 1 } })).status,
        400,
      );
      assert.equal(
        (
          await h.req('PUT', `/api/patients/${id}/record/notes`, {
            body: { data: [] },
            headers: { 'if-match': 'abc' },
          })
        ).status,
        400,
      );
      assert.equal(
        (
          await h.req('PUT', `/api/patients/${id}/record/notes`, {
            body: { data: [], version: 2 },
            headers: { 'if-match': '1' },
          })
        ).status,
        400,
      );
      assert.equal((await put(id, 'secrets', {}, 1)).status, 404);
      assert.equal((await put('00000000', 'notes', [], 1)).status, 404);
      assert.equal((await put('../etc', 'notes', [], 1)).status, 404);
      assert.equal((await h.req('GET', '/api/patients/12/record')).status, 404);
      assert.equal(
        (await h.req('PUT', `/api/patients/${id}/record/notes`, { raw: '{', headers: {} })).status,
        400,
      );
      const plain = await h.app.request(`/api/patients/${id}/record/notes`, { method: 'PUT', body: 'x' });
      assert.equal(plain.status, 415);
      // Nothing of the refused saves was stored.
      const r = await record(id);
      assert.equal(r.record.version, 1);
      assert.deepEqual(r.record.tests, []);
    });

    test('scoping: another clinic gets 404 everywhere; the prefecture reads but may not edit (403)', async () => {
      const id = await register(HANAKO);
      for (const [m, p] of [
        ['GET', `/api/patients/${id}/record`],
        ['GET', `/api/patients/${id}/audit`],
        ['GET', `/api/patients/${id}/report-prefill`],
      ] as const) {
        const res = await h.req(m, p, { as: 'hospital' });
        assert.equal(res.status, 404, p);
        assert.equal((await json(res)).error.code, 'not_found');
      }
      assert.equal((await put(id, 'notes', [{ id: 'n1', text: 'x' }], 1, 'hospital')).status, 404);
      // The health center responsible for the person and the prefecture see it.
      assert.equal((await h.req('GET', `/api/patients/${id}/record`, { as: 'minato-hc' })).status, 200);
      assert.equal((await h.req('GET', `/api/patients/${id}/record`, { as: 'tokyo-pref' })).status, 200);
      assert.equal((await h.req('GET', `/api/patients/${id}/record`, { as: 'chiyoda-hc' })).status, 404);
      const pref = await put(id, 'notes', [{ id: 'n1', text: 'x' }], 1, 'tokyo-pref');
      assert.equal(pref.status, 403);
      assert.equal((await json(pref)).error.code, 'forbidden');
      // The health center may write a note: the server stamps time and author.
      const hc = await json(
        await put(
          id,
          'notes',
          [{ id: 'n1', text: '電話で状況確認', author: 'forged', at: '2000-01-01' }],
          1,
          'minato-hc',
        ),
      );
      assert.equal(hc.record.notes[0].author, 'みなと保健所 みなと保健所 保健師 佐々木');
      assert.equal(hc.record.notes[0].at, h.clock.now().toISOString());
    });

    test('非公開: birth date and sex are withheld from other facilities', async () => {
      const id = await register(HANAKO);
      const v = (await record(id)).record.version;
      const person = { ...(await record(id)).record.person, dateOfBirthPrivate: true, sexPrivate: true };
      assert.equal((await put(id, 'identity', person, v)).status, 200);
      const own = await record(id);
      assert.equal(own.record.person.dateOfBirth, '1950-04-12');
      const hc = await record(id, 'minato-hc');
      assert.equal(hc.record.person.dateOfBirth, undefined);
      assert.equal(hc.record.person.sex, undefined);
      assert.equal(hc.header.age, null);
      // The health center edits the person without seeing the private fields: they are kept.
      const edited = await put(
        id,
        'identity',
        { ...hc.record.person, city: '品川区' },
        hc.record.version,
        'minato-hc',
      );
      assert.equal(edited.status, 200);
      const after = await record(id);
      assert.equal(after.record.person.city, '品川区');
      assert.equal(after.record.person.dateOfBirth, '1950-04-12');
      assert.equal(after.record.person.sex, 'female');
    });

    test('ID管理 saved in the record writes through to the patient (list, PATCH view) and back', async () => {
      const id = await register(HANAKO);
      const r = await record(id);
      const person = {
        ...r.record.person,
        city: '千代田区',
        street: '大手町1-2-3',
        phone2: '03-3210-0000',
        emergencyContact: { name: '山田 一郎', relationship: '夫', phone1: '090-2222-3333' },
        nationality: 'JP',
      };
      const saved = await put(id, 'identity', person, r.record.version);
      assert.equal(saved.status, 200, JSON.stringify(await saved.clone().json()));
      const core = await json(await h.req('GET', `/api/patients/${id}`));
      assert.equal(core.patient.city, '千代田区');
      assert.equal(core.patient.nationality, 'JP');
      // A PATCH through the core route shows in the record as a new revision (identity section bumped).
      const before = (await record(id)).record.version;
      const patched = await h.req('PATCH', `/api/patients/${id}`, {
        body: { patient: { street: '丸の内1-1' }, version: core.patient.version },
      });
      assert.equal(patched.status, 200);
      const after = await record(id);
      assert.equal(after.record.person.street, '丸の内1-1');
      assert.equal(after.record.person.phone2, '03-3210-0000');
      assert.equal(after.record.person.emergencyContact.relationship, '夫');
      assert.equal(after.record.version, before + 1);
      assert.equal(after.sections.identity.version, before + 1);
      // An editor of 基礎情報 who loaded before the PATCH is not in conflict; one of ID管理 is.
      assert.equal((await put(id, 'basicInfo', { occupation: '教員' }, before)).status, 200);
      assert.equal((await put(id, 'identity', person, before)).status, 409);
      // 措置判定記録 and 居所 write the list's columns.
      const v = (await record(id)).record.version;
      assert.equal(
        (await put(id, 'measures', { infectionClass: 'infected', status: 'hotelCare', myHerSys: true }, v))
          .status,
        200,
      );
      assert.equal(
        (
          await put(
            id,
            'residences',
            [{ id: 'r1', type: 'hotel', placeName: 'ホテル港', startDate: '2022-09-26' }],
            v,
          )
        ).status,
        200,
      );
      const list = await json(await h.req('GET', `/api/patients?herSysId=${id}`));
      assert.equal(list.items[0].status, 'hotelCare');
      assert.equal(list.items[0].residence, 'hotel');
      assert.equal(list.items[0].residenceName, 'ホテル港');
      const header = (await record(id)).header;
      assert.equal(header.status, 'hotelCare');
      assert.equal(header.myHerSys, true);
      assert.equal(header.address, '東京都千代田区丸の内1-1');
    });

    test('自動反映: a report filed for the person updates the record; the report pre-fills from the record', async () => {
      const id = await register({ ...HANAKO, phone: '090-1111-2222' });
      const r0 = await record(id);
      assert.equal(
        (await put(id, 'basicInfo', { occupation: '保育士', vaccineDoses: 3 }, r0.record.version)).status,
        200,
      );
      // Record → report.
      const pre = await json(await h.req('GET', `/api/patients/${id}/report-prefill`));
      assert.equal(pre.draft.schemaVersion, 2);
      assert.equal(pre.draft.patient.familyName, '山田');
      assert.equal(pre.draft.patient.familyNameKana, 'ヤマダ');
      assert.equal(pre.draft.patient.dateOfBirth, '1950-04-12');
      assert.equal(pre.draft.patient.phone, '090-1111-2222');
      assert.equal(pre.draft.patient.occupation, '保育士');
      assert.deepEqual(pre.draft.patient.address, {
        prefectureCode: '13',
        city: '港区',
        street: '海岸1-1-1',
      });
      // Report → record: the report's 職業 and phone replace the record's; the rest of 基礎情報 stays.
      const before = (await record(id)).record.version;
      const report = tc1Report();
      report.patient!.occupation = '調理師';
      const filed = await h.req('POST', '/api/reports', { body: { report, herSysId: id } });
      assert.equal(filed.status, 201, JSON.stringify(await filed.clone().json()));
      const after = await record(id);
      assert.equal(after.record.basicInfo.occupation, '調理師');
      assert.equal(after.record.basicInfo.vaccineDoses, 3);
      assert.equal(after.record.person.phone, '090-1234-5678');
      assert.equal(after.record.version, before + 1);
      assert.equal(after.reports.length, 1);
      assert.equal(after.reports[0].firstReported.by, '東京中央クリニック');
      assert.equal(after.reports[0].firstReported.at, '2022-09-27');
      assert.equal(after.reports[0].healthCenterConfirmed, null);
      assert.equal(after.record.reports[0].report.patient.occupation, '調理師');
      // The same report is not applied twice; the record's later edit stands.
      assert.equal((await put(id, 'basicInfo', { occupation: '無職' }, after.record.version)).status, 200);
      assert.equal((await record(id)).record.basicInfo.occupation, '無職');
      // 保健所確認済 shows in the reports list.
      const reportId = after.reports[0].id;
      assert.equal(
        (await h.req('POST', `/api/reports/${reportId}/confirm`, { as: 'minato-hc' })).status,
        200,
      );
      assert.equal((await record(id)).reports[0].healthCenterConfirmed, '2022-09-27');
      assert.ok(
        (await json(await h.req('GET', `/api/patients/${id}/audit`))).items.some(
          (i: { target?: string }) => i.target === `report:${reportId}`,
        ),
      );
    });

    test('duplicate check: half-width kana, old kanji, swapped names, phone; scoped; kept current', async () => {
      const hanako = await register({
        ...HANAKO,
        familyName: '山田',
        givenName: '華子',
        phone: '090-5555-0001',
      });
      const takahashi = await register({
        familyName: '髙橋',
        givenName: '一郎',
        familyNameKana: 'タカハシ',
        givenNameKana: 'イチロウ',
        dateOfBirth: '1980-01-02',
      });
      const check = async (person: Record<string, string>, as?: string) => {
        const res = await h.req('POST', '/api/patients/duplicates', { body: { person }, as });
        assert.equal(res.status, 200);
        return (await json(res)).candidates as {
          candidate: { herSysId: string };
          score: number;
          reasons: string[];
        }[];
      };
      const half = await check({ familyNameKana: 'ﾔﾏﾀﾞ', givenNameKana: 'ﾊﾅｺ', dateOfBirth: '1950-04-12' });
      const m = half.find((c) => c.candidate.herSysId === hanako);
      assert.ok(m, JSON.stringify(half));
      assert.deepEqual(m.reasons, ['sameKana', 'sameDob', 'widthVariant']);
      assert.equal(m.score, 65);

      const kanji = await check({ familyName: '高橋', givenName: '一郎', dateOfBirth: '1980-01-02' });
      assert.deepEqual(
        kanji.map((c) => [c.candidate.herSysId, c.reasons]),
        [[takahashi, ['sameName', 'sameDob', 'variantKanji']]],
      );

      const swapped = await check({
        familyNameKana: 'ハナコ',
        givenNameKana: 'ヤマダ',
        dateOfBirth: '1950-04-12',
      });
      assert.ok(swapped.find((c) => c.candidate.herSysId === hanako)?.reasons.includes('nameOrderSwapped'));
      // A phone alone (35) is not enough; with the birth date it is.
      assert.deepEqual(await check({ familyName: '佐藤', phone: '09055550001' }), []);
      const phone = await check({ familyName: '佐藤', phone: '09055550001', dateOfBirth: '1950-04-12' });
      assert.deepEqual(phone.find((c) => c.candidate.herSysId === hanako)?.reasons, ['sameDob', 'samePhone']);
      // Same name, other birth date and nothing else: below the threshold.
      assert.deepEqual(await check({ familyName: '高橋', givenName: '一郎', dateOfBirth: '1999-09-09' }), []);
      // Another clinic learns nothing about this clinic's patients.
      assert.deepEqual(
        await check({ familyNameKana: 'ﾔﾏﾀﾞ', givenNameKana: 'ﾊﾅｺ', dateOfBirth: '1950-04-12' }, 'hospital'),
        [],
      );
      // Excluding the person's own record.
      const own = await h.req('POST', '/api/patients/duplicates', {
        body: {
          person: { familyName: '高橋', givenName: '一郎', dateOfBirth: '1980-01-02' },
          excludeHerSysId: takahashi,
        },
      });
      assert.deepEqual((await json(own)).candidates, []);
      // A PATCH through the core route (no hook) is picked up by the lazy refresh.
      const core = await json(await h.req('GET', `/api/patients/${takahashi}`));
      await h.req('PATCH', `/api/patients/${takahashi}`, {
        body: { patient: { phone: '080-7777-0000' }, version: core.patient.version },
      });
      const byPhone = await check({ familyName: '鈴木', phone: '080-7777-0000', dateOfBirth: '1980-01-02' });
      assert.deepEqual(
        byPhone.map((c) => c.candidate.herSysId),
        [takahashi],
      );
      assert.equal(await refreshMatchKeys(h.handle.db as unknown as RDb), 0);
      // Bad input is a 400 with issues, never a 500.
      const bad = await h.req('POST', '/api/patients/duplicates', {
        body: { person: { familyName: 'x'.repeat(200) } },
      });
      assert.equal(bad.status, 400);
      assert.equal((await json(bad)).issues[0].path, 'person.familyName');
      assert.equal((await h.req('POST', '/api/patients/duplicates', { body: {} })).status, 400);
      assert.deepEqual(await check({ dateOfBirth: 'not a date' }), []);
    });

    test('duplicate check: a very common name does not crowd out the one with the same phone', async () => {
      // 700 people named 佐藤 健 of this clinic, then the one typed with a phone; inserted in bulk (the keys come
      // from the lazy refresh, as for anything written outside the record routes).
      const now = h.clock.now().toISOString();
      const rows = Array.from({ length: 701 }, (_, i) => {
        const rec = {
          familyName: '佐藤',
          givenName: '健',
          familyNameKana: 'サトウ',
          givenNameKana: 'ケン',
          dateOfBirth: i === 700 ? '1990-05-05' : `19${String(40 + (i % 50)).padStart(2, '0')}-01-01`,
          phone: i === 700 ? '080-1212-3434' : undefined,
        };
        return {
          her_sys_id: String(90_000_000 + i),
          version: 1,
          owner_facility: '1312345678',
          created_at: now,
          updated_at: now,
          ...patientColumns(rec, undefined, () => '13', now),
        };
      });
      for (let i = 0; i < rows.length; i += 100) {
        await h.handle.db
          .insertInto('patients')
          .values(rows.slice(i, i + 100))
          .execute();
      }
      const res = await h.req('POST', '/api/patients/duplicates', {
        body: {
          person: {
            familyName: '佐藤',
            givenName: '健',
            familyNameKana: 'サトウ',
            givenNameKana: 'ケン',
            phone: '08012123434',
          },
        },
      });
      const body = await json(res);
      assert.equal(body.candidates[0].candidate.herSysId, '90000700');
      assert.deepEqual(body.candidates[0].reasons, ['sameKana', 'sameName', 'samePhone']);
      assert.equal(body.candidates.length, 20);
    });

    test('lists: 検査結果一覧, 健康観察一覧, 入院状況一覧 (403 for an outpatient clinic), 発生届一覧, 旧登録情報一覧', async () => {
      const id = await register({ ...HANAKO, familyName: '一覧', familyNameKana: 'イチラン' });
      let v = (await record(id)).record.version;
      const t = await json(
        await put(
          id,
          'tests',
          [
            { id: 't1', method: 'pcr', collectionDate: '2022-09-20', result: 'negative' },
            { id: 't2', method: 'antigenQualitative', collectionDate: '2022-09-26', result: 'positive' },
          ],
          v,
        ),
      );
      v = t.version;
      const observed = await put(
        id,
        'healthObservation',
        {
          startDate: '2022-09-26',
          endDate: '2022-10-03',
          entries: [{ id: 'e1', date: '2022-09-27', temperature: 37.8, spo2: 95 }],
        },
        v,
      );
      assert.equal(observed.status, 200);
      const tests = await json(await h.req('GET', `/api/lists/tests?herSysId=${id}`));
      assert.equal(tests.total, 2);
      assert.deepEqual(
        tests.rows.map((r: { testDate: string; testMethod: string; testResult: string }) => [
          r.testDate,
          r.testMethod,
          r.testResult,
        ]),
        [
          ['2022-09-26', 'antigenQualitative', 'positive'],
          ['2022-09-20', 'pcr', 'negative'],
        ],
      );
      assert.equal(tests.rows[0].name, '一覧 花子');
      const ranged = await json(
        await h.req('GET', `/api/lists/tests?herSysId=${id}&diagnosisDateFrom=2022-09-21`),
      );
      assert.equal(ranged.total, 1);
      const obs = await json(await h.req('GET', `/api/lists/observation?kana=${encodeURIComponent('ｲﾁﾗﾝ')}`));
      assert.equal(obs.rows.length, 1);
      assert.equal(obs.rows[0].lastTemperature, 37.8);
      assert.equal(obs.rows[0].lastSpo2, 95);
      assert.equal(obs.rows[0].periodEnd, '2022-10-03');
      // Another clinic sees none of it.
      assert.equal(
        (await json(await h.req('GET', `/api/lists/tests?herSysId=${id}`, { as: 'hospital' }))).total,
        0,
      );

      const clinic = await h.req('GET', '/api/lists/inpatients');
      assert.equal(clinic.status, 403);
      const hid = await register({ familyName: '入院', givenName: '太郎' }, 'hospital');
      await put(
        hid,
        'medical',
        { admissions: [{ id: 'a1', hospital: '千代田みらい病院', admissionDate: '2022-09-25' }] },
        1,
        'hospital',
      );
      const inp = await json(await h.req('GET', '/api/lists/inpatients', { as: 'hospital' }));
      assert.deepEqual(
        inp.rows.map((r: { herSysId: string; hospital: string; admissionDate: string }) => [
          r.herSysId,
          r.hospital,
          r.admissionDate,
        ]),
        [[hid, '千代田みらい病院', '2022-09-25']],
      );

      const report = tc1Report();
      await h.req('POST', '/api/reports', { body: { report, herSysId: id } });
      const reports = await json(await h.req('GET', `/api/lists/reports?herSysId=${id}`));
      assert.equal(reports.total, 1);
      assert.equal(reports.rows[0].institution, '東京中央クリニック');
      assert.equal(reports.rows[0].reportDate, '2022-09-27');

      v = (await record(id)).record.version;
      assert.equal((await json(await h.req('GET', `/api/lists/legacy?herSysId=${id}`))).total, 0);
      await put(id, 'measures', { status: 'released' }, v);
      const legacy = await json(await h.req('GET', `/api/lists/legacy?herSysId=${id}`));
      assert.equal(legacy.total, 1);
      assert.equal(legacy.rows[0].status, 'released');

      // Refusals.
      assert.equal((await h.req('GET', '/api/lists/everything')).status, 404);
      assert.equal((await h.req('GET', '/api/lists/tests?bogus=1')).status, 400);
      assert.equal((await h.req('GET', '/api/lists/tests?page=0')).status, 400);
      assert.equal((await h.req('GET', '/api/lists/tests?page=x')).status, 400);
      assert.equal((await h.req('GET', '/api/lists/tests?status=nope')).status, 400);
      assert.equal((await h.req('GET', '/api/lists/tests?page=1&page=2')).status, 400);
      assert.equal((await h.req('GET', '/api/lists/tests?pageSize=1&page=2&herSysId=' + id)).status, 200);
    });
  });
}
