/**
 * The OpenAPI document against the app that serves it: vendors generate their clients from the document, so
 * every route the server answers under /api/ must be in it (method and path), the sign-in routes included, and
 * nothing it lists may be missing from the server. The app is built as main.ts builds it (sign-in mounted, no
 * development user), so what the document says about the session and the CSRF token is checked against the
 * server's own answers.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { RECORD_SECTIONS, patientListQuerySchema } from 'hersys-sdk/schema';
import { createApp } from '../src/app.js';
import { defaultConfig } from '../src/config.js';
import { migrateToLatest } from '../src/db/migrations.js';
import type { DbHandle } from '../src/db/types.js';
import type { AuthApp } from '../src/auth/index.js';
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
interface Ref {
  $ref: string;
}
interface Operation {
  operationId?: string;
  tags?: string[];
  parameters?: (Parameter | Ref)[];
  requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
  responses: Record<string, { headers?: Record<string, Ref | { schema: unknown }> }>;
  security?: Record<string, string[]>[];
}
interface SecurityScheme {
  type: string;
  in?: string;
  name?: string;
  description?: string;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  security?: Record<string, string[]>[];
  components: {
    schemas: Record<string, Record<string, unknown>>;
    parameters?: Record<string, Parameter>;
    headers?: Record<string, { description?: string; schema: unknown }>;
    securitySchemes?: Record<string, SecurityScheme>;
  };
}

const SECRET = 'openapi-test-secret-0123456789abcdef';
const MUTATING = new Set(['post', 'put', 'patch', 'delete']);

let handle: DbHandle;
let clock: TestClock;
let auth: AuthApp;
let app: ReturnType<typeof createApp>;
let doc: Document;

before(async () => {
  clock = new TestClock();
  ({ handle } = await openBackend('sqlite'));
  await migrateToLatest(handle.db, handle.dialect);
  auth = await mountAuth({ handle, clock, secret: SECRET, publicUrl: ORIGIN });
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

/** Every operation of the document with its method and path. */
function allOperations(): { method: string; path: string; op: Operation }[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ method, path, op })),
  );
}

/** The component a `$ref` of the given kind names, asserted to exist. */
function resolve<T>(kind: 'parameters' | 'headers', ref: string): T {
  const prefix = `#/components/${kind}/`;
  assert.ok(ref.startsWith(prefix), ref);
  const found = doc.components[kind]?.[ref.slice(prefix.length)];
  assert.ok(found, `${ref} resolves`);
  return found as T;
}

const parameters = (op: Operation): Parameter[] =>
  (op.parameters ?? []).map((p) => ('$ref' in p ? resolve<Parameter>('parameters', p.$ref) : p));

/** A URL for a documented path: any value for its parameters (the refusals checked come before the handler). */
const urlOf = (path: string) => path.replace(/\{\w+\}/g, '12345678');

test('every route under /api/ is in the document, and every documented one exists', () => {
  const served = appOperations();
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

test('the sign-in routes are in the document under the tag auth', () => {
  const signIn = appOperations().filter((o) => o.split(' ')[1]!.startsWith('/api/auth/'));
  // Without the sign-in mounted this test would check nothing.
  assert.ok(signIn.includes('POST /api/auth/login-id'), 'the app under test has the sign-in routes');
  for (const o of signIn) {
    const [method, path] = o.split(' ') as [string, string];
    assert.deepEqual(operation(method.toLowerCase(), path).tags, ['auth'], o);
  }
});

test('every operationId is unique (client generators name their methods by it)', () => {
  const ids = allOperations().map(({ op }) => op.operationId);
  assert.ok(ids.every(Boolean), 'every operation has an operationId');
  assert.equal(new Set(ids).size, ids.length);
});

test('every $ref of the document resolves', () => {
  for (const m of JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/(\w+)\/([^"]+)"/g)) {
    const group = (doc.components as Record<string, Record<string, unknown> | undefined>)[m[1]!];
    assert.ok(group?.[m[2]!], m[0]);
  }
});

test('every POST/PUT/PATCH/DELETE requires the CSRF header the server checks, from GET /api/auth/csrf; no read does', async () => {
  const res = await app.request('/api/auth/csrf');
  assert.equal(res.status, 200);
  const { header } = await json<{ header: string }>(res);
  for (const { method, path, op } of allOperations()) {
    const csrf = parameters(op).find(
      (p) => p.in === 'header' && p.name.toLowerCase() === header.toLowerCase(),
    );
    if (!MUTATING.has(method)) {
      assert.equal(csrf, undefined, `${method} ${path} is a read: no CSRF token`);
      continue;
    }
    assert.ok(csrf?.required, `${method} ${path} requires ${header}`);
    assert.match(
      csrf.description ?? '',
      /GET \/api\/auth\/csrf/,
      'the parameter says where the token comes from',
    );
    assert.ok(op.responses['403'], `${method} ${path} documents the CSRF refusal (403)`);
  }
  assert.ok(operation('get', '/api/auth/csrf').responses['200'], 'the token route is documented');
});

test('the server refuses every documented POST/PUT/PATCH/DELETE without the CSRF token (403)', async () => {
  for (const { method, path } of allOperations().filter((o) => MUTATING.has(o.method))) {
    const res = await app.request(urlOf(path), {
      method: method.toUpperCase(),
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal(res.status, 403, `${method} ${path}`);
    assert.equal(
      (await json<{ error: { code: string } }>(res)).error.code,
      'csrf_failed',
      `${method} ${path}`,
    );
  }
});

test('the session cookie: the scheme names the server’s cookie, and exactly the public operations go without it', async () => {
  const schemes = Object.entries(doc.components.securitySchemes ?? {});
  const cookie = schemes.find(([, s]) => s.type === 'apiKey' && s.in === 'cookie');
  assert.ok(cookie, 'a cookie security scheme');
  const [name, scheme] = cookie;
  // The document names the production (TLS) cookie; plain http in development uses the unprefixed one.
  const tls = await mountAuth({ handle, clock, secret: SECRET, publicUrl: 'https://hersys.example' });
  assert.equal(scheme.name, tls.cookieNames.session);
  assert.ok(scheme.description?.includes(auth.cookieNames.session), 'the development cookie is named too');
  assert.deepEqual(
    doc.security,
    [{ [name]: [] }],
    'the session is required unless an operation says otherwise',
  );

  // With a valid CSRF token and no session: every operation the document does not mark public answers 401.
  const csrf = await app.request('/api/auth/csrf');
  const { token } = await json<{ token: string }>(csrf);
  const headers = {
    cookie: `${auth.cookieNames.csrf}=${token}`,
    'x-csrf-token': token,
    'content-type': 'application/json',
  };
  for (const { method, path, op } of allOperations()) {
    const isPublic = Array.isArray(op.security) && op.security.length === 0;
    const res = await app.request(urlOf(path), {
      method: method.toUpperCase(),
      headers,
      ...(MUTATING.has(method) ? { body: '{}' } : {}),
    });
    assert.equal(
      res.status === 401,
      !isPublic,
      `${method} ${path}: ${res.status}, documented public: ${isPublic}`,
    );
    if (!isPublic) assert.ok(op.responses['401'], `${method} ${path} documents 401`);
  }
});

test('the report and record answers that carry the version declare the ETag header', () => {
  const etagged: [string, string, string][] = [
    ['post', '/api/reports', '201'],
    ['get', '/api/reports/{id}', '200'],
    ['put', '/api/reports/{id}', '200'],
    ['post', '/api/reports/{id}/delete', '200'],
    ['post', '/api/reports/{id}/restore', '200'],
    ['post', '/api/reports/{id}/confirm', '200'],
    ['get', '/api/patients/{herSysId}/record', '200'],
    ['put', '/api/patients/{herSysId}/record/{section}', '200'],
  ];
  for (const [method, path, status] of etagged) {
    const etag = operation(method, path).responses[status]?.headers?.ETag;
    assert.ok(etag, `${method} ${path} ${status} declares ETag`);
    if ('$ref' in etag) resolve('headers', etag.$ref);
  }
});

test('every path parameter is declared, required, and nothing else is', () => {
  for (const [path, ops] of Object.entries(doc.paths)) {
    const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    for (const [method, op] of Object.entries(ops)) {
      const declared = parameters(op).filter((p) => p.in === 'path');
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
    parameters(operation(method, path)).find((p) => p.name === name && p.in === 'path');
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
    parameters(operation(method, path))
      .filter((p) => p.in === 'query')
      .map((p) => p.name);
  assert.deepEqual(query('get', '/api/lists/{variant}'), Object.keys(patientListQuerySchema.shape));
  assert.deepEqual(query('get', '/api/patients/{herSysId}/audit'), ['limit', 'reads']);
});

test('the section PUT: version by If-Match or body, the section data by schema, its refusals', () => {
  const put = operation('put', '/api/patients/{herSysId}/record/{section}');
  const ifMatch = parameters(put).find((p) => p.in === 'header' && p.name === 'If-Match');
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
