/**
 * services/reports.ts: health centers are reference data, read at most once a second of filing time per database
 * handle; a changed address reaches the mails of the filings after that second.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tc1Report } from '../../tests/fixtures/reports.js';
import { harness, json, reportMessages } from './helpers.js';

test('a health center’s new mail address is used from a second after it changed', async () => {
  const h = await harness('sqlite');
  try {
    const code = tc1Report().healthCenters!.notified!.code!;
    const mailedTo = async () => {
      const res = await h.req('POST', '/api/reports', { body: { report: tc1Report() } });
      assert.equal(res.status, 201);
      const id = (await json(res)).report.id as string;
      return (await reportMessages(h.handle.db, id, 'mail')).map((m) => m.to);
    };
    const before = await h.handle.db
      .selectFrom('health_centers')
      .select('email')
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    assert.ok((await mailedTo()).includes(before.email));
    await h.handle.db
      .updateTable('health_centers')
      .set({ email: 'moved@hc.example' })
      .where('code', '=', code)
      .execute();
    h.clock.t = new Date(h.clock.t.getTime() + 500);
    assert.ok((await mailedTo()).includes(before.email), 'within the second: the address read before');
    h.clock.t = new Date(h.clock.t.getTime() + 600);
    const after = await mailedTo();
    assert.ok(after.includes('moved@hc.example'), after.join(', '));
    assert.ok(!after.includes(before.email));
  } finally {
    await h.close();
  }
});
