/**
 * A value already serialized as JSON, to be written as it is wherever the value would be serialized. A 報告's
 * report is serialized once, on the check thread (lib/filing-check.ts), and that text is its stored row, its
 * audit entry and the report in the 201 answer: three `JSON.stringify` calls of a 2 KB object fewer on the
 * main thread per filing, which is what limits the server's filings per second (docs/server.md, Bench).
 */
import { randomBytes } from 'node:crypto';

export class JsonText {
  /** `text` must be the JSON of one value (the caller serialized it). */
  constructor(readonly text: string) {}
}

/** `JSON.stringify(value)`, or the text of a {@link JsonText}. */
export function toJson(value: unknown): string {
  return value instanceof JsonText ? value.text : JSON.stringify(value);
}

// Where a JsonText stands while the rest is serialized: a string no input can hold (it starts with a NUL the
// body check refuses, and carries 128 random bits drawn when the process starts).
const MARK = `\u0000json-text:${randomBytes(16).toString('hex')}:`;
const MARK_JSON = JSON.stringify(MARK).slice(0, -1);

/** `JSON.stringify(value)` with the text of every {@link JsonText} inside written in place of its value. */
export function stringifyWithJsonText(value: unknown): string {
  const texts: string[] = [];
  // A copy with marks for the texts, serialized without a replacer: a replacer function takes JSON.stringify
  // off its fast path, and cost as much as serializing the report itself.
  const json = JSON.stringify(marked(value, texts));
  if (texts.length === 0) return json;
  let out = '';
  let from = 0;
  for (let at = json.indexOf(MARK_JSON); at >= 0; at = json.indexOf(MARK_JSON, from)) {
    const end = json.indexOf('"', at + MARK_JSON.length);
    out += json.slice(from, at) + texts[Number(json.slice(at + MARK_JSON.length, end))];
    from = end + 1;
  }
  return out + json.slice(from);
}

/** `value` with each JsonText replaced by a mark of its index in `texts` (plain objects and arrays copied). */
function marked(value: unknown, texts: string[]): unknown {
  if (value instanceof JsonText) {
    texts.push(value.text);
    return `${MARK}${texts.length - 1}`;
  }
  if (Array.isArray(value)) return value.map((v) => marked(v, texts));
  if (
    value === null ||
    typeof value !== 'object' ||
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  )
    return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = marked((value as Record<string, unknown>)[key], texts);
  return out;
}
