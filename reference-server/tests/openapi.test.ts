/**
 * The OpenAPI document against the app that serves it: vendors generate their clients from the document, so
 * every route the server answers under /api/ must be in it (method and path), and nothing it lists may be
 * missing from the server. The app is built as main.ts builds it (sign-in mounted, no development user).
 *
 * The sign-in routes (/api/auth/*) are the exception: the document does not describe them; they are the auth
 * module's, described in docs/security.md (a browser's sign-in flow with cookies and CSRF, not a vendor API).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { RECORD_SECTIONS, patientListQuerySchema } from 'hersys-sdk/schema';
import { createApp } from '../src/app.js';
import { defaultConfig } from '../src/config.js';
import { migrateToLatest } from '../src/db/migrations.js';
import type { DbHandle } from '../src/db/types.js';
import { mountAuth } from '../src/mount-auth.js';
import { LIST_VARIANTS } from '../src/records/lists.js';
import { ORIGIN } from './auth-harness.js';
import { TestClock, json, openBackend } from './helpers.js';

interface Parameter {
  name: string;
  in: string;
  required: boolean;
  schema: { type?: string; pattern?: string; enum?: string[] };
  description?: string;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
  responses: Record<string, unknown>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Record<string, unknown>> };
}

let handle: DbHandle;
let app: ReturnType<typeof createApp>;
let doc: Document;

before(async () => {
  const clock = new TestClock();
  ({ handle } = await openBackend('sqlite'));
  await migrateToLatest(handle.db, handle.dialect);
  const auth = await mountAuth({
    handle,
    clock,
    secret: 'openapi-test-secret-0123456789abcdef',
    publicUrl: ORIGIN,
  });
  app = createApp({ db: handle, clock, config: defaultConfig({ publicUrl: ORIGIN }), auth });
  const res = await app.request('/api/openapi.json');
  assert.equal(res.status, 200, 'the document is public');
  doc = await json<Document>(res);
});

after(() => handle.close());

/** `GET /api/patients/{herSysId}` for every handler under /api/ (middleware is registered as ALL on `…/*`). */
function appOperations(): string[] {
  const ops = new Set<string>();
  for (const r of app.routes) {
    if (!r.path.startsWith('/api/') || (r.method === 'ALL' && r.path.endsWith('*'))) continue;
    ops.add(`${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
  }
  return [...ops].sort();
}

function documentOperations(): string[] {
  return Object.entries(doc.paths)
    .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
    .sort();
}

function operation(method: string, path: string): Operation {
  const op = doc.paths[path]?.[method];
  assert.ok(op, `${method.toUpperCase()} ${path} is documented`);
  return op;
}

test('every route under /api/ but the sign-in routes is in the document, and every documented one exists', () => {
  const all = appOperations();
  const auth = all.filter((o) => o.split(' ')[1]!.startsWith('/api/auth/'));
  // The exclusion below must exclude something real: the sign-in routes are mounted on this app.
  assert.ok(auth.includes('POST /api/auth/login-id'), 'the app under test has the sign-in routes');
  const served = all.filter((o) => !auth.includes(o));
  const documented = documentOperations();
  assert.deepEqual(
    served.filter((o) => !documented.includes(o)),
    [],
    'routes the server answers that the document lacks',
  );
  assert.deepEqual(
    documented.filter((o) => !served.includes(o)),
    [],
    'documented operations the server does not answer',
  );
});

test('every path parameter is declared, required, and nothing else is', () => {
  for (const [path, ops] of Object.entries(doc.paths)) {
    const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    for (const [method, op] of Object.entries(ops)) {
      const declared = (op.parameters ?? []).filter((p) => p.in === 'path');
      assert.deepEqual(
        declared.map((p) => p.name),
        names,
        `${method} ${path}`,
      );
      assert.ok(
        declared.every((p) => p.required),
        `${method} ${path}: path parameters are required`,
      );
    }
  }
});

test('the record routes: HER-SYS ID, sections and list variants are the values the server accepts', () => {
  const param = (method: string, path: string, name: string) =>
    operation(method, path).parameters?.find((p) => p.name === name && p.in === 'path');
  for (const path of [
    '/api/patients/{herSysId}/record',
    '/api/patients/{herSysId}/audit',
    '/api/patients/{herSysId}/report-prefill',
  ]) {
    assert.equal(param('get', path, 'herSysId')?.schema.pattern, '^\\d{8}$', path);
  }
  assert.deepEqual(param('put', '/api/patients/{herSysId}/record/{section}', 'section')?.schema.enum, [
    ...RECORD_SECTIONS,
  ]);
  assert.deepEqual(param('get', '/api/lists/{variant}', 'variant')?.schema.enum, [...LIST_VARIANTS]);
});

test('the list and audit routes document their query parameters', () => {
  const query = (method: string, path: string) =>
    (operation(method, path).parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
  assert.deepEqual(query('get', '/api/lists/{variant}'), Object.keys(patientListQuerySchema.shape));
  assert.deepEqual(query('get', '/api/patients/{herSysId}/audit'), ['limit', 'reads']);
});

test('the section PUT: version by If-Match or body, the section data by schema, its refusals', () => {
  const put = operation('put', '/api/patients/{herSysId}/record/{section}');
  const ifMatch = put.parameters?.find((p) => p.in === 'header' && p.name === 'If-Match');
  assert.ok(ifMatch && !ifMatch.required, 'If-Match is one of two ways to send the version');
  const ref = put.requestBody?.content['application/json']?.schema.$ref;
  assert.ok(ref, 'the body is a component');
  const body = doc.components.schemas[ref.split('/').pop()!] as {
    properties: { data: { anyOf: { $ref: string }[] }; version: unknown };
    required?: string[];
    additionalProperties?: boolean;
  };
  assert.deepEqual(body.required, ['data']);
  assert.equal(body.additionalProperties, false);
  // One alternative per section, each the section's own schema.
  assert.equal(body.properties.data.anyOf.length, RECORD_SECTIONS.length);
  for (const alt of body.properties.data.anyOf) {
    assert.ok(doc.components.schemas[alt.$ref.split('/').pop()!], alt.$ref);
  }
  for (const status of ['200', '400', '401', '403', '404', '409', '413', '415', '428', '500']) {
    assert.ok(put.responses[status], `PUT section answers ${status}`);
  }
});
