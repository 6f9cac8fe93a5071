/**
 * The OpenAPI 3.1 document, generated from the same zod schemas the handlers validate with (JSON Schema
 * 2020-12 is OpenAPI 3.1's dialect), and a self-contained docs page rendering it.
 */
import * as z from 'zod';
import {
  RECORD_SECTIONS,
  occurrenceReportSchema,
  patientListQuerySchema,
  recordSectionSchemas,
} from 'hersys-sdk/schema';
import * as S from './api-schemas.js';
import { AttemptBody, Bodies } from './auth/app.js';
import { esc, page } from './lib/html.js';
import { LIST_VARIANTS } from './records/lists.js';
import { auditQuery, duplicateBody, sectionBody } from './records/routes.js';

interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  tag: string;
  summary: string;
  description?: string;
  /** Answered without a session (`security: []`); every other operation needs the session cookie. */
  public?: true;
  body?: string;
  query?: z.core.$ZodObject;
  headers?: { name: string; description: string; required?: boolean }[];
  /** `headers`: names of components.headers the answer carries (as that name, e.g. `ETag`). */
  ok: { status: number; schema?: string; contentType?: string; description: string; headers?: string[] };
  /** A status (ERROR_TEXT says why), or a status with the route's own reasons. */
  errors: (number | [number, string])[];
}

/** JSON Schema as OpenAPI 3.1 wants it: 2020-12, what a client sends, no failure on zod-only types. */
const JSON_SCHEMA = { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' } as const;

/** A schema inlined in a parameter (components carry no `$schema` either). */
function inlineSchema(schema: z.core.$ZodType): Record<string, unknown> {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, JSON_SCHEMA) as Record<string, unknown>;
  return rest;
}

/**
 * Path parameters by name, with the values the routes accept: the server answers 404 for any other value, so a
 * client generated from the document can refuse it before asking. A name not listed is any string.
 */
const PATH_PARAMS: Record<string, { schema: z.core.$ZodType; description: string }> = {
  herSysId: { schema: S.herSysId, description: 'HER-SYS ID (8 digits)' },
  section: {
    schema: z.enum(RECORD_SECTIONS),
    description: 'The section (tab) of the record saved; `data` has that section’s schema',
  },
  variant: {
    schema: z.enum(LIST_VARIANTS),
    description: 'The list of the menu (登録情報一覧 itself is GET /api/patients)',
  },
  loginId: { schema: z.string(), description: 'The account’s login ID (width and case do not matter)' },
};

const P = (name: string) => {
  const known = PATH_PARAMS[name];
  return {
    name,
    in: 'path',
    required: true,
    ...(known
      ? { description: known.description, schema: inlineSchema(known.schema) }
      : { schema: { type: 'string' } }),
  };
};

/** The version an edit was made on (optimistic concurrency; `version` in the body does the same). */
const IF_MATCH = { name: 'If-Match', description: 'The version edited, e.g. "3" (or `version` in the body)' };

/**
 * The record's version for a section save: the record version the editor loaded or the section's own; only a
 * change of that section after it is a conflict.
 */
const RECORD_IF_MATCH = {
  name: 'If-Match',
  description:
    'The record version edited, e.g. "3" (also 3 or W/"3"; or `version` in the body; both and different → 400)',
};

// Why the sign-in routes refuse, in the auth module's words (docs/security.md §1 lists the codes).
const ATTEMPT_EXPIRED =
  'The attempt expired, ended or is unknown (`attempt_expired`): start again with POST /api/auth/login-id';
const WRONG_STEP = 'The attempt is not at this step (`wrong_step`; `next` says where it is)';
const THROTTLED =
  'Too many failures: this account is slowed down (`slow_down`) or this address is blocked (`too_many_attempts`); wait `Retry-After` seconds';
const TOO_MANY_CODES = 'Too many codes were sent this hour (`too_many_codes`); wait `Retry-After` seconds';
const DELIVERY_FAILED =
  'The code could not be delivered (`delivery_failed`): check the number or use the other method';
const METHOD_OFF = 'The facility switched this method off (`method_disabled`)';
const PHONE_REFUSED =
  'Invalid body, or the number cannot be used (issues `phone.invalid`, `phone.notReachable`, `phone.smsNeedsMobile`)';
const PASSWORD_REFUSED =
  'Invalid body, the current password is wrong (`password.wrongCurrent`) or the new one is refused (issues `password.*`)';
const CODE_GONE =
  'The code was used or replaced (`code_used`), expired (`code_expired`) or tried 5 times (`code_exhausted`): request a new one';
const RECENT_AUTH =
  'Not signed in (`unauthenticated`), or the password and second factor were not confirmed recently (`reauth_required`, 10 minutes by default: POST /api/auth/reauth)';
const LAST_FACTOR = 'It is the only second factor (`last_factor`): register another one first';
const NOT_IN_AREA = 'No account with this login ID in the user’s area';
const DONE =
  'With `done` the session cookie is set (a re-authentication answers `{ next: done, reauthenticated: true }` and keeps the session).';

const ROUTES: RouteDoc[] = [
  {
    method: 'get',
    path: '/api/health',
    tag: 'meta',
    public: true,
    summary: 'Liveness',
    ok: { status: 200, description: '{ ok: true }' },
    errors: [],
  },
  {
    method: 'get',
    path: '/api/openapi.json',
    tag: 'meta',
    public: true,
    summary: 'This document (OpenAPI 3.1)',
    ok: { status: 200, description: 'The OpenAPI document' },
    errors: [],
  },
  {
    method: 'get',
    path: '/api/docs',
    tag: 'meta',
    public: true,
    summary: 'This document as a self-contained HTML page',
    ok: { status: 200, contentType: 'text/html', description: 'The docs page' },
    errors: [],
  },
  {
    method: 'get',
    path: '/api/me',
    tag: 'meta',
    summary: 'The current user and facility',
    ok: { status: 200, schema: 'MeResponse', description: 'The user' },
    errors: [401],
  },
  {
    method: 'get',
    path: '/api/health-centers',
    tag: 'facilities',
    summary: 'Search health centers (保健所を検索)',
    query: S.facilityQuery,
    ok: { status: 200, schema: 'FacilityList', description: 'Matching health centers' },
    errors: [400, 401],
  },
  {
    method: 'get',
    path: '/api/institutions',
    tag: 'facilities',
    summary: 'Search medical institutions',
    query: S.facilityQuery,
    ok: { status: 200, schema: 'FacilityList', description: 'Matching institutions' },
    errors: [400, 401],
  },
  {
    method: 'get',
    path: '/api/patients',
    tag: 'patients',
    summary: '登録情報一覧: search registered patients',
    description: "Every filter of the manual's 登録情報一覧, AND-combined; sorted by 期間開始日 descending.",
    query: S.searchQuery,
    ok: { status: 200, schema: 'SearchResponse', description: 'One page of patients' },
    errors: [400, 401],
  },
  {
    method: 'post',
    path: '/api/patients',
    tag: 'patients',
    summary: 'ID管理: register a patient (issues a HER-SYS ID)',
    body: 'CreatePatientBody',
    ok: { status: 201, schema: 'PatientResponse', description: 'The registered patient' },
    errors: [400, 401, 413, 415],
  },
  {
    method: 'get',
    path: '/api/patients/{herSysId}',
    tag: 'patients',
    summary: 'Read a patient with their reports',
    ok: { status: 200, schema: 'PatientResponse', description: 'The patient' },
    errors: [401, 404],
  },
  {
    method: 'patch',
    path: '/api/patients/{herSysId}',
    tag: 'patients',
    summary: 'Update ID-management data',
    body: 'PatchPatientBody',
    headers: [IF_MATCH],
    ok: { status: 200, schema: 'PatientResponse', description: 'The updated patient' },
    errors: [400, 401, 404, 409, 428],
  },
  {
    method: 'post',
    path: '/api/reports',
    tag: 'reports',
    summary: '報告: file a report',
    description:
      'Validated with validateReport; errors give 400 with issues. Queues the notification mails and the SMS invitation in the same transaction.',
    body: 'CreateReportBody',
    headers: [
      {
        name: 'Idempotency-Key',
        description: '8–128 visible ASCII characters; a retry returns the first response',
      },
    ],
    ok: {
      status: 201,
      schema: 'CreateReportResponse',
      description: 'The stored report, who was mailed, whether an SMS was queued',
      headers: ['ReportETag', 'Location', 'IdempotentReplayed'],
    },
    errors: [400, 401, 404, 413, 415, 422],
  },
  {
    method: 'get',
    path: '/api/reports/{id}',
    tag: 'reports',
    summary: 'Read a report with its header (初回報告/最終更新/保健所確認済)',
    ok: { status: 200, schema: 'ReportEnvelope', description: 'The report', headers: ['ReportETag'] },
    errors: [401, 404],
  },
  {
    method: 'put',
    path: '/api/reports/{id}',
    tag: 'reports',
    summary: '編集: update a report (optimistic concurrency)',
    body: 'UpdateReportBody',
    headers: [IF_MATCH],
    ok: {
      status: 200,
      schema: 'ReportEnvelope',
      description: 'The updated report',
      headers: ['ReportETag'],
    },
    errors: [400, 401, 404, 409, 413, 415, 428],
  },
  {
    method: 'get',
    path: '/api/reports/{id}/copy',
    tag: 'reports',
    summary: 'コピーして追加登録: a draft copied from a report',
    ok: { status: 200, schema: 'DraftResponse', description: 'A draft, not stored' },
    errors: [401, 404],
  },
  {
    method: 'post',
    path: '/api/reports/{id}/delete',
    tag: 'reports',
    summary: '削除: soft-delete with the report date as confirmation',
    body: 'DeleteReportBody',
    ok: {
      status: 200,
      schema: 'ReportEnvelope',
      description: 'The deleted report',
      headers: ['ReportETag'],
    },
    errors: [400, 401, 404, 409, 422],
  },
  {
    method: 'post',
    path: '/api/reports/{id}/restore',
    tag: 'reports',
    summary: 'Restore a deleted report (health center, prefecture)',
    ok: {
      status: 200,
      schema: 'ReportEnvelope',
      description: 'The restored report',
      headers: ['ReportETag'],
    },
    errors: [401, 403, 404, 409],
  },
  {
    method: 'post',
    path: '/api/reports/{id}/confirm',
    tag: 'reports',
    summary: '保健所確認済: mark as confirmed (health center)',
    ok: {
      status: 200,
      schema: 'ReportEnvelope',
      description: 'The confirmed report',
      headers: ['ReportETag'],
    },
    errors: [401, 403, 404, 409],
  },
  {
    method: 'get',
    path: '/api/reports/{id}/history',
    tag: 'reports',
    summary: 'Audit history of a report',
    ok: { status: 200, schema: 'HistoryResponse', description: 'Audit entries, oldest first' },
    errors: [401, 404],
  },
  {
    method: 'get',
    path: '/api/reports/{id}/pdf',
    tag: 'reports',
    summary: 'PDF（印刷用）',
    query: S.pdfQuery,
    ok: { status: 200, contentType: 'application/pdf', description: 'The printable PDF' },
    errors: [400, 401, 404, 503],
  },
  {
    method: 'post',
    path: '/api/patients/duplicates',
    tag: 'records',
    summary: 'Duplicate check: registered people like the one being typed',
    description:
      'Partial input is normal: only lengths are checked, an incomplete date of birth is ignored, other `Person` fields are ignored. Only people in the user’s scope are considered. Answers `{ candidates: [{ candidate: Person & { herSysId }, score: 0–100, reasons: (sameKana | sameName | sameDob | samePhone | nameOrderSwapped | variantKanji | widthVariant)[] }] }`, best first, from score 50, at most `limit` (default 20). A read: the prefecture may check too.',
    body: 'DuplicateCheckBody',
    ok: { status: 200, description: 'The candidates' },
    errors: [400, 401, 413, 415],
  },
  {
    method: 'get',
    path: '/api/patients/{herSysId}/record',
    tag: 'records',
    summary: '閲覧: the patient record with its header, section versions and reports',
    description:
      'Answers `{ record: PatientRecord (hersys-sdk/schema; what <hersys-patient-record> takes), header: { herSysId, name, kana, sex, sexPrivate, dateOfBirth, age, ageMonths, address, status, infectionClass, myHerSys }, sections: { <section>: { version, updatedAt, updatedBy } }, reports: [{ id, version, status, reportDate, firstReported: { at, by }, lastUpdated: { at, by }, healthCenterConfirmed }] }`, with `ETag: "<record version>"`. A private birth date or sex is left out for users of other facilities.',
    ok: { status: 200, description: 'The record', headers: ['RecordETag'] },
    errors: [401, 404],
  },
  {
    method: 'put',
    path: '/api/patients/{herSysId}/record/{section}',
    tag: 'records',
    summary: '編集: save one section of the record (optimistic concurrency per section)',
    description:
      'The version is required, as `If-Match` or `version` (neither → 428). It is stale only when that section changed after it: 409 `version_conflict` with `current` (the whole current PatientRecord), `section` and `sectionVersion`; nothing is overwritten. `data` is validated with the section’s schema and the section rules: errors → 400 with `issues` under `data.`; warnings come back in `issues`. Answers what GET …/record answers plus `{ section, version (the new record version), sectionVersion, changed (false when the data equals what is stored), issues }`, with `ETag`. The prefecture reads records but does not edit them (403). An unknown section → 404.',
    body: 'RecordSectionBody',
    headers: [RECORD_IF_MATCH],
    ok: { status: 200, description: 'The saved record', headers: ['RecordETag'] },
    errors: [400, 401, 403, 404, 409, 413, 415, 428],
  },
  {
    method: 'get',
    path: '/api/patients/{herSysId}/audit',
    tag: 'records',
    summary: '記録: the person’s audit trail with field-level changes',
    description:
      'Answers `{ herSysId, items: [{ at, actor, action, target, version, summary, changes?: [{ path, old, new }] }] }`, newest first: 登録, ID管理 changes, every section save, and the events of the person’s reports the user may see (`target` `report:<id>`). Reads and searches only with `reads=1`.',
    query: auditQuery,
    ok: { status: 200, description: 'The audit trail' },
    errors: [400, 401, 404],
  },
  {
    method: 'get',
    path: '/api/patients/{herSysId}/report-prefill',
    tag: 'records',
    summary: '自動反映: a new 発生届 pre-filled from the record',
    description:
      'Answers `{ herSysId, version (the record version), draft: OccurrenceReport }`: 氏名, フリガナ, 性別, 生年月日, 電話, 住所 and 職業 from the record, not stored. File it with POST /api/reports and `herSysId`.',
    ok: { status: 200, description: 'A draft, not stored' },
    errors: [401, 404],
  },
  {
    method: 'get',
    path: '/api/lists/{variant}',
    tag: 'records',
    summary: 'The menu’s other lists (旧登録情報一覧, 検査結果一覧, 発生届一覧, 健康観察一覧, 入院状況一覧)',
    description:
      'The list’s URL query (`queryToSearchParams` of PatientListQuery); an empty parameter is ignored, a repeated, unknown or invalid one → 400, `page` at most 100000. Answers `{ rows: PatientListRow[], total, totalIsLowerBound }` (the PatientListSource shape of <hersys-patient-list>; `total` is counted up to 1,000). `inpatients` → 403 for an outpatient clinic; an unknown variant → 404.',
    query: patientListQuerySchema,
    ok: { status: 200, description: 'One page of rows' },
    errors: [400, 401, 403, 404],
  },
  {
    method: 'get',
    path: '/api/audit/verify',
    tag: 'audit',
    summary: 'Check the audit log’s hash chain (health centers, prefectures)',
    description:
      'Walks the hash-chained audit log from its first entry and reports the first broken link: `{ ok, checked, head: { seq, hash }, broken?: { seq, id?, reason: altered | deleted | unchained, message } }`. See docs/security.md §8.',
    ok: { status: 200, description: 'The verdict' },
    errors: [401, 403],
  },

  // The sign-in (reference-server/src/auth/app.ts): its refusals are the auth module's, so each says its codes.
  {
    method: 'get',
    path: '/api/auth/csrf',
    tag: 'auth',
    summary: 'The CSRF token (and its cookie)',
    description:
      'Answers `{ token, header }` and sets the token as the `__Host-hersys-csrf` cookie (`hersys-csrf` over plain http; a valid cookie already sent is kept). Send `token` as `X-CSRF-Token` on every POST, PUT, PATCH and DELETE, the sign-in steps included, with the cookie. Ask once, when the client starts.',
    public: true,
    ok: { status: 200, schema: 'CsrfResponse', description: 'The token', headers: ['CsrfCookie'] },
    errors: [],
  },
  {
    method: 'get',
    path: '/api/auth/help',
    tag: 'auth',
    summary:
      'Whom to ask when the account cannot be used (アカウントにアクセスできない場合 / パスワードを忘れた場合)',
    public: true,
    ok: { status: 200, schema: 'AuthHelpResponse', description: 'The texts, ja and en' },
    errors: [],
  },
  {
    method: 'post',
    path: '/api/auth/login-id',
    tag: 'auth',
    summary: '③ ID: start a sign-in',
    description:
      'The same answer whether or not the ID exists. `attemptId` names the attempt in every following step (15 minutes by default).',
    public: true,
    body: 'LoginIdBody',
    ok: { status: 200, schema: 'AttemptStarted', description: 'The attempt; next: password' },
    errors: [400, 413, 415],
  },
  {
    method: 'post',
    path: '/api/auth/password',
    tag: 'auth',
    summary: '④ パスワード: the password of the attempt',
    description:
      'Answers the next step: `enrollPhone` (first sign-in: POST /api/auth/phone) or `secondFactor` with the account’s `methods`.',
    public: true,
    body: 'PasswordBody',
    ok: { status: 200, schema: 'SignInStep', description: 'The next step' },
    errors: [
      400,
      [
        401,
        `Wrong login ID or password (\`invalid_credentials\`, the same for an unknown ID) or the initial password expired (\`initial_password_expired\`). ${ATTEMPT_EXPIRED}`,
      ],
      [409, `${WRONG_STEP}, or no second factor is registered (\`no_second_factor\`, re-authentication)`],
      413,
      415,
      [429, THROTTLED],
    ],
  },
  {
    method: 'post',
    path: '/api/auth/phone',
    tag: 'auth',
    summary: '⑥ First sign-in: register the phone (Japan +81) and send a code by SMS or voice call',
    public: true,
    body: 'PhoneBody',
    ok: { status: 200, schema: 'CodeSent', description: 'The code was sent; next: POST /api/auth/verify' },
    errors: [
      [400, PHONE_REFUSED],
      [401, ATTEMPT_EXPIRED],
      [403, METHOD_OFF],
      [409, WRONG_STEP],
      413,
      415,
      [422, DELIVERY_FAILED],
      [429, TOO_MANY_CODES],
    ],
  },
  {
    method: 'post',
    path: '/api/auth/send-code',
    tag: 'auth',
    summary: 'Later sign-ins: a code to the registered phone (SMS or voice call)',
    public: true,
    body: 'SendCodeBody',
    ok: { status: 200, schema: 'CodeSent', description: 'The code was sent; next: POST /api/auth/verify' },
    errors: [
      400,
      [401, ATTEMPT_EXPIRED],
      [403, 'This method is not available for the account (`method_disabled`)'],
      [409, WRONG_STEP],
      413,
      415,
      [422, DELIVERY_FAILED],
      [429, TOO_MANY_CODES],
    ],
  },
  {
    method: 'post',
    path: '/api/auth/verify',
    tag: 'auth',
    summary: '⑦⑧ The code: SMS, voice call, or an authenticator app (`method: totp`)',
    description: `Answers the next step: \`changePassword\` (first sign-in) or \`done\`. ${DONE}`,
    public: true,
    body: 'VerifyBody',
    ok: { status: 200, schema: 'SignInStep', description: 'The next step', headers: ['SessionCookie'] },
    errors: [
      400,
      [401, `Wrong code (\`invalid_code\`, with \`triesLeft\`). ${ATTEMPT_EXPIRED}`],
      [403, 'No usable authenticator app is registered (`method_disabled`)'],
      [409, `${WRONG_STEP}, or no code was requested (\`no_code\`)`],
      [410, CODE_GONE],
      413,
      415,
      [429, THROTTLED],
    ],
  },
  {
    method: 'post',
    path: '/api/auth/webauthn/authenticate/options',
    tag: 'auth',
    summary: 'Security key (WebAuthn) as the second factor: the request options',
    description:
      'Answers PublicKeyCredentialRequestOptionsJSON: pass it to `navigator.credentials.get()` (through `PublicKeyCredential.parseRequestOptionsFromJSON()`, or `startAuthentication()` of @simplewebauthn/browser). Valid 5 minutes.',
    public: true,
    body: 'AttemptBody',
    ok: { status: 200, description: 'PublicKeyCredentialRequestOptionsJSON' },
    errors: [
      400,
      [401, ATTEMPT_EXPIRED],
      [403, 'No security key is registered (`method_disabled`)'],
      [409, WRONG_STEP],
      413,
      415,
    ],
  },
  {
    method: 'post',
    path: '/api/auth/webauthn/authenticate/verify',
    tag: 'auth',
    summary: 'Security key: the signed assertion',
    description: `Answers the next step like POST /api/auth/verify. ${DONE}`,
    public: true,
    body: 'WebAuthnAuthenticationBody',
    ok: { status: 200, schema: 'SignInStep', description: 'The next step', headers: ['SessionCookie'] },
    errors: [
      400,
      [401, `The security key was not accepted (\`invalid_credential\`). ${ATTEMPT_EXPIRED}`],
      [409, WRONG_STEP],
      [410, 'The options expired or were used (`code_expired`): ask for new options'],
      413,
      415,
      [429, THROTTLED],
    ],
  },
  {
    method: 'post',
    path: '/api/auth/change-initial-password',
    tag: 'auth',
    summary: '⑩ First sign-in: replace the initial password, then the session',
    description: `Ends the account’s other sessions. ${DONE}`,
    public: true,
    body: 'ChangeInitialPasswordBody',
    ok: { status: 200, schema: 'SignInStep', description: 'done', headers: ['SessionCookie'] },
    errors: [[400, PASSWORD_REFUSED], [401, ATTEMPT_EXPIRED], [409, WRONG_STEP], 413, 415, [429, THROTTLED]],
  },
  {
    method: 'post',
    path: '/api/auth/logout',
    tag: 'auth',
    summary: 'Sign out: ends the session of the cookie, if any, and deletes the cookie',
    public: true,
    ok: { status: 200, schema: 'SignedOut', description: 'Signed out' },
    errors: [],
  },
  {
    method: 'get',
    path: '/api/auth/me',
    tag: 'auth',
    summary: 'The signed-in user, their second factors and their session',
    ok: { status: 200, schema: 'AuthMeResponse', description: 'The user' },
    errors: [401],
  },
  {
    method: 'get',
    path: '/api/auth/sessions',
    tag: 'auth',
    summary: 'セッション: the user’s open sessions',
    ok: { status: 200, schema: 'SessionList', description: 'Newest first' },
    errors: [401],
  },
  {
    method: 'delete',
    path: '/api/auth/sessions/{id}',
    tag: 'auth',
    summary: 'End one of the user’s sessions (the current one deletes the cookie)',
    ok: { status: 200, schema: 'Ended', description: 'Ended' },
    errors: [401, [404, 'No open session of this user with this id']],
  },
  {
    method: 'post',
    path: '/api/auth/reauth',
    tag: 'auth',
    summary: 'Re-authentication: start the password and second-factor steps for this session',
    description:
      'For a route that answered 401 `reauth_required`: continue with POST /api/auth/password and the second factor; the last step answers `{ next: done, reauthenticated: true }`.',
    ok: { status: 200, schema: 'AttemptStarted', description: 'The attempt; next: password' },
    errors: [401],
  },
  {
    method: 'post',
    path: '/api/auth/password/change',
    tag: 'auth',
    summary: 'Change the password (ends the user’s other sessions)',
    body: 'ChangePasswordBody',
    ok: { status: 200, schema: 'Changed', description: 'Changed' },
    errors: [[400, PASSWORD_REFUSED], 401, 413, 415, [429, THROTTLED]],
  },
  {
    method: 'post',
    path: '/api/auth/webauthn/register/options',
    tag: 'auth',
    summary: 'Register a security key: the creation options',
    description:
      'Answers PublicKeyCredentialCreationOptionsJSON: pass it to `navigator.credentials.create()` (through `PublicKeyCredential.parseCreationOptionsFromJSON()`, or `startRegistration()` of @simplewebauthn/browser). Valid 5 minutes.',
    ok: { status: 200, description: 'PublicKeyCredentialCreationOptionsJSON' },
    errors: [[401, RECENT_AUTH]],
  },
  {
    method: 'post',
    path: '/api/auth/webauthn/register/verify',
    tag: 'auth',
    summary: 'Register a security key: the new credential',
    body: 'WebAuthnRegistrationBody',
    ok: { status: 201, schema: 'KeyRegistered', description: 'Registered' },
    errors: [
      [400, 'Invalid body, or the key could not be registered (`invalid_credential`)'],
      [401, RECENT_AUTH],
      [410, 'The options expired or were used (`code_expired`): ask for new options'],
      413,
      415,
    ],
  },
  {
    method: 'delete',
    path: '/api/auth/webauthn/{id}',
    tag: 'auth',
    summary: 'Remove a security key',
    ok: { status: 200, schema: 'Removed', description: 'Removed' },
    errors: [
      [401, RECENT_AUTH],
      [404, 'No such key of this user'],
      [409, LAST_FACTOR],
    ],
  },
  {
    method: 'post',
    path: '/api/auth/totp/setup',
    tag: 'auth',
    summary: 'Register an authenticator app: a new secret (confirm it with a code)',
    ok: { status: 200, schema: 'TotpSetup', description: 'The secret and its otpauth:// URI' },
    errors: [
      [401, RECENT_AUTH],
      [409, 'An authenticator app is already registered (`already_registered`)'],
    ],
  },
  {
    method: 'post',
    path: '/api/auth/totp/confirm',
    tag: 'auth',
    summary: 'Register an authenticator app: confirm with its current code',
    body: 'TotpConfirmBody',
    ok: { status: 200, schema: 'Registered', description: 'Registered' },
    errors: [
      400,
      [401, `Wrong code (\`invalid_code\`). ${RECENT_AUTH}`],
      [403, 'The secret cannot be used (`method_disabled`)'],
      [409, 'No setup was started (`wrong_step`)'],
      413,
      415,
    ],
  },
  {
    method: 'delete',
    path: '/api/auth/totp',
    tag: 'auth',
    summary: 'Remove the authenticator app',
    ok: { status: 200, schema: 'Removed', description: 'Removed' },
    errors: [
      [401, RECENT_AUTH],
      [409, LAST_FACTOR],
    ],
  },
  {
    method: 'post',
    path: '/api/auth/factors/phone',
    tag: 'auth',
    summary: 'Change the phone: a code to the new number',
    body: 'ChangePhoneBody',
    ok: { status: 200, schema: 'CodeSent', description: 'Sent; next: POST /api/auth/factors/phone/verify' },
    errors: [
      [400, PHONE_REFUSED],
      [401, RECENT_AUTH],
      [403, METHOD_OFF],
      413,
      415,
      [422, DELIVERY_FAILED],
      [429, TOO_MANY_CODES],
    ],
  },
  {
    method: 'post',
    path: '/api/auth/factors/phone/verify',
    tag: 'auth',
    summary: 'Change the phone: the code sent to it',
    body: 'ChangePhoneVerifyBody',
    ok: { status: 200, schema: 'PhoneChanged', description: 'The new number, masked' },
    errors: [
      400,
      [401, `Wrong code (\`invalid_code\`, with \`triesLeft\`). ${RECENT_AUTH}`],
      [409, 'No code was requested (`no_code`)'],
      [410, CODE_GONE],
      413,
      415,
      [429, THROTTLED],
    ],
  },
  {
    method: 'post',
    path: '/api/auth/accounts',
    tag: 'auth',
    summary: 'Issue an account (health center: institutions of its area; prefecture: its health centers)',
    body: 'IssueAccountBody',
    ok: { status: 201, schema: 'AccountIssued', description: 'The account and its initial password' },
    errors: [
      [400, 'Invalid body, login ID or initial password (issues `loginId.*`, `password.*`)'],
      401,
      [403, 'Not a health center or prefecture, or the facility is not in the user’s area (`forbidden`)'],
      [409, 'The login ID is taken (`login_id_taken`)'],
      413,
      415,
    ],
  },
  {
    method: 'get',
    path: '/api/auth/accounts',
    tag: 'auth',
    summary: 'The accounts the user manages',
    ok: { status: 200, schema: 'AccountList', description: 'By login ID' },
    errors: [401, [403, 'Not a health center or prefecture (`forbidden`)']],
  },
  {
    method: 'post',
    path: '/api/auth/accounts/{loginId}/reset',
    tag: 'auth',
    summary:
      'Reissue the initial password (and optionally reset the second factors); ends the account’s sessions',
    body: 'ResetAccountBody',
    ok: { status: 200, schema: 'AccountReset', description: 'The new initial password' },
    errors: [400, 401, [404, NOT_IN_AREA], 413, 415],
  },
  {
    method: 'post',
    path: '/api/auth/accounts/{loginId}/disable',
    tag: 'auth',
    summary: 'Disable an account (ends its sessions)',
    ok: { status: 200, schema: 'AccountResponse', description: 'The account' },
    errors: [401, [404, NOT_IN_AREA]],
  },
  {
    method: 'post',
    path: '/api/auth/accounts/{loginId}/enable',
    tag: 'auth',
    summary: 'Enable an account again',
    ok: { status: 200, schema: 'AccountResponse', description: 'The account' },
    errors: [401, [404, NOT_IN_AREA]],
  },
  {
    method: 'put',
    path: '/api/auth/accounts/{loginId}/policy',
    tag: 'auth',
    summary: 'Switch SMS / voice codes on or off (the user’s own account or one they manage)',
    body: 'AccountPolicyBody',
    ok: { status: 200, schema: 'AccountPolicy', description: 'The policy now' },
    errors: [
      400,
      [401, RECENT_AUTH],
      [404, NOT_IN_AREA],
      [
        409,
        'Switching phone codes off needs a security key or an authenticator app (`stronger_factor_required`)',
      ],
      413,
      415,
    ],
  },
];

const ERROR_TEXT: Record<number, string> = {
  400: 'Invalid JSON or validation failed (issues)',
  410: 'The code is used up or expired',
  401: 'Not signed in',
  403: 'Not allowed for this facility',
  404: 'Not found or not visible to this facility',
  409: 'Version conflict (current) or wrong state',
  413: 'Body too large',
  415: 'Body is not application/json',
  422: 'Confirmation mismatch or idempotency key reused',
  428: 'Version required',
  429: 'Too many attempts; wait `Retry-After` seconds',
  500: 'Server fault (never caused by client input)',
  503: 'PDF generator unavailable',
};

/** The session cookie's name over TLS (production); plain http uses it without the `__Host-` prefix. */
const SESSION_COOKIE = '__Host-hersys-session';
const CSRF_HEADER = 'X-CSRF-Token';

/**
 * The CSRF token as a required header parameter on every POST/PUT/PATCH/DELETE, not only as prose in the
 * session scheme's description: client generators (openapi-generator, openapi-typescript, orval…) ignore
 * descriptions but make a required header a typed argument of each call that needs it, so a generated client
 * cannot forget it. Not a security scheme either: the sign-in steps need the token without any session, and a
 * parameter shows exactly which calls need it (reads never do).
 */
const CSRF_PARAMETER = {
  name: CSRF_HEADER,
  in: 'header',
  required: true,
  schema: { type: 'string' },
  description:
    'The `token` of GET /api/auth/csrf. That route also sets it as the `__Host-hersys-csrf` cookie (`hersys-csrf` over plain http) and the server compares the two, so the cookie must be sent as well (a browser does; another client keeps its cookies). Missing or different → 403 `csrf_failed`; so is a request with `Sec-Fetch-Site` cross-site or an `Origin` not the server’s.',
};

const SESSION_SCHEME = {
  type: 'apiKey',
  in: 'cookie',
  name: SESSION_COOKIE,
  description:
    'The session set by the sign-in step that answers `next: done` (/api/auth/*): HttpOnly, Secure, SameSite=Lax, 15 minutes idle, 12 hours at most. Over plain http (development) the cookie is `hersys-session`. Without a valid one → 401 `unauthenticated`. Every POST, PUT, PATCH and DELETE also needs the CSRF token: the `X-CSRF-Token` header from GET /api/auth/csrf (see that parameter).',
};

/** Response headers, by component name; `name` is the header as sent. */
const RESPONSE_HEADERS: Record<
  string,
  { name: string; description: string; schema: Record<string, unknown> }
> = {
  ReportETag: {
    name: 'ETag',
    description: 'The report version, quoted (`"3"`): send it back as `If-Match` to edit',
    schema: { type: 'string' },
  },
  RecordETag: {
    name: 'ETag',
    description: 'The record version, quoted (`"3"`): send it back as `If-Match` to save a section',
    schema: { type: 'string' },
  },
  Location: {
    name: 'Location',
    description: 'The new report: /api/reports/{id}',
    schema: { type: 'string' },
  },
  IdempotentReplayed: {
    name: 'Idempotent-Replayed',
    description: '`true` when this is the answer of an earlier request with the same Idempotency-Key',
    schema: { type: 'string', enum: ['true'] },
  },
  RetryAfter: { name: 'Retry-After', description: 'Seconds to wait', schema: { type: 'integer' } },
  SessionCookie: {
    name: 'Set-Cookie',
    description: `With \`next: done\`: the session cookie (${SESSION_COOKIE}; hersys-session over plain http)`,
    schema: { type: 'string' },
  },
  CsrfCookie: {
    name: 'Set-Cookie',
    description:
      'The CSRF cookie (__Host-hersys-csrf; hersys-csrf over plain http), unless a valid one was sent',
    schema: { type: 'string' },
  },
};

const headerRefs = (names: string[]) =>
  Object.fromEntries(
    names.map((n) => [RESPONSE_HEADERS[n]!.name, { $ref: `#/components/headers/${n}` }] as const),
  );

const MUTATING = new Set(['post', 'put', 'patch', 'delete']);

/** A JSON body of the named component schema. */
const jsonOf = (name: string) => ({
  'application/json': { schema: { $ref: `#/components/schemas/${name}` } },
});

function componentSchemas(): Record<string, unknown> {
  const reg = z.registry<{ id: string }>();
  const add = (id: string, schema: z.core.$ZodType) => reg.add(schema, { id });
  add('OccurrenceReport', occurrenceReportSchema);
  add('Issue', S.issueSchema);
  add('Error', S.errorResponse);
  add('PatientRecord', S.patientRecordSchema);
  add('CreatePatientBody', S.createPatientBody);
  add('PatchPatientBody', S.patchPatientBody);
  add('PatientResponse', S.patientResponseSchema);
  add('SearchResponse', S.searchResponse);
  add('ReportEnvelope', S.reportEnvelopeSchema);
  add('CreateReportBody', S.createReportBody);
  add('CreateReportResponse', S.createReportResponse);
  add('UpdateReportBody', S.updateReportBody);
  add('DeleteReportBody', S.deleteReportBody);
  add('DraftResponse', S.draftResponse);
  add('HistoryResponse', S.historyResponse);
  add('FacilityList', z.object({ items: z.array(S.facilityOptionSchema) }));
  add('MeResponse', S.meResponse);
  add('DuplicateCheckBody', duplicateBody);
  add('AuthError', S.authErrorResponse);
  add('CsrfResponse', S.csrfResponse);
  add('AuthHelpResponse', S.authHelpResponse);
  add('AttemptStarted', S.attemptStarted);
  add('SignInStep', S.signInStepResponse);
  add('CodeSent', S.codeSentResponse);
  add('AuthMeResponse', S.authMeResponse);
  add('SessionList', S.sessionListResponse);
  add('TotpSetup', S.totpSetupResponse);
  add('AccountIssued', S.accountIssuedResponse);
  add('AccountReset', S.accountResetResponse);
  add('AccountResponse', z.object({ account: S.accountSchema }));
  add('AccountList', z.object({ items: z.array(S.accountSchema) }));
  add('AccountPolicy', Bodies.policy);
  add('SignedOut', z.object({ signedOut: z.literal(true) }));
  add('Ended', z.object({ ended: z.literal(true) }));
  add('Removed', z.object({ removed: z.literal(true) }));
  add('Registered', z.object({ registered: z.literal(true) }));
  add('KeyRegistered', z.object({ registered: z.literal(true), id: z.string() }));
  add('Changed', z.object({ changed: z.literal(true) }));
  add('PhoneChanged', z.object({ phone: z.string() }));
  add('LoginIdBody', Bodies.loginId);
  add('PasswordBody', Bodies.password);
  add('PhoneBody', Bodies.phone);
  add('SendCodeBody', Bodies.sendCode);
  add('VerifyBody', Bodies.verify);
  add('ChangeInitialPasswordBody', Bodies.changeInitial);
  add('AttemptBody', AttemptBody);
  // The WebAuthn bodies carry what the browser's WebAuthn API produced, as JSON; the server's library checks it.
  add(
    'WebAuthnAuthenticationBody',
    Bodies.webauthnVerify.extend({
      response: Bodies.webauthnVerify.shape.response.meta({
        description:
          'AuthenticationResponseJSON: the PublicKeyCredential of navigator.credentials.get() as JSON (`credential.toJSON()`, or what `startAuthentication()` of @simplewebauthn/browser answers)',
      }),
    }),
  );
  add(
    'WebAuthnRegistrationBody',
    Bodies.registerVerify.extend({
      response: Bodies.registerVerify.shape.response.meta({
        description:
          'RegistrationResponseJSON: the PublicKeyCredential of navigator.credentials.create() as JSON (`credential.toJSON()`, or what `startRegistration()` of @simplewebauthn/browser answers)',
      }),
    }),
  );
  add('TotpConfirmBody', Bodies.totpConfirm);
  add('ChangePhoneBody', Bodies.changePhone);
  add('ChangePhoneVerifyBody', Bodies.changePhoneVerify);
  add('ChangePasswordBody', Bodies.changePassword);
  add('IssueAccountBody', Bodies.issue);
  add('ResetAccountBody', Bodies.reset);
  add('AccountPolicyBody', Bodies.policy);
  // A section's data is one of the section schemas, named here so that a client can pick the one of its
  // section; the route validates `data` with the schema of the section in the path.
  const sectionData = RECORD_SECTIONS.map((section) => {
    const schema = recordSectionSchemas[section];
    add(`RecordSection${section[0]!.toUpperCase()}${section.slice(1)}`, schema);
    return schema;
  });
  add(
    'RecordSectionBody',
    sectionBody.extend({
      data: z.union(sectionData).meta({
        description: `The data of the section in the path: RecordSection<Section> (${RECORD_SECTIONS.join(', ')})`,
      }),
    }),
  );
  const out = z.toJSONSchema(reg, { ...JSON_SCHEMA, uri: (id) => `#/components/schemas/${id}` }) as {
    schemas: Record<string, Record<string, unknown>>;
  };
  for (const s of Object.values(out.schemas)) {
    delete s.$schema;
    delete s.$id;
  }
  return out.schemas;
}

function queryParameters(q: z.core.$ZodObject) {
  const js = z.toJSONSchema(q, JSON_SCHEMA) as {
    properties: Record<string, Record<string, unknown>>;
    required?: string[];
  };
  return Object.entries(js.properties).map(([name, schema]) => ({
    name,
    in: 'query',
    required: js.required?.includes(name) ?? false,
    schema,
  }));
}

let cached: Record<string, unknown> | undefined;

/** The OpenAPI 3.1 document of every /api route (built once; served at /api/openapi.json). */
export function openApiDocument(): Record<string, unknown> {
  if (cached) return cached;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of ROUTES) {
    const params = [...(r.path.match(/\{(\w+)\}/g) ?? []).map((p) => P(p.slice(1, -1)))];
    if (r.query) params.push(...(queryParameters(r.query) as ReturnType<typeof P>[]));
    for (const h of r.headers ?? [])
      params.push({
        name: h.name,
        in: 'header',
        required: h.required ?? false,
        schema: { type: 'string' },
        description: h.description,
      } as never);
    // Every change needs the CSRF token, the sign-in steps too (login CSRF): the auth module checks it first.
    const mutating = MUTATING.has(r.method);
    if (mutating) params.push({ $ref: '#/components/parameters/CsrfToken' } as never);
    const responses: Record<string, unknown> = {
      [r.ok.status]: {
        description: r.ok.description,
        ...(r.ok.headers ? { headers: headerRefs(r.ok.headers) } : {}),
        content: r.ok.contentType
          ? {
              [r.ok.contentType]: {
                // Text (the docs page) is read as a string; anything else (the PDF) as bytes.
                schema: r.ok.contentType.startsWith('text/')
                  ? { type: 'string' }
                  : { type: 'string', format: 'binary' },
              },
            }
          : r.ok.schema
            ? jsonOf(r.ok.schema)
            : { 'application/json': { schema: { type: 'object' } } },
      },
    };
    const errors = new Map(r.errors.map((e) => (typeof e === 'number' ? [e, ERROR_TEXT[e]!] : e)));
    if (mutating) {
      const csrf = 'The CSRF token is missing or wrong, or the request is cross-site (`csrf_failed`)';
      errors.set(403, errors.has(403) ? `${errors.get(403)}; or: ${csrf}` : csrf);
    }
    // Every route may fail on the server's side; that is never the client's input (docs/api.md).
    errors.set(500, ERROR_TEXT[500]!);
    const errorSchema = r.tag === 'auth' ? 'AuthError' : 'Error';
    for (const [status, description] of [...errors].sort(([a], [b]) => a - b))
      responses[status] = {
        description,
        ...(status === 429 ? { headers: headerRefs(['RetryAfter']) } : {}),
        content: jsonOf(errorSchema),
      };
    (paths[r.path] ??= {})[r.method] = {
      tags: [r.tag],
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      operationId: `${r.method}${r.path
        .replace(/[{}]/g, '')
        .replace(/\/(\w)/g, (_, ch: string) => ch.toUpperCase())
        .replace(/[^A-Za-z0-9]/g, '')}`,
      ...(r.public ? { security: [] } : {}),
      ...(params.length ? { parameters: params } : {}),
      ...(r.body ? { requestBody: { required: true, content: jsonOf(r.body) } } : {}),
      responses,
    };
  }
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'hersys-sdk reference server',
      version: '0.1.0',
      description:
        'Infectious-disease occurrence reports (発生届, COVID-19, HER-SYS ver.2). Errors are `{ error: { code, message }, issues? }`. Sign in with the /api/auth steps (tag auth): they set the session cookie; every POST, PUT, PATCH and DELETE also sends the `X-CSRF-Token` header, whose value GET /api/auth/csrf answers. See docs/api.md and docs/security.md.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: '/' }],
    tags: [
      { name: 'meta' },
      { name: 'facilities' },
      { name: 'patients' },
      { name: 'reports' },
      { name: 'records' },
      { name: 'audit' },
      { name: 'auth', description: 'Sign-in, sessions, second factors and accounts (docs/security.md)' },
    ],
    security: [{ sessionCookie: [] }],
    paths,
    components: {
      schemas: componentSchemas(),
      parameters: { CsrfToken: CSRF_PARAMETER },
      headers: Object.fromEntries(
        Object.entries(RESPONSE_HEADERS).map(([id, { description, schema }]) => [
          id,
          { description, schema },
        ]),
      ),
      securitySchemes: { sessionCookie: SESSION_SCHEME },
    },
  };
  return cached;
}

/** A self-contained HTML page listing the routes and schemas of the document (no CDN, no script). */
export function docsPage(): string {
  const doc = openApiDocument() as {
    paths: Record<
      string,
      Record<
        string,
        {
          summary: string;
          description?: string;
          parameters?: ({ name: string; in: string; required: boolean } | { $ref: string })[];
          requestBody?: unknown;
          responses: Record<string, { description: string }>;
        }
      >
    >;
    components: {
      schemas: Record<string, unknown>;
      parameters: Record<string, { name: string; in: string; required: boolean }>;
    };
  };
  const sections = Object.entries(doc.paths)
    .flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => {
        const params = (op.parameters ?? [])
          .map((p) => ('$ref' in p ? doc.components.parameters[p.$ref.split('/').pop()!]! : p))
          .map((p) => `<code>${esc(p.name)}</code> (${esc(p.in)}${p.required ? ', required' : ''})`)
          .join(', ');
        const body = op.requestBody ? JSON.stringify(op.requestBody).match(/schemas\/(\w+)/)?.[1] : undefined;
        const responses = Object.entries(op.responses)
          .map(([s, r]) => `<code>${esc(s)}</code> ${esc(r.description)}`)
          .join('<br>');
        return `<tr><td><span class="method">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></td><td>${esc(op.summary)}${op.description ? `<br><small>${esc(op.description)}</small>` : ''}${params ? `<br>Parameters: ${params}` : ''}${body ? `<br>Body: <a href="#schema-${esc(body)}">${esc(body)}</a>` : ''}</td><td>${responses}</td></tr>`;
      }),
    )
    .join('\n');
  const schemas = Object.entries(doc.components.schemas)
    .map(
      ([name, s]) =>
        `<h3 id="schema-${esc(name)}">${esc(name)}</h3><details><summary>JSON Schema</summary><pre><code>${esc(JSON.stringify(s, null, 2))}</code></pre></details>`,
    )
    .join('\n');
  return page(
    'API — hersys-sdk reference server',
    `<h1>hersys-sdk reference server API</h1><p>OpenAPI 3.1: <a href="/api/openapi.json">/api/openapi.json</a>. Errors are <code>{ "error": { "code", "message" }, "issues"? }</code>.</p>
<table><thead><tr><th>Route</th><th>What</th><th>Responses</th></tr></thead><tbody>${sections}</tbody></table><h2>Schemas</h2>${schemas}`,
  );
}
