/**
 * The app end to end (e2e-app.test.ts) with the server on PostgreSQL: there a new patient's 報告 is written by
 * another path (services/group-commit.ts `runInOneStatement`), and the report's life in the app — filed, found,
 * edited, printed, deleted, mailed — must be the same. Skipped without TEST_DATABASE_URL.
 */
process.env.E2E_BACKEND = 'postgres';
await import('./e2e-app.test.js');

export {};
