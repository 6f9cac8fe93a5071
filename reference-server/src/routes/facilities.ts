import { Hono } from 'hono';
import type { AppEnv } from '../auth.js';
import { requireUser } from '../auth.js';
import { facilityQuery } from '../api-schemas.js';
import { queryParams } from '../lib/validate.js';
import type { Deps } from './deps.js';

/** A LIKE pattern for "contains"; wildcard characters typed by the user are dropped (no facility name has them). */
function likeContains(q: string): string {
  return `%${q.replace(/[\\%_]/g, '')}%`;
}

export function facilityRoutes(deps: Deps) {
  const healthCenters = new Hono<AppEnv>();
  healthCenters.get('/', async (c) => {
    requireUser(c.get('currentUser'));
    const q = queryParams(c, facilityQuery);
    let query = deps.db
      .selectFrom('health_centers')
      .innerJoin('prefectures', 'prefectures.code', 'health_centers.prefecture_code')
      .select([
        'health_centers.code',
        'health_centers.name',
        'health_centers.area',
        'health_centers.email',
        'health_centers.prefecture_code',
        'prefectures.name as prefecture_name',
      ]);
    const text = q.q?.trim();
    if (text) {
      query = query.where((eb) =>
        eb.or([
          eb('health_centers.name', 'like', likeContains(text)),
          eb('health_centers.area', 'like', likeContains(text)),
          eb('health_centers.code', 'like', `${text.replace(/[\\%_]/g, '')}%`),
        ]),
      );
    }
    if (q.prefectureCode) query = query.where('health_centers.prefecture_code', '=', q.prefectureCode);
    const rows = await query.orderBy('health_centers.code').limit(q.limit).execute();
    return c.json({
      items: rows.map((r) => ({
        code: r.code,
        name: r.name,
        detail: `${r.prefecture_name} ${r.area}`,
        prefectureCode: r.prefecture_code,
        email: r.email,
      })),
    });
  });

  const institutions = new Hono<AppEnv>();
  institutions.get('/', async (c) => {
    requireUser(c.get('currentUser'));
    const q = queryParams(c, facilityQuery);
    let query = deps.db.selectFrom('institutions').selectAll();
    const text = q.q?.trim();
    if (text) {
      query = query.where((eb) =>
        eb.or([
          eb('name', 'like', likeContains(text)),
          eb('address', 'like', likeContains(text)),
          eb('code', 'like', `${text.replace(/[\\%_]/g, '')}%`),
        ]),
      );
    }
    const rows = await query.orderBy('code').limit(q.limit).execute();
    return c.json({
      items: rows.map((r) => ({
        code: r.code,
        name: r.name,
        detail: r.address,
        address: r.address,
        phone: r.phone,
        kind: r.kind,
      })),
    });
  });

  return { healthCenters, institutions };
}
