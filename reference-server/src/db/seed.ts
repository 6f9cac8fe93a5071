/**
 * Demo data created on the first start: a prefecture (東京都, plus 神奈川県 for the fixtures), health centers,
 * an outpatient clinic, an inpatient hospital and one account per facility. All names, addresses and mail
 * addresses are fictitious (`.example` is reserved for documentation, RFC 2606).
 */
import { isUniqueViolation } from '../services/common.js';
import type { Db } from './types.js';

export const DEMO = {
  prefectures: [
    { code: '13', name: '東京都', email: 'kansen@pref-tokyo.example' },
    { code: '14', name: '神奈川県', email: 'kansen@pref-kanagawa.example' },
  ],
  healthCenters: [
    {
      code: '13103',
      name: 'みなと保健所',
      prefecture_code: '13',
      email: 'hokenjo@minato.example',
      area: '東京都港区',
    },
    {
      code: '13101',
      name: '千代田保健所',
      prefecture_code: '13',
      email: 'hokenjo@chiyoda.example',
      area: '東京都千代田区',
    },
    {
      code: '14104',
      name: '横浜市中区福祉保健センター',
      prefecture_code: '14',
      email: 'hokenjo@yokohama-naka.example',
      area: '神奈川県横浜市中区',
    },
  ],
  institutions: [
    {
      code: '1312345678',
      name: '東京中央クリニック',
      kind: 'outpatient' as const,
      address: '東京都港区海岸1-1-1',
      phone: '03-1234-1234',
      email: 'info@tokyo-chuo-clinic.example',
      health_center_code: '13103',
    },
    {
      code: '1398765432',
      name: '千代田みらい病院',
      kind: 'inpatient' as const,
      address: '東京都千代田区神田2-2-2',
      phone: '03-5555-0101',
      email: 'info@chiyoda-mirai-hospital.example',
      health_center_code: '13101',
    },
  ],
  users: [
    {
      id: 'u-clinic',
      login_id: 'clinic',
      display_name: '東京中央クリニック 河野 和男',
      facility_kind: 'outpatient' as const,
      facility_code: '1312345678',
      role: 'doctor',
    },
    {
      id: 'u-hospital',
      login_id: 'hospital',
      display_name: '千代田みらい病院 田中 誠',
      facility_kind: 'inpatient' as const,
      facility_code: '1398765432',
      role: 'doctor',
    },
    {
      id: 'u-minato-hc',
      login_id: 'minato-hc',
      display_name: 'みなと保健所 保健師 佐々木',
      facility_kind: 'healthCenter' as const,
      facility_code: '13103',
      role: 'staff',
    },
    {
      id: 'u-chiyoda-hc',
      login_id: 'chiyoda-hc',
      display_name: '千代田保健所 保健師 小林',
      facility_kind: 'healthCenter' as const,
      facility_code: '13101',
      role: 'staff',
    },
    {
      id: 'u-tokyo-pref',
      login_id: 'tokyo-pref',
      display_name: '東京都 感染症対策課 山本',
      facility_kind: 'prefecture' as const,
      facility_code: '13',
      role: 'staff',
    },
  ],
};

/** The account the development mode signs in as. */
export const DEV_DEFAULT_LOGIN = 'clinic';

/** Inserts the demo data if the database has none. Returns whether it seeded. */
export async function seedDemoData(db: Db, now: string): Promise<boolean> {
  try {
    return await insertDemoData(db, now);
  } catch (err) {
    // Another instance seeded at the same moment (two servers starting on one PostgreSQL).
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

async function insertDemoData(db: Db, now: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('prefectures').select('code').limit(1).executeTakeFirst();
    if (existing) return false;
    await trx.insertInto('prefectures').values(DEMO.prefectures).execute();
    await trx.insertInto('health_centers').values(DEMO.healthCenters).execute();
    await trx.insertInto('institutions').values(DEMO.institutions).execute();
    await trx
      .insertInto('users')
      .values(DEMO.users.map((u) => ({ ...u, created_at: now })))
      .execute();
    return true;
  });
}
