/**
 * The rows the menu's lists query (検査結果一覧, 入院状況一覧, 健康観察一覧), derived from the record's
 * sections and rewritten in the same transaction as the section's save.
 */
import type { HealthObservation, LabTest, Medical } from 'hersys-sdk/schema';
import type { RecordListRowTable, RTx } from './types.js';

type Row = RecordListRowTable;

export function listRowsOf(herSysId: string, section: string, data: unknown): Row[] {
  const base = {
    her_sys_id: herSysId,
    end_date: null,
    code1: null,
    code2: null,
    text1: null,
    num1: null,
    num2: null,
  };
  if (section === 'tests') {
    return (data as LabTest[]).map((t) => ({
      ...base,
      kind: 'test' as const,
      row_id: t.id,
      date: t.collectionDate ?? null,
      end_date: t.resultDate ?? null,
      code1: t.method ?? null,
      code2: t.result ?? null,
      text1: t.laboratory ?? null,
    }));
  }
  if (section === 'medical') {
    return ((data as Medical).admissions ?? []).map((a) => ({
      ...base,
      kind: 'admission' as const,
      row_id: a.id,
      date: a.admissionDate ?? null,
      end_date: a.dischargeDate ?? null,
      code1: a.outcome ?? null,
      text1: a.hospital ?? null,
    }));
  }
  if (section === 'healthObservation') {
    const h = data as HealthObservation;
    const entries = (h.entries ?? []).filter((e) => e.date).sort((a, b) => (a.date! < b.date! ? 1 : -1));
    const last = entries[0];
    if (!last && !h.startDate) return [];
    return [
      {
        ...base,
        kind: 'observation' as const,
        row_id: 'summary',
        date: last?.date ?? h.startDate ?? null,
        end_date: h.endDate ?? null,
        text1: h.startDate ?? null,
        num1: last?.temperature ?? null,
        num2: last?.spo2 ?? null,
      },
    ];
  }
  return [];
}

const KIND: Record<string, Row['kind']> = {
  tests: 'test',
  medical: 'admission',
  healthObservation: 'observation',
};

export async function rewriteListRows(
  trx: RTx,
  herSysId: string,
  section: string,
  data: unknown,
): Promise<void> {
  const kind = KIND[section];
  if (!kind) return;
  await trx
    .deleteFrom('record_list_rows')
    .where('her_sys_id', '=', herSysId)
    .where('kind', '=', kind)
    .execute();
  const rows = listRowsOf(herSysId, section, data);
  if (rows.length) await trx.insertInto('record_list_rows').values(rows).execute();
}
