/**
 * The components' host adapter (src/records/host.ts) against the real app (app.request as fetch): the
 * record's save with conflicts, the duplicate check, the list sources and the prefill.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { RecordApiError, RecordConflictError, recordHost } from '../src/records/host.js';
import { BACKENDS, harness, type Harness } from './helpers.js';

for (const backend of BACKENDS) {
  describe(`record host adapter on ${backend}`, () => {
    let h: Harness;
    before(async () => {
      h = await harness(backend);
    });
    after(async () => {
      await h.close();
    });
    const host = (as = 'clinic') =>
      recordHost({
        fetch: async (input, init) => h.app.request(input, init),
        headers: () => ({ 'x-dev-user': as }),
      });

    test('load, save (new version, current record handed back), conflict with current, 400 with issues', async () => {
      const res = await h.req('POST', '/api/patients', {
        body: {
          patient: {
            familyName: '山田',
            givenName: '花子',
            familyNameKana: 'ヤマダ',
            givenNameKana: 'ハナコ',
            dateOfBirth: '1950-04-12',
          },
        },
      });
      const id = (await res.json()).patient.herSysId as string;
      const a = host();
      const view = await a.load(id);
      assert.equal(view.header.name, '山田 花子');
      let seen: unknown;
      const save = a.save(id, (record) => (seen = record));
      const v2 = await save('basicInfo', { occupation: '保育士' }, view.record.version);
      assert.equal(v2, view.record.version + 1);
      assert.equal((seen as { basicInfo: { occupation: string } }).basicInfo.occupation, '保育士');
      // Another editor from the old version: a conflict the component can merge (it reads `current`).
      const stale = host('clinic').save(id);
      await assert.rejects(
        stale('basicInfo', { occupation: '教員' }, view.record.version),
        (err: unknown) => {
          assert.ok(err instanceof RecordConflictError);
          assert.equal(err.current.herSysId, id);
          assert.equal(err.current.basicInfo?.occupation, '保育士');
          assert.equal(err.section, 'basicInfo');
          return true;
        },
      );
      await assert.rejects(
        save('tests', [{ id: 't', method: 'pcr', collectionDate: '2099-01-01' }], v2),
        (err: unknown) => {
          assert.ok(err instanceof RecordApiError && !(err instanceof RecordConflictError));
          assert.equal(err.status, 400);
          assert.equal(err.issues[0]?.code, 'date.future');
          return true;
        },
      );
      await assert.rejects(
        host('hospital').load(id),
        (err: unknown) => err instanceof RecordApiError && err.status === 404,
      );

      const draft = await a.prefill(id);
      assert.equal(draft.patient?.occupation, '保育士');
      assert.equal(draft.patient?.familyNameKana, 'ヤマダ');

      const dup = await a.checkDuplicates()({
        familyNameKana: 'ﾔﾏﾀﾞ',
        givenNameKana: 'ﾊﾅｺ',
        dateOfBirth: '1950-04-12',
        emergencyContact: { name: 'x' },
      });
      assert.equal(dup[0]?.candidate.herSysId, id);
      assert.deepEqual(dup[0]?.reasons, ['sameKana', 'sameDob', 'widthVariant']);

      await save('tests', [{ id: 't', method: 'pcr', collectionDate: '2022-09-20', result: 'positive' }], v2);
      const tests = await a.listSource('tests')({ kana: 'ヤマダ' });
      assert.equal(tests.total, 1);
      assert.equal(tests.rows[0]?.testResult, 'positive');
      const registered = await a.listSource('registered')({
        kana: 'ﾔﾏﾀﾞ',
        severity: 'unselected',
        sort: 'periodStartDesc',
      });
      assert.equal(registered.total, 1);
      assert.equal(registered.rows[0]?.herSysId, id);
      assert.equal(registered.rows[0]?.kana, 'ヤマダ ハナコ');
      const trail = await a.audit(id);
      assert.ok(trail.items.length >= 3);
    });
  });
}
