/**
 * Everything a 報告 request needs before it is written that depends on its body alone: the JSON parse, the
 * envelope (`createReportEnvelope`), the request hash kept with the idempotency key and the report check. It
 * runs where the report check runs (./report-check-thread.ts), so the main thread does not parse, walk or hash
 * the body at all; a refusal comes back as the ApiError's fields and is thrown again on the main thread.
 */
import type * as z from 'zod';
import { createReportEnvelope } from '../api-schemas.js';
import { ApiError } from './errors.js';
import { sha256 } from './keys.js';
import { checkReport, type ReportCheck } from './report-rules.js';
import { parseJsonBody, parseWith } from './validate.js';

/** A checked 報告 body, or why it was refused. */
export type FilingCheck =
  | {
      ok: true;
      herSysId: string | undefined;
      idManagement: z.output<typeof createReportEnvelope>['idManagement'];
      /** sha256 of the body re-serialized (a retry with other spacing is the same request). */
      requestHash: string;
      check: ReportCheck;
      /** `JSON.stringify(check.report)` when the check passed: the text that is stored and answered (lib/json-text.ts). */
      reportJson?: string;
    }
  | { ok: false; refusal: Pick<ApiError, 'status' | 'code' | 'message' | 'extra'> };

/** Checks a 報告 body's text as of `today` (the Tokyo date). */
export function checkFiling(text: string, today: string): FilingCheck {
  try {
    const raw = parseJsonBody(text);
    const body = parseWith(createReportEnvelope, raw);
    const check = checkReport(body.report, today);
    return {
      ok: true,
      herSysId: body.herSysId,
      idManagement: body.idManagement,
      requestHash: sha256(JSON.stringify(raw)),
      check,
      reportJson: check.ok && check.report ? JSON.stringify(check.report) : undefined,
    };
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    return {
      ok: false,
      refusal: { status: err.status, code: err.code, message: err.message, extra: err.extra },
    };
  }
}

/** The refusal as the error the route throws. */
export function refusalError(refusal: Extract<FilingCheck, { ok: false }>['refusal']): ApiError {
  return new ApiError(refusal.status, refusal.code, refusal.message, refusal.extra);
}
