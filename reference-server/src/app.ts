/**
 * The reference server's Hono app: one sub-app per resource, JSON errors, a body-size limit, every input
 * validated. `createApp` takes everything it needs (database, clock, config), so tests run it with
 * `app.request()` and two instances can share one PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { appendAudit, verifyAuditChain } from './audit/chain.js';
import { devUserMiddleware, isHealthAuthority, requireUser, type AppEnv } from './auth.js';
import type { AuthApp } from './auth/index.js';
import type { AppConfig } from './config.js';
import type { DbHandle } from './db/types.js';
import { whenDurable } from './db/wal-sync.js';
import { bodyLimit } from './lib/body-limit.js';
import { ApiError } from './lib/errors.js';
import type { Clock } from './lib/time.js';
import { docsPage, openApiDocument } from './openapi.js';
import type { Mailer, SmsProvider } from './outbox/transports.js';
import { devRoutes } from './routes/dev.js';
import { facilityRoutes } from './routes/facilities.js';
import { inviteRoutes } from './routes/invites.js';
import { recordRoutes } from './records/routes.js';
import { patientRoutes } from './routes/patients.js';
import { reportRoutes } from './routes/reports.js';
import type { Deps } from './routes/deps.js';
import { inlineReportChecker, type ReportChecker } from './lib/report-check-thread.js';
import type { OutboxDispatcher } from './outbox/worker.js';

export interface CreateAppOptions {
  db: DbHandle;
  /** Delivery is the outbox worker's job; the app takes the channels only to name them on /dev/outbox. */
  mailer?: Mailer;
  sms?: SmsProvider;
  clock: Clock;
  config: AppConfig;
  /** Mount extra routes (the web app, issue 6's sign-in) before the 404 handler. */
  extend?: (app: Hono<AppEnv>, deps: Deps) => void;
  /**
   * Issue 6: sign-in (`mountAuth` in mount-auth.ts). Without it (and without devUser) every /api route but
   * the public ones answers 401.
   */
  auth?: AuthApp;
  /** Where reports are checked (default: on the calling thread; main.ts passes `reportCheckThread()`). */
  reportChecker?: ReportChecker;
  /**
   * The outbox worker, to hand each 報告's mails and SMS to at once (main.ts); without it they wait for a pass
   * of whatever worker runs.
   */
  outbox?: OutboxDispatcher;
}

/** GETs that read one person's data (audited as reads, refusals included). */
const PATIENT_READ =
  /^\/api\/(patients|reports)\/([^/]+)(?:\/(record|audit|report-prefill|copy|history|pdf))?$/;
/** Changes of one person's data (a refused one is audited). */
const PATIENT_WRITE = /^\/api\/(patients|reports)\/([^/]+)(?:\/(record\/[^/]+|delete|restore|confirm))?$/;
/** GETs that search or list people. */
const PATIENT_SEARCH = /^\/api\/(?:patients|lists\/[^/]+)$/;

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function clientAddress(
  c: { env: unknown; req: { header(name: string): string | undefined } },
  trustProxy: boolean,
): string {
  if (trustProxy) {
    const hop = c.req.header('x-forwarded-for')?.split(',').pop()?.trim();
    if (hop) return hop.slice(0, 64);
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}

export function createApp(o: CreateAppOptions): Hono<AppEnv> {
  if (o.config.devUser && o.config.production) {
    throw new Error('The development user (HERSYS_DEV_USER) cannot be enabled in production.');
  }
  const deps: Deps = {
    db: o.db.db,
    dialect: o.db.dialect,
    clock: o.clock,
    config: o.config,
    reportChecker: o.reportChecker ?? inlineReportChecker,
    outbox: o.outbox,
  };
  const app = new Hono<AppEnv>();

  app.use('*', async (c, next) => {
    const id = randomUUID();
    c.set('requestId', id);
    c.set('currentUser', undefined);
    // Set before the handler runs (a handler may replace Cache-Control): a header set on a finished response
    // makes Hono rebuild it as a web Response with a stream body, the slow path of @hono/node-server.
    c.header('X-Request-Id', id);
    c.header('X-Content-Type-Options', 'nosniff');
    if (c.req.path.startsWith('/api/')) c.header('Cache-Control', 'no-store');
    await next();
    // Nothing is acknowledged before it is on disk (SQLite: the WAL sync of db/wal-sync.ts, immediate when
    // nothing was written since the last one; PostgreSQL: immediate).
    await whenDurable(deps.db);
  });

  const limit = bodyLimit({
    maxSize: o.config.bodyLimitBytes,
    onError: () => {
      throw new ApiError(
        413,
        'payload_too_large',
        `The body is larger than ${o.config.bodyLimitBytes} bytes.`,
      );
    },
  });
  app.use('/api/*', limit);
  app.use('/my/*', limit);
  // NUL cannot be stored in a text column (PostgreSQL refuses it): refuse it in paths and queries up front.
  app.use('*', async (c, next) => {
    if (/%00/i.test(c.req.url) || c.req.url.includes('\u0000')) {
      throw new ApiError(400, 'validation_failed', 'The URL must not contain NUL characters.', {
        issues: [{ path: '', code: 'invalidCharacter', severity: 'error' }],
      });
    }
    await next();
  });

  // Who is calling: the signed-in user (issue 6), or the development/test user (HERSYS_DEV_USER=1, refused in
  // production above and in main.ts). With neither, every /api route but the public ones answers 401.
  const publicPaths = ['/api/health', '/api/openapi.json', '/api/docs'];
  if (o.config.devUser) app.use('/api/*', devUserMiddleware(deps.db, o.config.devDefaultLogin));
  else if (o.auth) {
    app.use('/api/*', o.auth.protectApi({ publicPaths }));
    app.route('/', o.auth);
  } else {
    app.use('/api/*', async (c, next) => {
      if (!publicPaths.includes(c.req.path) && !c.get('currentUser'))
        throw new ApiError(401, 'unauthenticated', 'Sign in first.');
      await next();
    });
  }

  // Where the request comes from, for the audit entries the services write: on a per-request copy of the user
  // (the dev middleware's and the session's user objects may be shared between requests).
  app.use('/api/*', async (c, next) => {
    const u = c.get('currentUser');
    if (u) {
      c.set('currentUser', {
        ...u,
        source: {
          ip: clientAddress(c, o.config.trustProxy),
          userAgent: c.req.header('user-agent')?.slice(0, 300),
          requestId: c.get('requestId'),
        },
      });
    }
    await next();
  });

  // Every read of a person's data, and every refusal, goes to the audit log (writes are audited by the services,
  // in their transaction; a refused write is recorded here, since nothing was changed).
  app.use('/api/*', async (c, next) => {
    await next();
    const u = c.get('currentUser');
    if (!u) return;
    if (c.req.method !== 'GET') {
      const w = PATIENT_WRITE.exec(c.req.path);
      const status = c.res.status;
      if (!w || (status !== 403 && status !== 404)) return;
      const entity = w[1] === 'reports' ? 'report' : 'patient';
      await appendAudit(deps.db, [
        {
          at: o.clock.now().toISOString(),
          userId: u.userId,
          facilityCode: u.facilityCode,
          action: `${entity}.refused`,
          entity,
          entityId: safeDecode(w[2]!).slice(0, 64),
          version: null,
          outcome: 'failure',
          newData: { status, method: c.req.method, operation: w[3] ?? c.req.method.toLowerCase() },
          source: u.source,
        },
      ]);
      return;
    }
    const m = PATIENT_READ.exec(c.req.path);
    const search = !m && PATIENT_SEARCH.test(c.req.path);
    if (!m && !search) return;
    const status = c.res.status;
    if (search && status >= 400) return;
    const entity = m?.[1] === 'reports' ? 'report' : 'patient';
    await appendAudit(deps.db, [
      {
        at: o.clock.now().toISOString(),
        userId: u.userId,
        facilityCode: u.facilityCode,
        action: search ? 'patient.search' : `${entity}.read${m?.[3] ? `.${m[3]}` : ''}`,
        entity,
        entityId: m ? safeDecode(m[2]!).slice(0, 64) : '*',
        version: null,
        outcome: status < 400 ? 'success' : 'failure',
        newData: search ? { path: c.req.path, query: c.req.query() } : status >= 400 ? { status } : undefined,
        source: u.source,
      },
    ]);
  });

  // 都道府県 reads everything under its health centers and changes nothing (issue 6's roles): the health
  // centers and the institutions register, edit, delete and restore. (The duplicate check is a read.)
  app.use('/api/*', async (c, next) => {
    const u = c.get('currentUser');
    if (
      u?.facilityKind === 'prefecture' &&
      !['GET', 'HEAD', 'OPTIONS'].includes(c.req.method) &&
      /^\/api\/(patients|reports)(\/|$)/.test(c.req.path) &&
      c.req.path !== '/api/patients/duplicates'
    ) {
      throw new ApiError(
        403,
        'forbidden',
        'The prefecture reads the reports and records of its health centers; it does not change them.',
      );
    }
    await next();
  });

  app.get('/api/health', (c) => c.json({ ok: true }));
  app.get('/api/openapi.json', (c) => c.json(openApiDocument()));
  app.get('/api/docs', (c) => c.html(docsPage()));
  app.get('/api/me', (c) => {
    const u = c.get('currentUser');
    if (!u) throw new ApiError(401, 'unauthenticated', 'Sign in first.');
    return c.json({ user: u, devMode: o.config.devUser });
  });

  const facilities = facilityRoutes(deps);
  app.route('/api/health-centers', facilities.healthCenters);
  app.route('/api/institutions', facilities.institutions);
  app.route('/api/patients', patientRoutes(deps));
  app.route('/api/reports', reportRoutes(deps));
  app.route('/api', recordRoutes(deps));
  app.route('/my', inviteRoutes(deps));
  // The audit log's hash chain: health centers and prefectures may check it (the first broken link).
  app.get('/api/audit/verify', async (c) => {
    const u = requireUser(c.get('currentUser'));
    if (!isHealthAuthority(u))
      throw new ApiError(403, 'forbidden', 'Only health centers and prefectures may verify the audit log.');
    return c.json(await verifyAuditChain(deps.db));
  });
  if (!o.config.production) app.route('/dev', devRoutes(deps));

  o.extend?.(app, deps);

  app.notFound((c) =>
    c.json({ error: { code: 'not_found', message: `No route for ${c.req.method} ${c.req.path}.` } }, 404),
  );

  app.onError((err, c) => {
    if (err instanceof ApiError) {
      const { issues, ...extra } = err.extra;
      return c.json(
        { error: { code: err.code, message: err.message }, ...(issues ? { issues } : {}), ...extra },
        err.status,
      );
    }
    if (err instanceof HTTPException) {
      const status = err.status;
      const code = status === 413 ? 'payload_too_large' : status >= 500 ? 'internal_error' : 'bad_request';
      return c.json({ error: { code, message: err.message || 'Bad request.' } }, status);
    }
    const requestId = c.get('requestId');
    console.error(`[${requestId}] ${c.req.method} ${c.req.path} failed:`, err);
    return c.json(
      { error: { code: 'internal_error', message: `Internal error (request ${requestId}).` } },
      500,
    );
  });

  return app;
}
