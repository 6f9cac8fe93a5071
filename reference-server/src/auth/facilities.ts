/** Facility directories: where a facility is, for "may this health center issue that account". */
import type { Kysely } from 'kysely';
import type { FacilityDirectory, FacilityInfo, FacilityKind } from './types.js';

/** The columns of the server's facility tables this directory reads. */
interface FacilityTables {
  institutions: { code: string; name: string; kind: string; health_center_code: string };
  health_centers: { code: string; name: string; prefecture_code: string };
  prefectures: { code: string; name: string };
}

/**
 * Reads the reference server's facility tables (`institutions`, `health_centers`, `prefectures`), so the
 * module needs no copy of them.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any host database that has these tables.
export function kyselyFacilityDirectory(host: Kysely<any>): FacilityDirectory {
  const db = host as unknown as Kysely<FacilityTables>;
  return {
    async find(kind: FacilityKind, code: string): Promise<FacilityInfo | undefined> {
      if (kind === 'outpatient' || kind === 'inpatient') {
        const r = await db
          .selectFrom('institutions')
          .innerJoin('health_centers', 'health_centers.code', 'institutions.health_center_code')
          .select([
            'institutions.code',
            'institutions.name',
            'institutions.kind',
            'institutions.health_center_code',
            'health_centers.prefecture_code',
          ])
          .where('institutions.code', '=', code)
          .executeTakeFirst();
        if (!r || r.kind !== kind) return undefined;
        return {
          kind,
          code,
          name: r.name,
          healthCenterCode: r.health_center_code,
          prefectureCode: r.prefecture_code,
        };
      }
      if (kind === 'healthCenter') {
        const r = await db
          .selectFrom('health_centers')
          .select(['code', 'name', 'prefecture_code'])
          .where('code', '=', code)
          .executeTakeFirst();
        return r ? { kind, code, name: r.name, prefectureCode: r.prefecture_code } : undefined;
      }
      const r = await db
        .selectFrom('prefectures')
        .select(['code', 'name'])
        .where('code', '=', code)
        .executeTakeFirst();
      return r ? { kind, code, name: r.name, prefectureCode: r.code } : undefined;
    },
  };
}

/** A fixed list (tests, or a deployment without the facility tables). */
export function staticFacilityDirectory(list: readonly FacilityInfo[]): FacilityDirectory {
  return { find: async (kind, code) => list.find((f) => f.kind === kind && f.code === code) };
}
