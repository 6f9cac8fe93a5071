import { Hono } from 'hono';
import type { AppEnv } from '../auth.js';
import { requireUser } from '../auth.js';
import { deleteReportBody, emptyBody, pdfQuery, updateReportEnvelope } from '../api-schemas.js';
import { ApiError, validationFailed } from '../lib/errors.js';
import { tokyoDate } from '../lib/time.js';
import { jsonBody, queryParams, readJson, readJsonText, parseWith } from '../lib/validate.js';
import { refusalError } from '../lib/filing-check.js';
import {
  checkIdempotencyKey,
  confirmReport,
  copyDraft,
  createReport,
  deleteReport,
  getReport,
  reportHistory,
  restoreReport,
  updateReport,
  type ReportEnvelope,
} from '../services/reports.js';
import type { Deps } from './deps.js';
import { renderPdf } from './pdf.js';

function withEtag(c: { header(name: string, value: string): void }, env: ReportEnvelope) {
  c.header('ETag', `"${env.version}"`);
  return env;
}

/** `If-Match: "3"` / `3` / `W/"3"`; undefined when absent. */
function ifMatchVersion(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!m) {
    throw new ApiError(400, 'validation_failed', 'If-Match must be the report version, e.g. "3".', {
      issues: [{ path: 'If-Match', code: 'invalidFormat', severity: 'error' }],
    });
  }
  return Number(m[1]);
}

export function reportRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();

  // 報告
  app.post('/', async (c) => {
    const u = requireUser(c.get('currentUser'));
    const key = checkIdempotencyKey(c.req.header('idempotency-key'));
    const filing = await deps.reportChecker.checkFiling(await readJsonText(c), tokyoDate(deps.clock.now()));
    if (!filing.ok) throw refusalError(filing.refusal);
    const checked = filing.check;
    if (!checked.ok || !checked.report) throw validationFailed(checked.issues, 'The report has errors.');
    const result = await createReport(
      { db: deps.db, config: deps.config, now: deps.clock.now(), outbox: deps.outbox },
      u,
      {
        report: checked.report,
        warnings: checked.issues,
        herSysId: filing.herSysId,
        idManagement: filing.idManagement,
        reportJson: filing.reportJson,
      },
      key,
      filing.requestHash,
    );
    if (result.replayed) c.header('Idempotent-Replayed', 'true');
    if (result.reportId) c.header('Location', `/api/reports/${result.reportId}`);
    const env = (result.body as { report?: ReportEnvelope }).report;
    if (env) c.header('ETag', `"${env.version}"`);
    if (result.json !== undefined)
      return c.body(result.json, result.status as 201, { 'Content-Type': 'application/json' });
    return c.json(result.body as object, result.status as 201);
  });

  app.get('/:id', async (c) => {
    const u = requireUser(c.get('currentUser'));
    return c.json(withEtag(c, await getReport(deps.db, u, c.req.param('id'))));
  });

  // 編集
  app.put('/:id', async (c) => {
    const u = requireUser(c.get('currentUser'));
    const headerVersion = ifMatchVersion(c.req.header('if-match'));
    const body = parseWith(updateReportEnvelope, await readJson(c));
    const expected = headerVersion ?? body.version;
    if (expected === undefined) {
      throw new ApiError(
        428,
        'version_required',
        'Send the version you edited (If-Match header or "version" in the body).',
      );
    }
    if (headerVersion !== undefined && body.version !== undefined && headerVersion !== body.version) {
      throw new ApiError(400, 'validation_failed', 'If-Match and "version" disagree.', {
        issues: [{ path: 'version', code: 'invalidValue', severity: 'error' }],
      });
    }
    const checked = await deps.reportChecker.check(body.report, tokyoDate(deps.clock.now()));
    if (!checked.ok || !checked.report) throw validationFailed(checked.issues, 'The report has errors.');
    const env = await updateReport(deps.db, u, c.req.param('id'), checked.report, expected, deps.clock.now());
    return c.json(withEtag(c, env));
  });

  // コピーして追加登録
  app.get('/:id/copy', async (c) => {
    const u = requireUser(c.get('currentUser'));
    return c.json(await copyDraft(deps.db, u, c.req.param('id')));
  });

  // 削除
  app.post('/:id/delete', async (c) => {
    const u = requireUser(c.get('currentUser'));
    const body = await jsonBody(c, deleteReportBody);
    return c.json(
      withEtag(
        c,
        await deleteReport(deps.db, u, c.req.param('id'), body.reportDate, body.reason, deps.clock.now()),
      ),
    );
  });

  app.post('/:id/restore', async (c) => {
    const u = requireUser(c.get('currentUser'));
    await optionalEmptyBody(c);
    return c.json(withEtag(c, await restoreReport(deps.db, u, c.req.param('id'), deps.clock.now())));
  });

  // 保健所確認済
  app.post('/:id/confirm', async (c) => {
    const u = requireUser(c.get('currentUser'));
    await optionalEmptyBody(c);
    return c.json(withEtag(c, await confirmReport(deps.db, u, c.req.param('id'), deps.clock.now())));
  });

  app.get('/:id/history', async (c) => {
    const u = requireUser(c.get('currentUser'));
    return c.json(await reportHistory(deps.db, u, c.req.param('id')));
  });

  // PDF（印刷用）, HER-SYS ID印字
  app.get('/:id/pdf', async (c) => {
    const u = requireUser(c.get('currentUser'));
    const q = queryParams(c, pdfQuery);
    const env = await getReport(deps.db, u, c.req.param('id'));
    const printHerSysId = q.printHerSysId === '1' || q.printHerSysId === 'true';
    const bytes = await renderPdf(env.report, {
      printHerSysId,
      herSysId: env.herSysId,
      locale: q.locale ?? 'ja',
    });
    const name = `hassei-todoke-${env.report.reportDate ?? 'undated'}-${env.id.slice(0, 8)}.pdf`;
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="${name}"`,
      'cache-control': 'no-store',
    });
  });

  return app;
}

/** Action routes take no body; if one is sent it must be JSON `{}` (so a typo is not silently ignored). */
async function optionalEmptyBody(c: Parameters<typeof readJson>[0]) {
  const text = await c.req.text();
  if (text.trim() === '') return;
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type.trim())) {
    throw new ApiError(415, 'unsupported_media_type', 'Send the body as application/json.');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiError(400, 'invalid_json', 'The request body is not valid JSON.');
  }
  parseWith(emptyBody, value);
}
