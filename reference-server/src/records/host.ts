/**
 * The host side of the patient components, for the reference server's API: what `<hersys-patient-record>`
 * (`save`), `<hersys-patient-list>` (`source`) and `<hersys-id-form>` / `<hersys-duplicate-check>`
 * (`checkDuplicates`) need, in one small browser-safe module (only `fetch`; no server code).
 *
 * @example
 *   const host = recordHost();
 *   const view = await host.load(herSysId);
 *   el.record = view.record;
 *   el.save = host.save(herSysId, (record) => (el.record = record));
 *   list.source = host.listSource('tests');
 *   idForm.checkDuplicates = host.checkDuplicates();
 */
import {
  SEVERITIES,
  queryToSearchParams,
  type DuplicateMatch,
  type Issue,
  type OccurrenceReport,
  type PatientListQuery,
  type PatientListResult,
  type PatientListRow,
  type PatientRecord,
  type Person,
  type RecordSection,
} from 'hersys-sdk/schema';

export interface RecordHostOptions {
  /** The fetch to use (default: the global one); tests pass `app.request`. */
  fetch?: (input: string, init?: RequestInit) => Promise<Response>;
  /** Prefix of the API paths (default ''). */
  base?: string;
  /** Extra headers per request (e.g. a CSRF token). */
  headers?: () => Record<string, string>;
}

/** A refused request: HTTP status, the server's error code and message, the issues of a 400. */
export class RecordApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: Issue[] = [],
  ) {
    super(message);
  }
}

/** A stale save: carries the server's current record (what the component's merge view needs). */
export class RecordConflictError extends RecordApiError {
  constructor(
    readonly current: PatientRecord,
    readonly section: string,
    message: string,
  ) {
    super(409, 'version_conflict', message);
  }
}

/** What `GET …/record` answers (see docs/api.md, Patient records). */
export interface RecordView {
  record: PatientRecord;
  header: {
    herSysId: string;
    name: string;
    kana: string;
    sex: string | null;
    sexPrivate: boolean;
    dateOfBirth: string | null;
    age: number | null;
    ageMonths: number | null;
    address: string | null;
    status: string | null;
    infectionClass: string | null;
    myHerSys: boolean;
  };
  sections: Record<RecordSection, { version: number; updatedAt: string | null; updatedBy: string | null }>;
  reports: {
    id: string;
    version: number;
    status: string;
    reportDate: string | null;
    firstReported: { at: string; by: string | null };
    lastUpdated: { at: string; by: string | null };
    healthCenterConfirmed: string | null;
  }[];
}

const SEVERITY_CODES = new Set<string>(SEVERITIES.map((s) => s.code));

export function recordHost(o: RecordHostOptions = {}) {
  const base = o.base ?? '';
  const doFetch = o.fetch ?? ((input: string, init?: RequestInit) => fetch(input, init));

  async function call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await doFetch(base + path, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(o.headers?.() ?? {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    let payload: unknown;
    try {
      payload = await res.json();
    } catch {
      payload = undefined;
    }
    if (!res.ok) {
      const p = (payload ?? {}) as {
        error?: { code?: string; message?: string };
        issues?: Issue[];
        current?: PatientRecord;
        section?: string;
      };
      const message = p.error?.message ?? `HTTP ${res.status}`;
      if (res.status === 409 && p.current && typeof p.current === 'object' && 'herSysId' in p.current) {
        throw new RecordConflictError(p.current, p.section ?? '', message);
      }
      throw new RecordApiError(res.status, p.error?.code ?? 'http_error', message, p.issues ?? []);
    }
    return payload as T;
  }
  const id = (herSysId: string) => encodeURIComponent(herSysId);

  return {
    /** The record, its header, the section versions and the reports. */
    load(herSysId: string): Promise<RecordView> {
      return call<RecordView>('GET', `/api/patients/${id(herSysId)}/record`);
    },

    /**
     * `save` for `<hersys-patient-record>`: resolves to the new version; a stale save rejects with a
     * {@link RecordConflictError} (its `current` opens the merge view). `onRecord` gets the whole current
     * record after each save: set it as the component's `record`, so sections others changed meanwhile are
     * not edited from stale data.
     */
    save(herSysId: string, onRecord?: (record: PatientRecord, view: RecordView) => void) {
      return async (section: RecordSection, data: unknown, version: number): Promise<number> => {
        const view = await call<RecordView & { version: number }>(
          'PUT',
          `/api/patients/${id(herSysId)}/record/${section}`,
          { data, version },
        );
        onRecord?.(view.record, view);
        return view.version;
      };
    },

    /** `checkDuplicates` for the ID form and the duplicate check (debounced by the components). */
    checkDuplicates(options: { excludeHerSysId?: string; limit?: number } = {}) {
      return async (person: Person): Promise<DuplicateMatch<Person & { herSysId: string }>[]> => {
        const body = {
          person: {
            familyName: person.familyName,
            givenName: person.givenName,
            familyNameKana: person.familyNameKana,
            givenNameKana: person.givenNameKana,
            dateOfBirth: person.dateOfBirth,
            phone: person.phone,
            phone2: person.phone2,
          },
          ...options,
        };
        return (
          await call<{ candidates: DuplicateMatch<Person & { herSysId: string }>[] }>(
            'POST',
            '/api/patients/duplicates',
            body,
          )
        ).candidates;
      };
    },

    /** A new 発生届 pre-filled from the record (自動反映). */
    async prefill(herSysId: string): Promise<OccurrenceReport> {
      return (await call<{ draft: OccurrenceReport }>('GET', `/api/patients/${id(herSysId)}/report-prefill`))
        .draft;
    },

    /**
     * `source` for `<hersys-patient-list>`: 登録情報一覧 (`registered`, GET /api/patients) or one of the menu's
     * other lists (GET /api/lists/:variant).
     */
    listSource(variant: 'registered' | 'legacy' | 'tests' | 'reports' | 'observation' | 'inpatients') {
      return async (query: PatientListQuery): Promise<PatientListResult> => {
        if (variant !== 'registered') {
          const qs = new URLSearchParams(queryToSearchParams({ ...query, variant: undefined })).toString();
          const r = await call<PatientListResult>('GET', `/api/lists/${variant}${qs ? `?${qs}` : ''}`);
          return { rows: r.rows, total: r.total };
        }
        // 登録情報一覧: the server's search names two parameters differently and knows fewer severities.
        const params = new URLSearchParams();
        for (const [k, v] of queryToSearchParams({ ...query, variant: undefined, sort: undefined })) {
          if (k === 'infectionClass') params.set('infectionCategory', v);
          else if (k === 'severity') {
            if (SEVERITY_CODES.has(v)) params.set('severity', v);
          } else params.set(k, v);
        }
        if (query.pageSize && query.pageSize > 100) params.set('pageSize', '100');
        const qs = params.toString();
        const r = await call<{ items: Record<string, unknown>[]; total: number }>(
          'GET',
          `/api/patients${qs ? `?${qs}` : ''}`,
        );
        const rows: PatientListRow[] = r.items.map((i) => {
          const row: Record<string, unknown> = {
            herSysId: i.herSysId,
            name: i.name,
            kana: i.kana || undefined,
            localId: i.localId ?? undefined,
            dateOfBirth: i.dateOfBirth ?? undefined,
            diagnosisDate: i.diagnosisDate ?? undefined,
            reportDate: i.reportDate ?? undefined,
            infectionClass: i.infectionCategory ?? undefined,
            status: i.status ?? undefined,
            severity: i.severity ?? undefined,
            periodStart: i.periodStart ?? undefined,
            periodEnd: i.periodEnd ?? undefined,
            residence: i.residence ?? undefined,
            placeName: i.residenceName ?? undefined,
            reportId: i.latestReportId ?? undefined,
          };
          for (const k of Object.keys(row)) if (row[k] === undefined) delete row[k];
          return row as unknown as PatientListRow;
        });
        return { rows, total: r.total };
      };
    },

    /** 記録: the audit trail with field-level changes. */
    audit(herSysId: string, options: { limit?: number; reads?: boolean } = {}) {
      const qs = new URLSearchParams();
      if (options.limit) qs.set('limit', String(options.limit));
      if (options.reads) qs.set('reads', '1');
      return call<{ items: unknown[] }>(
        'GET',
        `/api/patients/${id(herSysId)}/audit${qs.size ? `?${qs}` : ''}`,
      );
    },
  };
}
export type RecordHost = ReturnType<typeof recordHost>;
