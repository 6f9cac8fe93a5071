import type { Issue } from 'hersys-sdk/schema';

/** An error answered to the client as `{ error: { code, message }, issues?, ...extra }`. */
export class ApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405 | 409 | 410 | 413 | 415 | 422 | 428 | 500 | 503,
    readonly code: string,
    message: string,
    readonly extra: { issues?: readonly Issue[]; [k: string]: unknown } = {},
  ) {
    super(message);
  }
}

export const notFound = (what = 'The resource') => new ApiError(404, 'not_found', `${what} was not found.`);
export const forbidden = (message: string) => new ApiError(403, 'forbidden', message);
export const validationFailed = (issues: readonly Issue[], message = 'The request has errors.') =>
  new ApiError(400, 'validation_failed', message, { issues });
