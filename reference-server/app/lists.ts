/** The menu's list screens (`/lists/:variant`) besides 登録情報一覧 (`/patients`), and their titles. */
import type { MessageKey } from './i18n.js';

export const LIST_VARIANTS = ['legacy', 'tests', 'reports', 'observation', 'inpatients'] as const;
export type ListVariant = (typeof LIST_VARIANTS)[number];

/** The screen title of each list (the menu's labels). */
export const LIST_TITLES: Record<ListVariant | 'registered', MessageKey> = {
  registered: 'list.heading',
  legacy: 'menu.oldPatientList',
  tests: 'menu.testResults',
  reports: 'menu.reportList',
  observation: 'menu.observationList',
  inpatients: 'menu.admissionList',
};
