/**
 * A small typed client of the reference server's API (docs/api.md). Every failure becomes an
 * {@link ApiError} with the HTTP status, the server's error code, the schema issues (on 400) and the
 * request id, so screens can say what went wrong without losing what the user typed.
 */
import type { Issue, OccurrenceReport } from 'hersys-sdk/schema';

export type FacilityKind = 'outpatient' | 'inpatient' | 'healthCenter' | 'prefecture';

export interface Me {
  user: {
    userId: string;
    loginId: string;
    displayName: string;
    facilityKind: FacilityKind;
    facilityCode: string;
    facilityName: string;
    role?: string;
  };
  devMode: boolean;
}

export interface Actor {
  facilityCode?: string;
  facilityName?: string;
  facilityKind?: FacilityKind;
  userName?: string;
}

export interface Stamp {
  at: string;
  by: Actor;
}

export interface ReportEnvelope {
  id: string;
  herSysId: string;
  version: number;
  status: 'active' | 'deleted';
  report: OccurrenceReport;
  header: { firstReported: Stamp; lastUpdated: Stamp; healthCenterConfirmed: Stamp | null };
  deleted: (Stamp & { reason?: string }) | null;
}

export interface Notified {
  role?: 'notified' | 'responsible' | 'prefecture';
  name: string;
  email?: string;
}

export interface CreateReportResponse {
  report: ReportEnvelope;
  issues: Issue[];
  notified: Notified[];
  sms?: { queued: boolean; reason?: string };
}

export interface PatientRecord {
  familyName?: string;
  givenName?: string;
  familyNameKana?: string;
  givenNameKana?: string;
  dateOfBirth?: string;
  sex?: string;
  nationality?: string;
  postalCode?: string;
  prefectureCode?: string;
  city?: string;
  street?: string;
  phone?: string;
  passportNumber?: string;
  localId?: string;
  responsibleHealthCenterCode?: string;
  infectionCategory?: string;
  status?: string;
  severity?: string;
  residence?: string;
  residenceName?: string;
  periodStart?: string;
  periodEnd?: string;
  treatmentDate?: string;
}

export interface ReportSummary {
  id: string;
  reportDate?: string | null;
  status?: 'active' | 'deleted';
  version?: number;
  [key: string]: unknown;
}

export interface Patient extends PatientRecord {
  herSysId: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  reports: ReportSummary[];
}

export interface FacilityHit {
  code: string;
  name: string;
  detail?: string;
  address?: string;
  phone?: string;
}

export interface DraftResponse {
  herSysId: string;
  sourceReportId?: string;
  draft: OccurrenceReport;
}

/** What went wrong with an API call. `status` 0 means the server could not be reached. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: Issue[] = [],
    readonly requestId?: string,
    readonly body?: unknown,
  ) {
    super(message);
  }
}

/** Fired on `window` when a call answers 401: the session ended (or never began); the shell shows the sign-in. */
export const UNAUTHENTICATED_EVENT = 'clinic-unauthenticated';

let csrfToken: Promise<string> | undefined;

/** The CSRF token (`GET /api/auth/csrf`, once), sent as `X-CSRF-Token` on every state-changing call. */
function csrf(): Promise<string> {
  csrfToken ??= fetch('/api/auth/csrf', {
    credentials: 'same-origin',
    headers: { Accept: 'application/json' },
  })
    .then(async (r) => {
      if (!r.ok) throw new ApiError(r.status, 'csrf_unavailable', `HTTP ${r.status}`);
      return ((await r.json()) as { token: string }).token;
    })
    .catch((error: unknown) => {
      csrfToken = undefined;
      throw error instanceof ApiError
        ? error
        : new ApiError(0, 'network', error instanceof Error ? error.message : String(error));
    });
  return csrfToken;
}

async function request<T>(
  method: string,
  url: string,
  options: { body?: unknown; headers?: Record<string, string>; signal?: AbortSignal } = {},
  retried = false,
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD') headers['X-CSRF-Token'] = await csrf();
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
      credentials: 'same-origin',
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', error instanceof Error ? error.message : String(error));
  }
  const requestId = response.headers.get('X-Request-Id') ?? undefined;
  let data: unknown = undefined;
  const text = await response.text().catch(() => '');
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }
  if (!response.ok) {
    const err = (data as { error?: { code?: string; message?: string } } | undefined)?.error;
    // The CSRF cookie may have been replaced (another tab, a sign-in): fetch a new token and try once more.
    if (response.status === 403 && err?.code === 'csrf_failed' && !retried) {
      csrfToken = undefined;
      return request<T>(method, url, options, true);
    }
    if (response.status === 401 && err?.code !== 'reauth_required')
      window.dispatchEvent(new Event(UNAUTHENTICATED_EVENT));
    const issues = (data as { issues?: Issue[] } | undefined)?.issues ?? [];
    throw new ApiError(
      response.status,
      err?.code ?? `http_${response.status}`,
      err?.message ?? (response.statusText || `HTTP ${response.status}`),
      Array.isArray(issues) ? issues : [],
      requestId,
      data,
    );
  }
  return data as T;
}

function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') q.set(key, String(value));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

const enc = encodeURIComponent;

export interface SessionInfo {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt?: string;
  ip?: string;
  userAgent?: string;
  current: boolean;
}

export const api = {
  me: () => request<Me>('GET', '/api/me'),

  signOut: () => request<unknown>('POST', '/api/auth/logout', { body: {} }),

  sessions: () => request<{ items: SessionInfo[] }>('GET', '/api/auth/sessions'),

  endSession: (id: string) => request<unknown>('DELETE', `/api/auth/sessions/${enc(id)}`),

  createReport: (
    body: { report: OccurrenceReport; herSysId?: string },
    idempotencyKey: string,
  ): Promise<CreateReportResponse> =>
    request('POST', '/api/reports', { body, headers: { 'Idempotency-Key': idempotencyKey } }),

  getReport: (id: string) => request<ReportEnvelope>('GET', `/api/reports/${enc(id)}`),

  updateReport: (id: string, report: OccurrenceReport, version: number) =>
    request<ReportEnvelope>('PUT', `/api/reports/${enc(id)}`, {
      body: { report, version },
      headers: { 'If-Match': `"${version}"` },
    }),

  copyReport: (id: string) => request<DraftResponse>('GET', `/api/reports/${enc(id)}/copy`),

  deleteReport: (id: string, reportDate: string, reason?: string) =>
    request<ReportEnvelope>('POST', `/api/reports/${enc(id)}/delete`, {
      body: reason ? { reportDate, reason } : { reportDate },
    }),

  confirmReport: (id: string) =>
    request<ReportEnvelope>('POST', `/api/reports/${enc(id)}/confirm`, { body: {} }),

  restoreReport: (id: string) =>
    request<ReportEnvelope>('POST', `/api/reports/${enc(id)}/restore`, { body: {} }),

  pdfUrl: (id: string, printHerSysId: boolean, locale: string) =>
    `/api/reports/${enc(id)}/pdf${query({ printHerSysId: printHerSysId ? 1 : undefined, locale })}`,

  /** 追加登録 / 発生届を提出 from the record: a new 発生届 pre-filled from the record (自動反映). */
  newReportFor: (herSysId: string) =>
    request<DraftResponse>('GET', `/api/patients/${enc(herSysId)}/report-prefill`),

  getPatient: (herSysId: string) =>
    request<{ patient: Patient }>('GET', `/api/patients/${enc(herSysId)}`).then((r) => r.patient),

  createPatient: (patient: PatientRecord) =>
    request<{ patient: Patient }>('POST', '/api/patients', { body: { patient } }).then((r) => r.patient),

  searchHealthCenters: (q: string) =>
    request<{ items: FacilityHit[] }>('GET', `/api/health-centers${query({ q, limit: 20 })}`).then((r) =>
      r.items.map(({ code, name, detail }) => ({ code, name, detail })),
    ),

  searchInstitutions: (q: string) =>
    request<{ items: FacilityHit[] }>('GET', `/api/institutions${query({ q, limit: 20 })}`).then((r) =>
      r.items.map(({ code, name, detail, address, phone }) => ({ code, name, detail, address, phone })),
    ),
};

/**
 * `fetch` for the SDK's record host (`reference-server/src/records/host.ts`): the same session rules as
 * {@link api}: `X-CSRF-Token` on every write (fetched again once after a `csrf_failed`), and a 401 shows the
 * sign-in. Network failures reject with an {@link ApiError} (status 0).
 */
export async function authFetch(input: string, init: RequestInit = {}, retried = false): Promise<Response> {
  const method = (init.method ?? 'GET').toUpperCase();
  const headers = new Headers(init.headers);
  if (method !== 'GET' && method !== 'HEAD') headers.set('X-CSRF-Token', await csrf());
  let response: Response;
  try {
    response = await fetch(input, { ...init, headers, credentials: 'same-origin' });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', error instanceof Error ? error.message : String(error));
  }
  if (response.status === 403 || response.status === 401) {
    const code = await response
      .clone()
      .json()
      .then((d: { error?: { code?: string } }) => d?.error?.code)
      .catch(() => undefined);
    if (response.status === 403 && code === 'csrf_failed' && !retried) {
      csrfToken = undefined;
      return authFetch(input, init, true);
    }
    if (response.status === 401 && code !== 'reauth_required')
      window.dispatchEvent(new Event(UNAUTHENTICATED_EVENT));
  }
  return response;
}

/** A random Idempotency-Key (UUID v4). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}
