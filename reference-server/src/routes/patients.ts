import { Hono } from 'hono';
import type { AppEnv } from '../auth.js';
import { requireUser } from '../auth.js';
import { createPatientBody, patchPatientBody, searchQuery, type PatientRecord } from '../api-schemas.js';
import { ApiError, notFound } from '../lib/errors.js';
import { jsonBody, queryParams } from '../lib/validate.js';
import { findPatient, insertPatient, patientView, updatePatient } from '../services/patients.js';
import { searchPatients } from '../services/search.js';
import type { Deps } from './deps.js';

export function patientRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();

  // 登録情報一覧
  app.get('/', async (c) => {
    const u = requireUser(c.get('currentUser'));
    return c.json(await searchPatients(deps.db, deps.dialect, u, queryParams(c, searchQuery)));
  });

  // ID管理: 登録 (HER-SYS ID is issued here)
  app.post('/', async (c) => {
    const u = requireUser(c.get('currentUser'));
    const body = await jsonBody(c, createPatientBody);
    const now = deps.clock.now().toISOString();
    const view = await deps.db.transaction().execute(async (trx) => {
      const id = await insertPatient(trx, u, body.patient as PatientRecord, now);
      return patientView(trx, (await findPatient(trx, u, id))!);
    });
    c.header('Location', `/api/patients/${view.herSysId}`);
    c.header('ETag', `"${view.version}"`);
    return c.json({ patient: view }, 201);
  });

  app.get('/:herSysId', async (c) => {
    const u = requireUser(c.get('currentUser'));
    const row = await findPatient(deps.db, u, c.req.param('herSysId'));
    if (!row) throw notFound('The patient');
    c.header('ETag', `"${row.version}"`);
    return c.json({ patient: await patientView(deps.db, row) });
  });

  app.patch('/:herSysId', async (c) => {
    const u = requireUser(c.get('currentUser'));
    const body = await jsonBody(c, patchPatientBody);
    const ifMatch = c.req.header('if-match');
    const m = ifMatch === undefined ? undefined : /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(ifMatch);
    if (ifMatch !== undefined && !m)
      throw new ApiError(400, 'validation_failed', 'If-Match must be the version, e.g. "3".');
    const expected = m ? Number(m[1]) : body.version;
    if (expected === undefined)
      throw new ApiError(428, 'version_required', 'Send the version you edited (If-Match or "version").');
    const view = await deps.db.transaction().execute(async (trx) => {
      const row = await updatePatient(
        trx,
        u,
        c.req.param('herSysId'),
        body.patient,
        expected,
        deps.clock.now().toISOString(),
      );
      return patientView(trx, row);
    });
    c.header('ETag', `"${view.version}"`);
    return c.json({ patient: view });
  });

  return app;
}
