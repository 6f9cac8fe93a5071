/**
 * Starts the reference server: opens the database (SQLite in DATA_DIR, or PostgreSQL with DATABASE_URL),
 * migrates, seeds the demo data on first start, starts the outbox worker and serves HTTP.
 *
 * Environment: PORT (8787), HOST (127.0.0.1), DATA_DIR (reference-server/data), DATABASE_URL, SMTP_URL,
 * MAIL_FROM, MAIL_FULL_CONTENT=1, PUBLIC_URL, SMS_PROVIDER_URL + SMS_PROVIDER_TOKEN, NODE_ENV,
 * HERSYS_DEV_USER=1 (development sign-in as the demo clinic; refused in production), SQLITE_SYNCHRONOUS
 * (FULL, the default, or NORMAL).
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { defaultConfig } from './config.js';
import { openDatabase } from './db/connect.js';
import { migrateToLatest } from './db/migrations.js';
import { DEMO, seedDemoData } from './db/seed.js';
import { systemClock } from './lib/time.js';
import { devMailer, devSmsProvider, httpSmsProvider, smtpMailer } from './outbox/transports.js';
import { OutboxWorker } from './outbox/worker.js';

const here = fileURLToPath(new URL('.', import.meta.url));

export function envConfigError(env: NodeJS.ProcessEnv): string | undefined {
  const production = env.NODE_ENV === 'production';
  if (production && env.HERSYS_DEV_USER && env.HERSYS_DEV_USER !== '0') {
    return 'HERSYS_DEV_USER is set while NODE_ENV=production: the development sign-in cannot run in production. Unset it.';
  }
  if (production && env.SMS_PROVIDER_URL && !env.SMS_PROVIDER_TOKEN)
    return 'SMS_PROVIDER_URL needs SMS_PROVIDER_TOKEN.';
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
  });

  const handle = openDatabase({
    databaseUrl: env.DATABASE_URL,
    sqliteFile: join(dataDir, 'hersys.sqlite'),
    sqliteSynchronous: env.SQLITE_SYNCHRONOUS?.toUpperCase() === 'NORMAL' ? 'NORMAL' : 'FULL',
  });
  await migrateToLatest(handle.db, handle.dialect);
  const seeded = await seedDemoData(handle.db, new Date().toISOString());

  const log = (line: string) => console.log(line);
  if (production && !env.SMTP_URL)
    console.warn('[mail] SMTP_URL is not set: mails are only recorded (dev transport).');
  const mailer = env.SMTP_URL ? smtpMailer(env.SMTP_URL) : devMailer(log);
  const sms = env.SMS_PROVIDER_URL
    ? httpSmsProvider(env.SMS_PROVIDER_URL, env.SMS_PROVIDER_TOKEN ?? '')
    : devSmsProvider(log);
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
  const app = createApp({ db: handle, mailer, sms, clock: systemClock, config, extend });
  worker.start(1000);

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
    } else {
      console.log(
        '  Sign-in:   not available yet (issue 6). Start with HERSYS_DEV_USER=1 (not in production) to use the demo accounts.',
      );
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
    mailer.close?.();
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
