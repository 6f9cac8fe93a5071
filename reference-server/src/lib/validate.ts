/**
 * Turns zod failures into the shared `Issue` shape, and reads JSON bodies and query strings safely.
 *
 * Schemas are taken as zod's core type, so the server's own (`zod`) and the SDK's (`zod/mini`) validate
 * through the same functions with the same issues.
 */
import type { Context } from 'hono';
import * as z from 'zod/v4/core';
import type { Issue } from 'hersys-sdk/schema';
import { ApiError, validationFailed } from './errors.js';

function joinPath(prefix: string, path: readonly PropertyKey[]): string {
  const parts = [prefix, ...path.map(String)].filter((p) => p !== '');
  return parts.join('.');
}

/** Maps zod issues to `Issue`s (`type`, `required`, `unknownField`, `tooLong`, …), paths joined with dots. */
export function zodIssues(error: z.$ZodError, prefix = ''): Issue[] {
  const out: Issue[] = [];
  for (const i of error.issues) {
    const path = joinPath(prefix, i.path);
    switch (i.code) {
      case 'unrecognized_keys':
        for (const key of i.keys)
          out.push({ path: joinPath(path, [key]), code: 'unknownField', severity: 'error' });
        break;
      case 'invalid_type':
        out.push({
          path,
          code: i.input === undefined ? 'required' : 'type',
          severity: 'error',
          params: { expected: String(i.expected) },
        });
        break;
      case 'too_big':
        out.push({
          path,
          code: i.origin === 'string' ? 'tooLong' : 'tooBig',
          severity: 'error',
          params: { max: Number(i.maximum) },
        });
        break;
      case 'too_small':
        out.push({ path, code: 'tooSmall', severity: 'error', params: { min: Number(i.minimum) } });
        break;
      case 'invalid_format':
        out.push({ path, code: 'invalidFormat', severity: 'error', params: { format: String(i.format) } });
        break;
      case 'invalid_value':
        out.push({ path, code: 'invalidValue', severity: 'error' });
        break;
      default:
        out.push({ path, code: 'invalid', severity: 'error', params: { message: i.message.slice(0, 200) } });
    }
  }
  return out;
}

/** Parses `value` with `schema`, or throws 400 `validation_failed` with the issues. */
export function parseWith<S extends z.$ZodType>(schema: S, value: unknown, prefix = ''): z.output<S> {
  const r = z.safeParse(schema, value);
  if (!r.success) throw validationFailed(zodIssues(r.error, prefix));
  return r.data;
}

/**
 * Reads the request body as JSON: 415 without a JSON content type, 400 `invalid_json` when it does not
 * parse. (The size limit is enforced before, by the body-limit middleware.)
 */
export async function readJson(c: Context): Promise<unknown> {
  return parseJsonBody(await readJsonText(c));
}

/** The request body's text: 415 without a JSON content type, 400 `invalid_json` when empty. */
export async function readJsonText(c: Context): Promise<string> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type.trim())) {
    throw new ApiError(415, 'unsupported_media_type', 'Send the body as application/json.');
  }
  const text = await c.req.text();
  if (text.trim() === '')
    throw new ApiError(400, 'invalid_json', 'The request body is empty; send a JSON object.');
  return text;
}

/** Parses a body's text: 400 `invalid_json` when it does not parse, `invalidCharacter` for a NUL in any text. */
export function parseJsonBody(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(400, 'invalid_json', 'The request body is not valid JSON.');
  }
  const nul = findNul(value, '');
  if (nul !== undefined) {
    throw validationFailed(
      [{ path: nul, code: 'invalidCharacter', severity: 'error' }],
      'Text must not contain NUL characters.',
    );
  }
  return value;
}

/** The path of the first string (or key) containing U+0000, which no database text column can store. */
export function findNul(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = findNul(value[i], path ? `${path}.${i}` : String(i));
      if (p !== undefined) return p;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const p = path ? `${path}.${k}` : k;
      if (k.includes('\u0000')) return p;
      const found = findNul(v, p);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** Reads and validates a JSON body. */
export async function jsonBody<S extends z.$ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  return parseWith(schema, await readJson(c));
}

/** Validates the query string (each parameter once; repeated parameters are refused). */
export function queryParams<S extends z.$ZodType>(c: Context, schema: S): z.output<S> {
  const all = c.req.queries();
  const flat: Record<string, string> = {};
  const issues: Issue[] = [];
  for (const [k, v] of Object.entries(all)) {
    if (v.length > 1) issues.push({ path: k, code: 'repeated', severity: 'error' });
    flat[k] = v[0] ?? '';
  }
  if (issues.length) throw validationFailed(issues, 'A query parameter is repeated.');
  return parseWith(schema, flat);
}
