/**
 * Routes of the patient record (issue 7), mounted at `/api`:
 * - `GET  /patients/:herSysId/record`            the record, its header, the version of every section, the reports
 * - `PUT  /patients/:herSysId/record/:section`   save one section (If-Match or "version"; stale → 409 { current })
 * - `GET  /patients/:herSysId/audit`             記録: the person's audit trail with field-level changes
 * - `GET  /patients/:herSysId/report-prefill`    a new 発生届 pre-filled from the record (自動反映)
 * - `POST /patients/duplicates`                  duplicate candidates of a person being typed
 * - `GET  /lists/:variant`                       旧登録情報一覧, 検査結果一覧, 発生届一覧, 健康観察一覧, 入院状況一覧
 */
import { Hono } from 'hono';
import * as z from 'zod';
import {
  RECORD_SECTIONS,
  patientListQuerySchema,
  prefillReport,
  recordSectionSchemas,
  validateSection,
  type Issue,
  type PatientListQuery,
} from 'hersys-sdk/schema';
import type { AppEnv } from '../auth.js';
import { requireUser } from '../auth.js';
import type { Deps } from '../routes/deps.js';
import { ApiError, notFound, validationFailed } from '../lib/errors.js';
import { tokyoDate } from '../lib/time.js';
import { jsonBody, parseWith, queryParams, readJson } from '../lib/validate.js';
import { LIST_VARIANTS, queryList, type ListVariant } from './lists.js';
import { findDuplicates } from './match-keys.js';
import { auditTrail, findScopedPatient, getRecord, saveSection, syncRecord, type Section } from './store.js';
import type { RDb } from './types.js';

/** The body of a section save: `data` is checked against the section's own schema in the handler. */
export const sectionBody = z.strictObject({
  data: z.unknown(),
  version: z.number().int().min(0).optional(),
});

const text = z.string().max(100).optional();
/** The person being typed: partial input is normal, so only lengths are checked; other fields are ignored. */
export const duplicateBody = z.strictObject({
  person: z.object({
    familyName: text,
    givenName: text,
    familyNameKana: text,
    givenNameKana: text,
    dateOfBirth: z.string().max(10).optional(),
    phone: z.string().max(40).optional(),
    phone2: z.string().max(40).optional(),
  }),
  excludeHerSysId: z
    .string()
    .regex(/^\d{8}$/)
    .optional(),
  limit: z.number().int().min(1).max(50).optional(),
});

/** The query of the person's audit trail (`GET …/audit`): how many entries, and whether reads are included. */
export const auditQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  /** `1`: also who read the record (when the server logs reads). */
  reads: z.enum(['0', '1']).optional(),
});

/** `If-Match: "3"` / `3` / `W/"3"`; undefined when absent. */
function ifMatchVersion(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!m) {
    throw new ApiError(400, 'validation_failed', 'If-Match must be the record version, e.g. "3".', {
      issues: [{ path: 'If-Match', code: 'invalidFormat', severity: 'error' }],
    });
  }
  return Number(m[1]);
}

export function recordRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  const db = deps.db as unknown as RDb;

  app.post('/patients/duplicates', async (c) => {
    const u = requireUser(c.get('currentUser'));
    const body = await jsonBody(c, duplicateBody);
    const p = body.person;
    const dob = p.dateOfBirth && /^\d{4}-\d{2}-\d{2}$/.test(p.dateOfBirth) ? p.dateOfBirth : undefined;
    const candidates = await findDuplicates(
      db,
      u,
      { ...p, dateOfBirth: dob },
      {
        excludeHerSysId: body.excludeHerSysId,
        limit: body.limit,
      },
    );
    return c.json({ candidates });
  });

  app.get('/patients/:herSysId/record', async (c) => {
    const u = requireUser(c.get('currentUser'));
    const view = await getRecord(db, u, c.req.param('herSysId'), deps.clock.now(), deps.dialect);
    c.header('ETag', `"${view.record.version}"`);
    return c.json(view);
  });

  app.put('/patients/:herSysId/record/:section', async (c) => {
    const u = requireUser(c.get('currentUser'));
    const section = c.req.param('section');
    if (!(RECORD_SECTIONS as readonly string[]).includes(section)) {
      throw notFound(`The section "${section.slice(0, 40)}" (one of ${RECORD_SECTIONS.join(', ')})`);
    }
    const s = section as Section;
    const headerVersion = ifMatchVersion(c.req.header('if-match'));
    const body = parseWith(sectionBody, await readJson(c));
    if (headerVersion !== undefined && body.version !== undefined && headerVersion !== body.version) {
      throw new ApiError(400, 'validation_failed', 'If-Match and "version" disagree.', {
        issues: [{ path: 'version', code: 'invalidValue', severity: 'error' }],
      });
    }
    const expected = headerVersion ?? body.version;
    if (expected === undefined) {
      throw new ApiError(
        428,
        'version_required',
        'Send the version you edited (If-Match header or "version").',
      );
    }
    if (body.data === undefined) {
      throw validationFailed(
        [{ path: 'data', code: 'required', severity: 'error' }],
        'Send the section as "data".',
      );
    }
    const data = parseWith(recordSectionSchemas[s], body.data, 'data');
    const found = validateSection(s, data as never, { today: tokyoDate(deps.clock.now()) });
    const prefixed: Issue[] = [
      ...duplicateRowIds(s, data),
      ...found.map((i) => ({ ...i, path: i.path ? `data.${i.path}` : 'data' })),
    ];
    const errors = prefixed.filter((i) => i.severity === 'error');
    if (errors.length) throw validationFailed(prefixed, `${section} has errors; nothing was saved.`);
    const { view, changed } = await saveSection(db, u, c.req.param('herSysId'), s, data, expected, {
      dialect: deps.dialect,
      now: deps.clock.now(),
    });
    c.header('ETag', `"${view.record.version}"`);
    return c.json({
      ...view,
      section: s,
      version: view.record.version,
      sectionVersion: view.sections[s].version,
      changed,
      issues: prefixed,
    });
  });

  app.get('/patients/:herSysId/audit', async (c) => {
    const u = requireUser(c.get('currentUser'));
    const q = queryParams(c, auditQuery);
    const patient = await findScopedPatient(db, u, c.req.param('herSysId'));
    return c.json({
      herSysId: patient.her_sys_id,
      items: await auditTrail(db, u, patient.her_sys_id, q.limit, { reads: q.reads === '1' }),
    });
  });

  app.get('/patients/:herSysId/report-prefill', async (c) => {
    const u = requireUser(c.get('currentUser'));
    const herSysId = c.req.param('herSysId');
    const state = await db.transaction().execute(async (trx) => {
      const patient = await findScopedPatient(trx, u, herSysId);
      return syncRecord(trx, patient, deps.clock.now().toISOString(), deps.dialect);
    });
    const draft = prefillReport({
      person: state.sections.identity.data as never,
      basicInfo: state.sections.basicInfo.data as never,
    });
    return c.json({ herSysId, version: state.version, draft });
  });

  app.get('/lists/:variant', async (c) => {
    const u = requireUser(c.get('currentUser'));
    const variant = c.req.param('variant');
    if (!(LIST_VARIANTS as readonly string[]).includes(variant)) {
      throw notFound(
        `The list "${variant.slice(0, 40)}" (one of ${LIST_VARIANTS.join(', ')}; 登録情報一覧 is GET /api/patients)`,
      );
    }
    return c.json(await queryList(db, u, variant as ListVariant, listQuery(c)));
  });

  return app;
}

/** Rows of a list are told apart by their `id` (edits, merges, the lists' rows): two rows with one id → 400. */
function duplicateRowIds(section: Section, data: unknown): Issue[] {
  const lists: [string, unknown][] = [];
  if (Array.isArray(data)) lists.push(['data', data]);
  else if (section === 'healthObservation')
    lists.push(['data.entries', (data as { entries?: unknown }).entries]);
  else if (section === 'medical') {
    const m = data as { admissions?: unknown; severities?: unknown };
    lists.push(['data.admissions', m.admissions], ['data.severities', m.severities]);
  }
  const issues: Issue[] = [];
  for (const [path, rows] of lists) {
    if (!Array.isArray(rows)) continue;
    const seen = new Set<string>();
    rows.forEach((r: { id: string }, i) => {
      if (seen.has(r.id)) {
        issues.push({
          path: `${path}.${i}.id`,
          code: 'duplicateId',
          severity: 'error',
          params: { id: r.id },
        });
      }
      seen.add(r.id);
    });
  }
  return issues;
}

/** The list's URL form (`queryToSearchParams`), strictly: an unknown or invalid parameter is a 400. */
function listQuery(c: Parameters<typeof queryParams>[0]): PatientListQuery {
  const raw: Record<string, unknown> = {};
  const issues: Issue[] = [];
  for (const [k, v] of Object.entries(c.req.queries())) {
    if (v.length > 1) issues.push({ path: k, code: 'repeated', severity: 'error' });
    const value = v[0] ?? '';
    if (value === '') continue;
    raw[k] = k === 'page' || k === 'pageSize' ? (/^\d{1,7}$/.test(value) ? Number(value) : value) : value;
  }
  if (issues.length) throw validationFailed(issues, 'A query parameter is repeated.');
  const q = parseWith(patientListQuerySchema, raw);
  if ((q.page ?? 1) > 100_000) throw validationFailed([{ path: 'page', code: 'tooBig', severity: 'error' }]);
  return q;
}
