/**
 * The request body size limit. Hono's `bodyLimit` reads `c.req.raw.body` first, and on Node that makes
 * @hono/node-server build a full web `Request` with a `ReadableStream` over the socket for every request — a
 * fifth of the cost of a 報告 at load. A body with a `Content-Length` (every browser `fetch` of JSON) is judged
 * by the header alone — Node's HTTP parser never delivers more bytes than it says — and read later through the
 * adapter's fast path; only a chunked body goes through Hono's streaming check.
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit as streamingBodyLimit } from 'hono/body-limit';

/** At most `maxSize` bytes of body; `onError` answers a larger one (it is expected to throw or return 413). */
export function bodyLimit(options: {
  maxSize: number;
  onError: Parameters<typeof streamingBodyLimit>[0]['onError'];
}): MiddlewareHandler {
  const streaming = streamingBodyLimit(options);
  return async (c, next) => {
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) return streaming(c, next);
    if (!/^\d{1,15}$/.test(length.trim()) || Number(length) > options.maxSize) return streaming(c, next);
    await next();
  };
}
