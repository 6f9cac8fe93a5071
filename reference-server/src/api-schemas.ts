/**
 * Request and response schemas of the API. The report itself is `occurrenceReportSchema` from
 * `hersys-sdk/schema`; everything here wraps it. The OpenAPI document is generated from these.
 */
import * as z from 'zod';
import {
  INFECTION_CLASSES,
  SEVERITIES,
  SEXES,
  codesOf,
  isoDate,
  line,
  occurrenceReportSchema,
  phone,
} from 'hersys-sdk/schema';

/** 現在のステータス. */
export const PATIENT_STATUSES = [
  { code: 'unspecified', ja: '指定なし', en: 'Unspecified' },
  { code: 'awaitingResult', ja: '検査結果待ち', en: 'Awaiting test result' },
  { code: 'homeCare', ja: '自宅療養中', en: 'Home care' },
  { code: 'hotelCare', ja: '宿泊療養中', en: 'Hotel care' },
  { code: 'hospitalized', ja: '入院中', en: 'Hospitalized' },
  { code: 'facilityCare', ja: '施設療養中', en: 'Care facility' },
  { code: 'released', ja: '療養解除', en: 'Released' },
  { code: 'deceased', ja: '死亡', en: 'Deceased' },
  { code: 'noRecord', ja: '記録なし', en: 'No record' },
] as const;

/** 居所. */
export const RESIDENCES = [
  { code: 'home', ja: '自宅', en: 'Home' },
  { code: 'hotel', ja: '宿泊療養施設', en: 'Hotel' },
  { code: 'hospital', ja: '医療機関', en: 'Hospital' },
  { code: 'facility', ja: '施設', en: 'Facility' },
  { code: 'other', ja: 'その他', en: 'Other' },
  { code: 'unknown', ja: '不明', en: 'Unknown' },
] as const;

/** HER-SYS ID: 8 digits, as the server issues it (also the path parameter of the patient routes). */
export const herSysId = z.string().regex(/^\d{8}$/, 'HER-SYS ID is 8 digits');
const code32 = z.string().min(1).max(32);
/** JIS X 0401. */
const prefectureCode = z.string().regex(/^\d{2}$/);
/** An optimistic-concurrency version sent back with an edit. */
const editedVersion = z.number().int().min(1);
const reportStatus = z.enum(['active', 'deleted']);

/** 感染区分, 現在のステータス, 重症度, 居所: fields of the ID管理 data, and filters of the 登録情報一覧 by the same name. */
const classification = {
  infectionCategory: z.enum(codesOf(INFECTION_CLASSES)).optional(),
  status: z.enum(codesOf(PATIENT_STATUSES)).optional(),
  severity: z.enum(codesOf(SEVERITIES)).optional(),
  residence: z.enum(codesOf(RESIDENCES)).optional(),
};

/** ID管理 data of a patient. */
export const patientRecordSchema = z.strictObject({
  familyName: z.optional(line.check(z.minLength(1))),
  givenName: z.optional(line),
  familyNameKana: z.optional(line),
  givenNameKana: z.optional(line),
  dateOfBirth: z.optional(isoDate),
  sex: z.enum(codesOf(SEXES)).optional(),
  nationality: z.optional(line),
  postalCode: z.string().max(16).optional(),
  prefectureCode: prefectureCode.optional(),
  city: z.optional(line),
  street: z.optional(line),
  phone: z.optional(phone),
  passportNumber: z.string().max(32).optional(),
  /** 保健所独自ID. */
  localId: z.string().max(64).optional(),
  /** 担当保健所 code. */
  responsibleHealthCenterCode: code32.optional(),
  ...classification,
  /** 場所名 of the 居所. */
  residenceName: z.optional(line),
  /** 期間 (療養期間) start and end. */
  periodStart: z.optional(isoDate),
  periodEnd: z.optional(isoDate),
  /** 処置日 (措置判定記録). */
  treatmentDate: z.optional(isoDate),
});
export type PatientRecord = z.infer<typeof patientRecordSchema>;

export const createPatientBody = z.strictObject({
  patient: patientRecordSchema.extend({ familyName: line.check(z.minLength(1)) }),
});

/** PATCH: any field; `null` clears it. */
export const patchPatientBody = z.strictObject({
  patient: z.strictObject(
    Object.fromEntries(
      Object.entries(patientRecordSchema.shape).map(([k, v]) => [
        k,
        z.optional(z.nullable((v as z.ZodOptional<z.core.$ZodType>).unwrap())),
      ]),
    ) as {
      [K in keyof PatientRecord]-?: z.ZodOptional<z.ZodNullable<z.ZodType<NonNullable<PatientRecord[K]>>>>;
    },
  ),
  version: editedVersion.optional(),
});

/** Build a body schema around the report; the runtime variant takes the report as unknown so that the
 * report's own issues are reported with paths relative to the report (as the form shows them). */
export function createReportBodyWith<R extends z.core.$ZodType>(report: R) {
  return z.strictObject({
    report,
    herSysId: herSysId.optional(),
    /** Extra ID-management data (保健所独自ID, passport…) for a new patient; merged with the report's. */
    idManagement: patientRecordSchema.optional(),
  });
}
export const createReportBody = createReportBodyWith(occurrenceReportSchema);
export const createReportEnvelope = createReportBodyWith(z.unknown());

export function updateReportBodyWith<R extends z.core.$ZodType>(report: R) {
  return z.strictObject({ report, version: editedVersion.optional() });
}
export const updateReportBody = updateReportBodyWith(occurrenceReportSchema);
export const updateReportEnvelope = updateReportBodyWith(z.unknown());

export const deleteReportBody = z.strictObject({ reportDate: isoDate, reason: z.optional(line) });
export const emptyBody = z.strictObject({});

export const searchQuery = z.strictObject({
  healthCenter: code32.optional(),
  localId: z.string().min(1).max(64).optional(),
  herSysId: herSysId.optional(),
  kana: z.string().min(1).max(100).optional(),
  name: z.string().min(1).max(100).optional(),
  dateOfBirth: z.optional(isoDate),
  phone: z.string().min(1).max(40).optional(),
  passportNumber: z.string().min(1).max(32).optional(),
  reportDateFrom: z.optional(isoDate),
  reportDateTo: z.optional(isoDate),
  diagnosisDateFrom: z.optional(isoDate),
  diagnosisDateTo: z.optional(isoDate),
  treatmentDateFrom: z.optional(isoDate),
  treatmentDateTo: z.optional(isoDate),
  ...classification,
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(10),
});
export type SearchQuery = z.infer<typeof searchQuery>;

export const facilityQuery = z.strictObject({
  q: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  prefectureCode: prefectureCode.optional(),
});

export const pdfQuery = z.strictObject({
  printHerSysId: z.enum(['0', '1', 'true', 'false']).optional(),
  locale: z.enum(['ja', 'en']).optional(),
});

// ---- responses (documentation; the handlers build them) ----

export const issueSchema = z.object({
  path: z.string(),
  code: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});

export const errorResponse = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
  issues: z.array(issueSchema).optional(),
  current: z.unknown().optional(),
});

const actor = z.object({
  facilityCode: z.string(),
  facilityName: z.string(),
  facilityKind: z.string(),
  userName: z.string(),
});
const stamp = z.object({ at: z.string(), by: actor });

export const reportEnvelopeSchema = z.object({
  id: z.string(),
  herSysId: herSysId,
  version: z.number().int(),
  status: reportStatus,
  report: occurrenceReportSchema,
  header: z.object({
    firstReported: stamp,
    lastUpdated: stamp,
    healthCenterConfirmed: stamp.nullable(),
  }),
  deleted: stamp.extend({ reason: z.string().nullable() }).nullable(),
});

export const notifiedSchema = z.object({
  role: z.enum(['notified', 'responsible', 'prefecture']),
  name: z.string(),
  email: z.string(),
});

export const createReportResponse = z.object({
  report: reportEnvelopeSchema,
  issues: z.array(issueSchema),
  notified: z.array(notifiedSchema),
  sms: z.object({
    queued: z.boolean(),
    reason: z.enum(['no_phone', 'not_mobile', 'not_confirmed']).optional(),
  }),
});

export const reportSummarySchema = z.object({
  id: z.string(),
  version: z.number().int(),
  status: reportStatus,
  reportDate: z.string().nullable(),
  diagnosisDate: z.string().nullable(),
  category: z.string().nullable(),
  firstReportedAt: z.string(),
  createdByFacility: z.string(),
});

export const patientResponseSchema = z.object({
  patient: patientRecordSchema.extend({
    herSysId,
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    reports: z.array(reportSummarySchema),
  }),
});

export const searchItemSchema = z.object({
  herSysId,
  localId: z.string().nullable(),
  name: z.string(),
  kana: z.string(),
  dateOfBirth: z.string().nullable(),
  diagnosisDate: z.string().nullable(),
  reportDate: z.string().nullable(),
  infectionCategory: z.string().nullable(),
  status: z.string().nullable(),
  severity: z.string().nullable(),
  periodStart: z.string().nullable(),
  periodEnd: z.string().nullable(),
  residence: z.string().nullable(),
  residenceName: z.string().nullable(),
  latestReportId: z.string().nullable(),
  responsibleHealthCenter: z.object({ code: z.string(), name: z.string() }).nullable(),
});

export const searchResponse = z.object({
  items: z.array(searchItemSchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
  totalIsLowerBound: z.boolean(),
});

export const facilityOptionSchema = z.object({
  code: z.string(),
  name: z.string(),
  detail: z.string().optional(),
  address: z.string().optional(),
  phone: z.string().optional(),
  kind: z.string().optional(),
  prefectureCode: z.string().optional(),
  email: z.string().optional(),
});

export const meResponse = z.object({
  user: z.object({
    userId: z.string(),
    loginId: z.string(),
    displayName: z.string(),
    facilityKind: z.enum(['outpatient', 'inpatient', 'healthCenter', 'prefecture']),
    facilityCode: z.string(),
    facilityName: z.string(),
    role: z.string(),
  }),
  devMode: z.boolean(),
});

export const draftResponse = z.object({
  herSysId,
  sourceReportId: z.string().optional(),
  draft: occurrenceReportSchema,
});

export const historyResponse = z.object({
  items: z.array(z.object({ at: z.string(), action: z.string(), by: actor, version: z.number().nullable() })),
});

// ---- sign-in (/api/auth/*; documentation: the auth module's handlers build them) ----

/** An auth error: the server's error shape plus what a sign-in refusal adds. */
export const authErrorResponse = errorResponse.extend({
  /** 429: seconds until the next try (also `Retry-After`). */
  retryAfterSeconds: z.number().int().optional(),
  /** 401 `invalid_code`: wrong codes left before a new one must be requested. */
  triesLeft: z.number().int().optional(),
  /** 409 `wrong_step`: the step the attempt is at. */
  next: z.string().optional(),
});

/** GET /api/auth/csrf: the token and the header to send it in. */
export const csrfResponse = z.object({
  token: z
    .string()
    .meta({ description: 'Send it as the header named in `header` on every POST/PUT/PATCH/DELETE' }),
  header: z.literal('X-CSRF-Token'),
});

const supportText = z.object({ ja: z.string(), en: z.string() });
/** GET /api/auth/help: whom to ask, in Japanese and English. */
export const authHelpResponse = z.object({ cannotAccessAccount: supportText, forgotPassword: supportText });

const secondFactorMethod = z.enum(['webauthn', 'totp', 'sms', 'voice']);

/** The user of a session (what `currentUser` is on the server). */
export const authUserSchema = meResponse.shape.user.extend({ sessionId: z.string() });

/** A new sign-in (or re-authentication) attempt, at its password step. */
export const attemptStarted = z.object({
  attemptId: z.string().meta({ description: 'Send it with every following step of this sign-in' }),
  next: z.literal('password'),
  loginId: z.string(),
});

/** What a sign-in step answers: the next step, or `done` (then the session cookie is set). */
export const signInStepResponse = z.union([
  z.object({ next: z.literal('enrollPhone'), smsEnabled: z.boolean(), voiceEnabled: z.boolean() }),
  z.object({
    next: z.literal('secondFactor'),
    methods: z.array(secondFactorMethod),
    phoneHint: z.string().nullable(),
  }),
  z.object({ next: z.literal('changePassword') }),
  z.object({ next: z.literal('done'), user: authUserSchema, offerSecurityKey: z.boolean() }),
  z.object({ next: z.literal('done'), reauthenticated: z.literal(true) }),
]);

/** A code was sent by SMS or voice call; answer it within `expiresAt`. */
export const codeSentResponse = z.object({
  next: z.literal('verifyCode'),
  method: z.enum(['sms', 'voice']),
  sentTo: z.string().meta({ description: 'The masked number, e.g. +81 90-****-5678' }),
  expiresAt: z.string(),
  codeLength: z.number().int(),
});

/** GET /api/auth/me: the user, their second factors and the current session. */
export const authMeResponse = z.object({
  user: authUserSchema,
  factors: z.object({
    phone: z.string().nullable(),
    methods: z.array(secondFactorMethod),
    smsEnabled: z.boolean(),
    voiceEnabled: z.boolean(),
    securityKeys: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        createdAt: z.string(),
        lastUsedAt: z.string().nullable(),
      }),
    ),
  }),
  session: z.object({ id: z.string(), expiresAt: z.string(), reauthAt: z.string() }),
});

/** GET /api/auth/sessions: the user's open sessions, newest first. */
export const sessionListResponse = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      createdAt: z.string(),
      lastSeenAt: z.string(),
      expiresAt: z.string(),
      ip: z.string(),
      userAgent: z.string(),
      current: z.boolean(),
    }),
  ),
});

/** A new authenticator-app secret, confirmed by POST /api/auth/totp/confirm. */
export const totpSetupResponse = z.object({ secret: z.string(), otpauthUri: z.string() });

/** An account as its managers see it (no secrets). */
export const accountSchema = z.object({
  loginId: z.string(),
  userId: z.string(),
  displayName: z.string(),
  facilityKind: z.enum(['outpatient', 'inpatient', 'healthCenter', 'prefecture']),
  facilityCode: z.string(),
  facilityName: z.string(),
  role: z.string(),
  mustChangePassword: z.boolean(),
  disabled: z.boolean(),
  phoneRegistered: z.boolean(),
  smsEnabled: z.boolean(),
  voiceEnabled: z.boolean(),
  createdAt: z.string(),
});

/** An issued account with its initial password (shown once). */
export const accountIssuedResponse = z.object({ account: accountSchema, initialPassword: z.string() });
/** A reset account's new initial password. */
export const accountResetResponse = z.object({
  loginId: z.string(),
  initialPassword: z.string(),
  secondFactorsReset: z.boolean(),
});
