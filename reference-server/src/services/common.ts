import type { ExpressionBuilder, Transaction } from 'kysely';
import { appendAudit } from '../audit/chain.js';
import type { CurrentUser } from '../auth.js';
import type { Database, Db } from '../db/types.js';

export type Tx = Transaction<Database> | Db;

/** Who did something, as stored in the *_by columns (the names as they were at the time). */
export interface Actor {
  userId: string;
  userName: string;
  facilityCode: string;
  facilityName: string;
  facilityKind: string;
}

export function actorOf(u: CurrentUser): string {
  const a: Actor = {
    userId: u.userId,
    userName: u.displayName,
    facilityCode: u.facilityCode,
    facilityName: u.facilityName,
    facilityKind: u.facilityKind,
  };
  return JSON.stringify(a);
}

export function parseActor(text: string | null): Omit<Actor, 'userId'> | null {
  if (!text) return null;
  const a = JSON.parse(text) as Actor;
  return {
    facilityCode: a.facilityCode,
    facilityName: a.facilityName,
    facilityKind: a.facilityKind,
    userName: a.userName,
  };
}

/** Patients a user may see. */
export function patientScope(u: CurrentUser) {
  return (eb: ExpressionBuilder<Database, 'patients'>) => {
    switch (u.facilityKind) {
      case 'healthCenter':
        return eb.or([
          eb('patients.responsible_hc', '=', u.facilityCode),
          eb('patients.notified_hc', '=', u.facilityCode),
          eb('patients.owner_facility', '=', u.facilityCode),
        ]);
      case 'prefecture':
        return eb('patients.prefecture_code', '=', u.facilityCode);
      default:
        return eb('patients.owner_facility', '=', u.facilityCode);
    }
  };
}

/** Reports a user may see. */
export function reportScope(u: CurrentUser) {
  return (eb: ExpressionBuilder<Database, 'reports'>) => {
    switch (u.facilityKind) {
      case 'healthCenter':
        return eb.or([
          eb('reports.responsible_hc', '=', u.facilityCode),
          eb('reports.notified_hc', '=', u.facilityCode),
          eb('reports.created_by_facility', '=', u.facilityCode),
        ]);
      case 'prefecture':
        return eb('reports.prefecture_code', '=', u.facilityCode);
      default:
        return eb('reports.created_by_facility', '=', u.facilityCode);
    }
  };
}

export async function audit(
  trx: Tx,
  u: CurrentUser,
  at: string,
  action: string,
  entity: 'report' | 'patient',
  entityId: string,
  version: number | null,
  oldData: unknown,
  newData: unknown,
): Promise<void> {
  await appendAudit(trx, [
    {
      at,
      userId: u.userId,
      facilityCode: u.facilityCode,
      action,
      entity,
      entityId,
      version,
      oldData,
      newData,
      source: u.source,
    },
  ]);
}

/** True for a unique-constraint violation (SQLite or PostgreSQL). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE'
  );
}

/** True for errors worth retrying the whole transaction (PostgreSQL serialization/deadlock). */
export function isRetryable(err: unknown): boolean {
  const code = (err as { code?: string })?.code;
  return code === '40001' || code === '40P01' || code === 'SQLITE_BUSY';
}

export interface AuditInput {
  action: string;
  entity: 'report' | 'patient';
  entityId: string;
  version: number | null;
  oldData?: unknown;
  newData?: unknown;
}

/** Several audit entries in one statement. */
export async function auditMany(trx: Tx, u: CurrentUser, at: string, entries: AuditInput[]): Promise<void> {
  if (entries.length === 0) return;
  await appendAudit(
    trx,
    entries.map((e) => ({
      at,
      userId: u.userId,
      facilityCode: u.facilityCode,
      action: e.action,
      entity: e.entity,
      entityId: e.entityId,
      version: e.version,
      oldData: e.oldData,
      newData: e.newData,
      source: u.source,
    })),
  );
}
