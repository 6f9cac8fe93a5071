/**
 * Starts the reference server: opens the database (SQLite in DATA_DIR, or PostgreSQL with DATABASE_URL),
 * migrates, seeds the demo data on first start, starts the outbox worker and serves HTTP.
 *
 * Environment: PORT (8787), HOST (127.0.0.1), DATA_DIR (reference-server/data), DATABASE_URL, SMTP_URL,
 * MAIL_FROM, MAIL_FULL_CONTENT=1, PUBLIC_URL, SMS_PROVIDER_URL + SMS_PROVIDER_TOKEN, NODE_ENV,
 * SQLITE_SYNCHRONOUS (FULL, the default, or NORMAL), HERSYS_AUTH_SECRET (32+ random bytes; required in
 * production, a file in DATA_DIR in development), TRUST_PROXY=1, HERSYS_PASSWORD_PRESET=mhlw-strict.
 *
 * Sign-in (issue 6, docs/security.md): in development the demo accounts get initial passwords (printed at
 * start until changed) and the codes of the second step appear on /dev/outbox; in production codes go through
 * the SMS provider and there is no outbox page. HERSYS_DEV_USER=1 is a bypass for tests and benchmarks only
 * (every request is a demo account, `X-Dev-User` picks another): off unless set, refused in production.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { defaultConfig } from './config.js';
import { openDatabase } from './db/connect.js';
import { migrateToLatest } from './db/migrations.js';
import { DEMO, seedDemoData } from './db/seed.js';
import { smsProviderMessenger } from './auth/index.js';
import { ensureDemoAccounts, mountAuth } from './mount-auth.js';
import { systemClock } from './lib/time.js';
import { startDeliveryThread } from './outbox/delivery-thread.js';
import { lineLog } from './lib/line-log.js';
import { inlineReportChecker, reportCheckThread } from './lib/report-check-thread.js';
import { devMailer, devSmsProvider } from './outbox/transports.js';
import { OutboxWorker } from './outbox/worker.js';

const here = fileURLToPath(new URL('.', import.meta.url));

export function envConfigError(env: NodeJS.ProcessEnv): string | undefined {
  const production = env.NODE_ENV === 'production';
  if (production && env.HERSYS_DEV_USER && env.HERSYS_DEV_USER !== '0') {
    return 'HERSYS_DEV_USER is set while NODE_ENV=production: the development sign-in cannot run in production. Unset it.';
  }
  if (production && env.SMS_PROVIDER_URL && !env.SMS_PROVIDER_TOKEN)
    return 'SMS_PROVIDER_URL needs SMS_PROVIDER_TOKEN.';
  if (production && (env.HERSYS_AUTH_SECRET ?? '').length < 32)
    return 'set HERSYS_AUTH_SECRET (32+ random characters, e.g. `openssl rand -hex 32`, the same on every instance).';
  return undefined;
}

async function main() {
  const env = process.env;
  const problem = envConfigError(env);
  if (problem) {
    console.error(`Refusing to start: ${problem}`);
    process.exit(2);
  }
  const production = env.NODE_ENV === 'production';
  const port = Number(env.PORT ?? 8787);
  const host = env.HOST ?? '127.0.0.1';
  const dataDir = resolve(env.DATA_DIR ?? join(here, '..', 'data'));
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, '');
  const config = defaultConfig({
    production,
    devUser: !production && env.HERSYS_DEV_USER === '1',
    publicUrl,
    mailFrom: env.MAIL_FROM ?? defaultConfig().mailFrom,
    mailFullContent: env.MAIL_FULL_CONTENT === '1',
    trustProxy: env.TRUST_PROXY === '1',
  });

  const handle = openDatabase({
    databaseUrl: env.DATABASE_URL,
    sqliteFile: join(dataDir, 'hersys.sqlite'),
    sqliteSynchronous: env.SQLITE_SYNCHRONOUS?.toUpperCase() === 'NORMAL' ? 'NORMAL' : 'FULL',
  });
  await migrateToLatest(handle.db, handle.dialect);
  const seeded = await seedDemoData(handle.db, new Date().toISOString());

  const log = lineLog();
  if (production && !env.SMTP_URL)
    console.warn('[mail] SMTP_URL is not set: mails are only recorded (dev transport).');
  // Real channels (SMTP, an HTTP SMS provider) compose and send on a thread of their own
  // (outbox/delivery-thread.ts); the development ones only log, cheaper than a message to a thread.
  const delivery =
    env.SMTP_URL || env.SMS_PROVIDER_URL
      ? startDeliveryThread(
          {
            smtpUrl: env.SMTP_URL,
            smsProviderUrl: env.SMS_PROVIDER_URL,
            smsProviderToken: env.SMS_PROVIDER_TOKEN,
          },
          log,
        )
      : undefined;
  const mailer = delivery?.mailer ?? devMailer(log);
  const sms = delivery?.sms ?? devSmsProvider(log);
  // Sign-in (issue 6). The secret: from the environment in production; a file in DATA_DIR in development.
  let auth: Awaited<ReturnType<typeof mountAuth>> | undefined;
  let demoAccounts: Awaited<ReturnType<typeof ensureDemoAccounts>> = [];
  if (!config.devUser) {
    mkdirSync(dataDir, { recursive: true });
    const secretFile = join(dataDir, 'auth-secret');
    if (!env.HERSYS_AUTH_SECRET && !existsSync(secretFile))
      writeFileSync(secretFile, randomBytes(32).toString('hex'), { mode: 0o600 });
    auth = await mountAuth({
      handle,
      secret: env.HERSYS_AUTH_SECRET ?? readFileSync(secretFile, 'utf8').trim(),
      publicUrl,
      // Production: straight to the SMS provider (never the outbox table, never the log); without one,
      // sending a code fails (delivery_failed) rather than printing it.
      messenger: production
        ? smsProviderMessenger(
            env.SMS_PROVIDER_URL
              ? sms
              : {
                  name: 'none',
                  send: () => Promise.reject(new Error('SMS_PROVIDER_URL is not set.')),
                  call: () => Promise.reject(new Error('SMS_PROVIDER_URL is not set.')),
                },
          )
        : undefined,
      config: {
        // Development: the app may be opened as localhost or 127.0.0.1 (the CSRF check compares the Origin).
        origins: production
          ? [publicUrl]
          : [...new Set([publicUrl, `http://localhost:${port}`, `http://127.0.0.1:${port}`])],
        trustProxy: env.TRUST_PROXY === '1',
        password: env.HERSYS_PASSWORD_PRESET === 'mhlw-strict' ? { preset: 'mhlw-strict' } : undefined,
      },
    });
    if (!production)
      demoAccounts = await ensureDemoAccounts(auth, handle, join(dataDir, 'demo-accounts.json'));
  }

  const worker = new OutboxWorker({
    db: handle.db,
    dialect: handle.dialect,
    mailer,
    sms,
    clock: systemClock,
    mailFrom: config.mailFrom,
    redactSentSms: production,
    log,
  });

  // The web app (reference-server/src/web, owned by the app) mounts itself after the API.
  const web = (await import('./web/index.js').catch((err: unknown) => {
    console.warn('[web] the clinic app is not available:', err instanceof Error ? err.message : err);
    return undefined;
  })) as { mountWeb?: NonNullable<Parameters<typeof createApp>[0]['extend']> } | undefined;
  const extend = web?.mountWeb;
  // Reports are checked on a thread of their own (lib/report-check-thread.ts); REPORT_CHECK_THREAD=0 keeps the
  // check on the main thread.
  const reportChecker =
    env.REPORT_CHECK_THREAD === '0' ? inlineReportChecker : reportCheckThread((line) => console.error(line));
  const app = createApp({
    db: handle,
    mailer,
    sms,
    clock: systemClock,
    config,
    extend,
    auth,
    reportChecker,
    outbox: worker,
  });
  worker.start(1000);
  const purge = auth ? setInterval(() => void auth.purgeExpired().catch(() => {}), 3_600_000) : undefined;
  purge?.unref();

  const server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
    const url = `http://${host === '0.0.0.0' ? 'localhost' : host === '127.0.0.1' ? 'localhost' : host}:${info.port}`;
    console.log(
      `hersys-sdk reference server on ${url} (${handle.dialect === 'sqlite' ? `SQLite ${join(dataDir, 'hersys.sqlite')}` : 'PostgreSQL'})`,
    );
    if (seeded)
      console.log(
        'First start: created the schema and the demo data (東京都, みなと保健所, 千代田保健所, a clinic, a hospital).',
      );
    console.log(`  App:       ${url}/`);
    console.log(`  API docs:  ${url}/api/docs   (OpenAPI: ${url}/api/openapi.json)`);
    if (config.devUser) {
      console.log(
        `  Sign-in:   development mode — you are the demo clinic "${DEMO.users[0]!.display_name}" (login ${DEMO.users[0]!.login_id}).`,
      );
      console.log(
        `             API clients may act as another demo account with the header X-Dev-User: ${DEMO.users.map((u) => u.login_id).join(' | ')}`,
      );
      console.log(`  Outbox:    ${url}/dev/outbox (every mail and SMS)`);
    } else if (production) {
      console.log(
        '  Sign-in:   accounts are issued by health centers (docs/security.md); codes go by SMS / voice call.',
      );
    } else {
      console.log(
        `  Sign-in:   open ${url}/ and sign in with a demo account; the SMS / voice code appears on ${url}/dev/outbox`,
      );
      for (const a of demoAccounts) {
        console.log(
          `             ${a.loginId.padEnd(11)} ${a.initialPassword ? `initial password ${a.initialPassword}` : '(password already changed)'}  ${a.displayName}`,
        );
      }
      console.log(
        '             (the first sign-in registers a phone number and changes the initial password)',
      );
      console.log(`  Outbox:    ${url}/dev/outbox (every mail and SMS, and the sign-in codes)`);
    }
  });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal}: shutting down…`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close();
    await worker.stop();
    await delivery?.close();
    await reportChecker.close();
    await handle.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error('Failed to start:', err);
    process.exit(1);
  });
}
