import type { AppConfig } from '../config.js';
import type { Db, Dialect } from '../db/types.js';
import type { ReportChecker } from '../lib/report-check-thread.js';
import type { Clock } from '../lib/time.js';
import type { OutboxDispatcher } from '../outbox/worker.js';

export interface Deps {
  db: Db;
  dialect: Dialect;
  clock: Clock;
  config: AppConfig;
  /** Checks a report against the shared schema (on a thread of its own in the server). */
  reportChecker: ReportChecker;
  /** The outbox worker, handed each 報告's messages once committed (absent: its passes find them). */
  outbox?: OutboxDispatcher;
}
