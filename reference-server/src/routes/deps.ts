import type { AppConfig } from '../config.js';
import type { Db, Dialect } from '../db/types.js';
import type { ReportChecker } from '../lib/report-check-thread.js';
import type { Clock } from '../lib/time.js';

export interface Deps {
  db: Db;
  dialect: Dialect;
  clock: Clock;
  config: AppConfig;
  /** Checks a report against the shared schema (on a thread of its own in the server). */
  reportChecker: ReportChecker;
}
