import type { AppConfig } from '../config.js';
import type { Db, Dialect } from '../db/types.js';
import type { Clock } from '../lib/time.js';

export interface Deps {
  db: Db;
  dialect: Dialect;
  clock: Clock;
  config: AppConfig;
}
