/**
 * The OpenAPI 3.1 document, generated from the same zod schemas the handlers validate with (JSON Schema
 * 2020-12 is OpenAPI 3.1's dialect), and a self-contained docs page rendering it.
 */
import * as z from 'zod';
import {
  RECORD_SECTIONS,
  occurrenceReportSchema,
  patientListQuerySchema,
  recordSectionSchemas,
} from 'hersys-sdk/schema';
import * as S from './api-schemas.js';
import { esc, page } from './lib/html.js';
import { LIST_VARIANTS } from './records/lists.js';
import { auditQuery, duplicateBody, sectionBody } from './records/routes.js';

interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'patch';
  path: string;
  tag: string;
  summary: string;
  description?: string;
  body?: string;
  query?: z.core.$ZodObject;
  headers?: { name: string; description: string; required?: boolean }[];
  ok: { status: number; schema?: string; contentType?: string; description: string };
  errors: number[];
}

/** JSON Schema as OpenAPI 3.1 wants it: 2020-12, what a client sends, no failure on zod-only types. */
const JSON_SCHEMA = { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' } as const;

/** A schema inlined in a parameter (components carry no `$schema` either). */
function inlineSchema(schema: z.core.$ZodType): Record<string, unknown> {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, JSON_SCHEMA) as Record<string, unknown>;
  return rest;
}

/**
 * Path parameters by name, with the values the routes accept: the server answers 404 for any other value, so a
 * client generated from the document can refuse it before asking. A name not listed is any string.
 */
const PATH_PARAMS: Record<string, { schema: z.core.$ZodType; description: string }> = {
  herSysId: { schema: S.herSysId, description: 'HER-SYS ID (8 digits)' },
  section: {
    schema: z.enum(RECORD_SECTIONS),
    description: 'The section (tab) of the record saved; `data` has that section’s schema',
  },
  variant: {
    schema: z.enum(LIST_VARIANTS),
    description: 'The list of the menu (登録情報一覧 itself is GET /api/patients)',
  },
};

const P = (name: string) => {
  const known = PATH_PARAMS[name];
  return {
    name,
    in: 'path',
    required: true,
    ...(known
      ? { description: known.description, schema: inlineSchema(known.schema) }
      : { schema: { type: 'string' } }),
  };
};

/** The version an edit was made on (optimistic concurrency; `version` in the body does the same). */
const IF_MATCH = { name: 'If-Match', description: 'The version edited, e.g. "3" (or `version` in the body)' };

/**
 * The record's version for a section save: the record version the editor loaded or the section's own; only a
 * change of that section after it is a conflict.
 */
const RECORD_IF_MATCH = {
  name: 'If-Match',
  description:
    'The record version edited, e.g. "3" (also 3 or W/"3"; or `version` in the body; both and different → 400)',
};

const ROUTES: RouteDoc[] = [
  {
    method: 'get',
    path: '/api/health',
    tag: 'meta',
    summary: 'Liveness',
    ok: { status: 200, description: '{ ok: true }' },
    errors: [],
  },
  {
    method: 'get',
    path: '/api/openapi.json',
    tag: 'meta',
    summary: 'This document (OpenAPI 3.1)',
    ok: { status: 200, description: 'The OpenAPI document' },
    errors: [],
  },
  {
    method: 'get',
    path: '/api/docs',
    tag: 'meta',
    summary: 'This document as a self-contained HTML page',
    ok: { status: 200, contentType: 'text/html', description: 'The docs page' },
    errors: [],
  },
  {
    method: 'get',
    path: '/api/me',
    tag: 'meta',
    summary: 'The current user and facility',
    ok: { status: 200, schema: 'MeResponse', description: 'The user' },
    errors: [401],
  },
  {
    method: 'get',
    path: '/api/health-centers',
    tag: 'facilities',
    summary: 'Search health centers (保健所を検索)',
    query: S.facilityQuery,
    ok: { status: 200, schema: 'FacilityList', description: 'Matching health centers' },
    errors: [400, 401],
  },
  {
    method: 'get',
    path: '/api/institutions',
    tag: 'facilities',
    summary: 'Search medical institutions',
    query: S.facilityQuery,
    ok: { status: 200, schema: 'FacilityList', description: 'Matching institutions' },
    errors: [400, 401],
  },
  {
    method: 'get',
    path: '/api/patients',
    tag: 'patients',
    summary: '登録情報一覧: search registered patients',
    description: "Every filter of the manual's 登録情報一覧, AND-combined; sorted by 期間開始日 descending.",
    query: S.searchQuery,
    ok: { status: 200, schema: 'SearchResponse', description: 'One page of patients' },
    errors: [400, 401],
  },
  {
    method: 'post',
    path: '/api/patients',
    tag: 'patients',
    summary: 'ID管理: register a patient (issues a HER-SYS ID)',
    body: 'CreatePatientBody',
    ok: { status: 201, schema: 'PatientResponse', description: 'The registered patient' },
    errors: [400, 401, 413, 415],
  },
  {
    method: 'get',
    path: '/api/patients/{herSysId}',
    tag: 'patients',
    summary: 'Read a patient with their reports',
    ok: { status: 200, schema: 'PatientResponse', description: 'The patient' },
    errors: [401, 404],
  },
  {
    method: 'patch',
    path: '/api/patients/{herSysId}',
    tag: 'patients',
    summary: 'Update ID-management data',
    body: 'PatchPatientBody',
    headers: [IF_MATCH],
    ok: { status: 200, schema: 'PatientResponse', description: 'The updated patient' },
    errors: [400, 401, 404, 409, 428],
  },
  {
    method: 'post',
    path: '/api/reports',
    tag: 'reports',
    summary: '報告: file a report',
    description:
      'Validated with validateReport; errors give 400 with issues. Queues the notification mails and the SMS invitation in the same transaction.',
    body: 'CreateReportBody',
    headers: [
      {
        name: 'Idempotency-Key',
        description: '8–128 visible ASCII characters; a retry returns the first response',
      },
    ],
    ok: {
      status: 201,
      schema: 'CreateReportResponse',
      description: 'The stored report, who was mailed, whether an SMS was queued',
    },
    errors: [400, 401, 404, 413, 415, 422],
  },
  {
    method: 'get',
    path: '/api/reports/{id}',
    tag: 'reports',
    summary: 'Read a report with its header (初回報告/最終更新/保健所確認済)',
    ok: { status: 200, schema: 'ReportEnvelope', description: 'The report' },
    errors: [401, 404],
  },
  {
    method: 'put',
    path: '/api/reports/{id}',
    tag: 'reports',
    summary: '編集: update a report (optimistic concurrency)',
    body: 'UpdateReportBody',
    headers: [IF_MATCH],
    ok: { status: 200, schema: 'ReportEnvelope', description: 'The updated report' },
    errors: [400, 401, 404, 409, 413, 415, 428],
  },
  {
    method: 'get',
    path: '/api/reports/{id}/copy',
    tag: 'reports',
    summary: 'コピーして追加登録: a draft copied from a report',
    ok: { status: 200, schema: 'DraftResponse', description: 'A draft, not stored' },
    errors: [401, 404],
  },
  {
    method: 'post',
    path: '/api/reports/{id}/delete',
    tag: 'reports',
    summary: '削除: soft-delete with the report date as confirmation',
    body: 'DeleteReportBody',
    ok: { status: 200, schema: 'ReportEnvelope', description: 'The deleted report' },
    errors: [400, 401, 404, 409, 422],
  },
  {
    method: 'post',
    path: '/api/reports/{id}/restore',
    tag: 'reports',
    summary: 'Restore a deleted report (health center, prefecture)',
    ok: { status: 200, schema: 'ReportEnvelope', description: 'The restored report' },
    errors: [401, 403, 404, 409],
  },
  {
    method: 'post',
    path: '/api/reports/{id}/confirm',
    tag: 'reports',
    summary: '保健所確認済: mark as confirmed (health center)',
    ok: { status: 200, schema: 'ReportEnvelope', description: 'The confirmed report' },
    errors: [401, 403, 404, 409],
  },
  {
    method: 'get',
    path: '/api/reports/{id}/history',
    tag: 'reports',
    summary: 'Audit history of a report',
    ok: { status: 200, schema: 'HistoryResponse', description: 'Audit entries, oldest first' },
    errors: [401, 404],
  },
  {
    method: 'get',
    path: '/api/reports/{id}/pdf',
    tag: 'reports',
    summary: 'PDF（印刷用）',
    query: S.pdfQuery,
    ok: { status: 200, contentType: 'application/pdf', description: 'The printable PDF' },
    errors: [400, 401, 404, 503],
  },
  {
    method: 'post',
    path: '/api/patients/duplicates',
    tag: 'records',
    summary: 'Duplicate check: registered people like the one being typed',
    description:
      'Partial input is normal: only lengths are checked, an incomplete date of birth is ignored, other `Person` fields are ignored. Only people in the user’s scope are considered. Answers `{ candidates: [{ candidate: Person & { herSysId }, score: 0–100, reasons: (sameKana | sameName | sameDob | samePhone | nameOrderSwapped | variantKanji | widthVariant)[] }] }`, best first, from score 50, at most `limit` (default 20). A read: the prefecture may check too.',
    body: 'DuplicateCheckBody',
    ok: { status: 200, description: 'The candidates' },
    errors: [400, 401, 413, 415],
  },
  {
    method: 'get',
    path: '/api/patients/{herSysId}/record',
    tag: 'records',
    summary: '閲覧: the patient record with its header, section versions and reports',
    description:
      'Answers `{ record: PatientRecord (hersys-sdk/schema; what <hersys-patient-record> takes), header: { herSysId, name, kana, sex, sexPrivate, dateOfBirth, age, ageMonths, address, status, infectionClass, myHerSys }, sections: { <section>: { version, updatedAt, updatedBy } }, reports: [{ id, version, status, reportDate, firstReported: { at, by }, lastUpdated: { at, by }, healthCenterConfirmed }] }`, with `ETag: "<record version>"`. A private birth date or sex is left out for users of other facilities.',
    ok: { status: 200, description: 'The record' },
    errors: [401, 404],
  },
  {
    method: 'put',
    path: '/api/patients/{herSysId}/record/{section}',
    tag: 'records',
    summary: '編集: save one section of the record (optimistic concurrency per section)',
    description:
      'The version is required, as `If-Match` or `version` (neither → 428). It is stale only when that section changed after it: 409 `version_conflict` with `current` (the whole current PatientRecord), `section` and `sectionVersion`; nothing is overwritten. `data` is validated with the section’s schema and the section rules: errors → 400 with `issues` under `data.`; warnings come back in `issues`. Answers what GET …/record answers plus `{ section, version (the new record version), sectionVersion, changed (false when the data equals what is stored), issues }`, with `ETag`. The prefecture reads records but does not edit them (403). An unknown section → 404.',
    body: 'RecordSectionBody',
    headers: [RECORD_IF_MATCH],
    ok: { status: 200, description: 'The saved record' },
    errors: [400, 401, 403, 404, 409, 413, 415, 428],
  },
  {
    method: 'get',
    path: '/api/patients/{herSysId}/audit',
    tag: 'records',
    summary: '記録: the person’s audit trail with field-level changes',
    description:
      'Answers `{ herSysId, items: [{ at, actor, action, target, version, summary, changes?: [{ path, old, new }] }] }`, newest first: 登録, ID管理 changes, every section save, and the events of the person’s reports the user may see (`target` `report:<id>`). Reads and searches only with `reads=1`.',
    query: auditQuery,
    ok: { status: 200, description: 'The audit trail' },
    errors: [400, 401, 404],
  },
  {
    method: 'get',
    path: '/api/patients/{herSysId}/report-prefill',
    tag: 'records',
    summary: '自動反映: a new 発生届 pre-filled from the record',
    description:
      'Answers `{ herSysId, version (the record version), draft: OccurrenceReport }`: 氏名, フリガナ, 性別, 生年月日, 電話, 住所 and 職業 from the record, not stored. File it with POST /api/reports and `herSysId`.',
    ok: { status: 200, description: 'A draft, not stored' },
    errors: [401, 404],
  },
  {
    method: 'get',
    path: '/api/lists/{variant}',
    tag: 'records',
    summary: 'The menu’s other lists (旧登録情報一覧, 検査結果一覧, 発生届一覧, 健康観察一覧, 入院状況一覧)',
    description:
      'The list’s URL query (`queryToSearchParams` of PatientListQuery); an empty parameter is ignored, a repeated, unknown or invalid one → 400, `page` at most 100000. Answers `{ rows: PatientListRow[], total, totalIsLowerBound }` (the PatientListSource shape of <hersys-patient-list>; `total` is counted up to 1,000). `inpatients` → 403 for an outpatient clinic; an unknown variant → 404.',
    query: patientListQuerySchema,
    ok: { status: 200, description: 'One page of rows' },
    errors: [400, 401, 403, 404],
  },
  {
    method: 'get',
    path: '/api/audit/verify',
    tag: 'audit',
    summary: 'Check the audit log’s hash chain (health centers, prefectures)',
    description:
      'Walks the hash-chained audit log from its first entry and reports the first broken link: `{ ok, checked, head: { seq, hash }, broken?: { seq, id?, reason: altered | deleted | unchained, message } }`. See docs/security.md §8.',
    ok: { status: 200, description: 'The verdict' },
    errors: [401, 403],
  },
];

const ERROR_TEXT: Record<number, string> = {
  400: 'Invalid JSON or validation failed (issues)',
  401: 'Not signed in',
  403: 'Not allowed for this facility',
  404: 'Not found or not visible to this facility',
  409: 'Version conflict (current) or wrong state',
  413: 'Body too large',
  415: 'Body is not application/json',
  422: 'Confirmation mismatch or idempotency key reused',
  428: 'Version required',
  500: 'Server fault (never caused by client input)',
  503: 'PDF generator unavailable',
};

/** A JSON body of the named component schema. */
const jsonOf = (name: string) => ({
  'application/json': { schema: { $ref: `#/components/schemas/${name}` } },
});

function componentSchemas(): Record<string, unknown> {
  const reg = z.registry<{ id: string }>();
  const add = (id: string, schema: z.core.$ZodType) => reg.add(schema, { id });
  add('OccurrenceReport', occurrenceReportSchema);
  add('Issue', S.issueSchema);
  add('Error', S.errorResponse);
  add('PatientRecord', S.patientRecordSchema);
  add('CreatePatientBody', S.createPatientBody);
  add('PatchPatientBody', S.patchPatientBody);
  add('PatientResponse', S.patientResponseSchema);
  add('SearchResponse', S.searchResponse);
  add('ReportEnvelope', S.reportEnvelopeSchema);
  add('CreateReportBody', S.createReportBody);
  add('CreateReportResponse', S.createReportResponse);
  add('UpdateReportBody', S.updateReportBody);
  add('DeleteReportBody', S.deleteReportBody);
  add('DraftResponse', S.draftResponse);
  add('HistoryResponse', S.historyResponse);
  add('FacilityList', z.object({ items: z.array(S.facilityOptionSchema) }));
  add('MeResponse', S.meResponse);
  add('DuplicateCheckBody', duplicateBody);
  // A section's data is one of the section schemas, named here so that a client can pick the one of its
  // section; the route validates `data` with the schema of the section in the path.
  const sectionData = RECORD_SECTIONS.map((section) => {
    const schema = recordSectionSchemas[section];
    add(`RecordSection${section[0]!.toUpperCase()}${section.slice(1)}`, schema);
    return schema;
  });
  add(
    'RecordSectionBody',
    sectionBody.extend({
      data: z.union(sectionData).meta({
        description: `The data of the section in the path: RecordSection<Section> (${RECORD_SECTIONS.join(', ')})`,
      }),
    }),
  );
  const out = z.toJSONSchema(reg, { ...JSON_SCHEMA, uri: (id) => `#/components/schemas/${id}` }) as {
    schemas: Record<string, Record<string, unknown>>;
  };
  for (const s of Object.values(out.schemas)) {
    delete s.$schema;
    delete s.$id;
  }
  return out.schemas;
}

function queryParameters(q: z.core.$ZodObject) {
  const js = z.toJSONSchema(q, JSON_SCHEMA) as {
    properties: Record<string, Record<string, unknown>>;
    required?: string[];
  };
  return Object.entries(js.properties).map(([name, schema]) => ({
    name,
    in: 'query',
    required: js.required?.includes(name) ?? false,
    schema,
  }));
}

let cached: Record<string, unknown> | undefined;

export function openApiDocument(): Record<string, unknown> {
  if (cached) return cached;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of ROUTES) {
    const params = [...(r.path.match(/\{(\w+)\}/g) ?? []).map((p) => P(p.slice(1, -1)))];
    if (r.query) params.push(...(queryParameters(r.query) as ReturnType<typeof P>[]));
    for (const h of r.headers ?? [])
      params.push({
        name: h.name,
        in: 'header',
        required: h.required ?? false,
        schema: { type: 'string' },
        description: h.description,
      } as never);
    const responses: Record<string, unknown> = {
      [r.ok.status]: {
        description: r.ok.description,
        content: r.ok.contentType
          ? {
              [r.ok.contentType]: {
                // Text (the docs page) is read as a string; anything else (the PDF) as bytes.
                schema: r.ok.contentType.startsWith('text/')
                  ? { type: 'string' }
                  : { type: 'string', format: 'binary' },
              },
            }
          : r.ok.schema
            ? jsonOf(r.ok.schema)
            : { 'application/json': { schema: { type: 'object' } } },
      },
    };
    // Every route may fail on the server's side; that is never the client's input (docs/api.md).
    for (const e of [...r.errors, 500])
      responses[e] = { description: ERROR_TEXT[e], content: jsonOf('Error') };
    (paths[r.path] ??= {})[r.method] = {
      tags: [r.tag],
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      operationId: `${r.method}${r.path
        .replace(/[{}]/g, '')
        .replace(/\/(\w)/g, (_, ch: string) => ch.toUpperCase())
        .replace(/[^A-Za-z0-9]/g, '')}`,
      ...(params.length ? { parameters: params } : {}),
      ...(r.body ? { requestBody: { required: true, content: jsonOf(r.body) } } : {}),
      responses,
    };
  }
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'hersys-sdk reference server',
      version: '0.1.0',
      description:
        'Infectious-disease occurrence reports (発生届, COVID-19, HER-SYS ver.2). Errors are `{ error: { code, message }, issues? }`. See docs/api.md.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: '/' }],
    tags: [
      { name: 'meta' },
      { name: 'facilities' },
      { name: 'patients' },
      { name: 'reports' },
      { name: 'records' },
      { name: 'audit' },
    ],
    paths,
    components: { schemas: componentSchemas() },
  };
  return cached;
}

/** A self-contained HTML page listing the routes and schemas of the document (no CDN, no script). */
export function docsPage(): string {
  const doc = openApiDocument() as {
    paths: Record<
      string,
      Record<
        string,
        {
          summary: string;
          description?: string;
          parameters?: { name: string; in: string; required: boolean }[];
          requestBody?: unknown;
          responses: Record<string, { description: string }>;
        }
      >
    >;
    components: { schemas: Record<string, unknown> };
  };
  const sections = Object.entries(doc.paths)
    .flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => {
        const params = (op.parameters ?? [])
          .map((p) => `<code>${esc(p.name)}</code> (${esc(p.in)}${p.required ? ', required' : ''})`)
          .join(', ');
        const body = op.requestBody ? JSON.stringify(op.requestBody).match(/schemas\/(\w+)/)?.[1] : undefined;
        const responses = Object.entries(op.responses)
          .map(([s, r]) => `<code>${esc(s)}</code> ${esc(r.description)}`)
          .join('<br>');
        return `<tr><td><span class="method">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></td><td>${esc(op.summary)}${op.description ? `<br><small>${esc(op.description)}</small>` : ''}${params ? `<br>Parameters: ${params}` : ''}${body ? `<br>Body: <a href="#schema-${esc(body)}">${esc(body)}</a>` : ''}</td><td>${responses}</td></tr>`;
      }),
    )
    .join('\n');
  const schemas = Object.entries(doc.components.schemas)
    .map(
      ([name, s]) =>
        `<h3 id="schema-${esc(name)}">${esc(name)}</h3><details><summary>JSON Schema</summary><pre><code>${esc(JSON.stringify(s, null, 2))}</code></pre></details>`,
    )
    .join('\n');
  return page(
    'API — hersys-sdk reference server',
    `<h1>hersys-sdk reference server API</h1><p>OpenAPI 3.1: <a href="/api/openapi.json">/api/openapi.json</a>. Errors are <code>{ "error": { "code", "message" }, "issues"? }</code>.</p>
<table><thead><tr><th>Route</th><th>What</th><th>Responses</th></tr></thead><tbody>${sections}</tbody></table><h2>Schemas</h2>${schemas}`,
  );
}
