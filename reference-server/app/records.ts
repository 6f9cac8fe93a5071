/**
 * The patient components' host for this app: `records/host.ts` (the reference server's record API) over the
 * app's session-aware fetch (CSRF token on writes, sign-in on 401).
 */
import { RecordApiError, recordHost } from '../src/records/host.js';
import { ApiError, authFetch } from './api.js';

export const records = recordHost({ fetch: (input, init) => authFetch(input, init) });

/** The host's refusals as the app's {@link ApiError}, so screens show the same messages as for any call. */
export function asApiError(error: unknown): unknown {
  return error instanceof RecordApiError && !(error instanceof ApiError)
    ? new ApiError(error.status, error.code, error.message, error.issues)
    : error;
}
