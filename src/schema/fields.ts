import { DEATH_CATEGORIES, ONSET_CATEGORIES } from './codes/index.js';
import type { OccurrenceReport } from './report/occurrence-report.js';
import { isMinor } from './age.js';
import { parsePhoneJP } from './phone.js';

/**
 * Field metadata for UIs and the requiredness rule: which fields are required (error `required` when
 * empty), recommended (warning `recommended`: the manual's yellow frame, listed in 任意入力の確認), or
 * depend on other answers (conditional). Components mark 必須 and the yellow frame from this, not from
 * their own lists. The table with reasons is in docs/schema.md; the conditions in words are in
 * ./field-conditions.ts.
 */

/** How a field is asked for in general. */
export type FieldRequirementKind = 'required' | 'recommended' | 'conditional' | 'optional';
/** How a field is asked for in one report. */
export type Requirement = 'required' | 'recommended' | 'optional' | 'notApplicable';

export interface FieldMeta {
  /** Dotted path without array indexes (`diagnosis.methods.collectionDate` for each method). */
  readonly path: string;
  /** i18next key of the label: `fields:<path>`. */
  readonly labelKey: string;
  readonly requirement: FieldRequirementKind;
  /** Value kind, for inputs and normalization. */
  readonly kind:
    | 'text'
    | 'kana'
    | 'date'
    | 'phone'
    | 'postal'
    | 'prefecture'
    | 'code'
    | 'codes'
    | 'number'
    | 'boolean'
    | 'facility'
    | 'list';
  /** Severity of `notApplicable` when the field is filled but does not apply (default warning). */
  readonly notApplicableSeverity?: 'error' | 'warning';
}

type Ctx = { report: OccurrenceReport; adultAge: number | undefined };
type Resolver = (ctx: Ctx, index?: number) => Requirement;

interface FieldDef extends Omit<FieldMeta, 'labelKey'> {
  readonly resolve?: Resolver;
}

const isDeathCategory = (r: OccurrenceReport) =>
  r.patient?.category !== undefined && DEATH_CATEGORIES.includes(r.patient.category);

function minorAtDiagnosis(ctx: Ctx): boolean | undefined {
  const dob = ctx.report.patient?.dateOfBirth;
  const dx = ctx.report.diagnosis?.diagnosisDate ?? ctx.report.reportDate;
  if (!dob || !dx) return undefined;
  return isMinor(dob, dx, ctx.adultAge === undefined ? {} : { adultAge: ctx.adultAge });
}

const addressResolver =
  (base: Requirement): Resolver =>
  ({ report }) =>
    report.patient?.addressSameAsLocation === true ? 'optional' : base;

const abroad = (r: OccurrenceReport) => r.infection?.area === 'abroad';
const domestic = (r: OccurrenceReport) => r.infection?.area === 'domestic';
const dosesGiven = (r: OccurrenceReport) =>
  typeof r.vaccination?.doseCount === 'number' && r.vaccination.doseCount > 0;

const DEFS: readonly FieldDef[] = [
  { path: 'reportDate', requirement: 'required', kind: 'date' },
  { path: 'reporter.doctorFamilyName', requirement: 'required', kind: 'text' },
  { path: 'reporter.doctorGivenName', requirement: 'recommended', kind: 'text' },
  {
    path: 'reporter.institutionName',
    requirement: 'conditional',
    kind: 'text',
    resolve: ({ report }) => (report.reporter?.notAtInstitution === true ? 'optional' : 'required'),
  },
  { path: 'reporter.institutionCode', requirement: 'optional', kind: 'text' },
  { path: 'reporter.institutionAddress', requirement: 'required', kind: 'text' },
  { path: 'reporter.institutionPhone', requirement: 'required', kind: 'phone' },
  { path: 'reporter.notAtInstitution', requirement: 'optional', kind: 'boolean' },
  { path: 'reporter.outOfHoursPhone', requirement: 'optional', kind: 'phone' },

  { path: 'patient.category', requirement: 'required', kind: 'code' },
  { path: 'patient.familyName', requirement: 'required', kind: 'text' },
  { path: 'patient.givenName', requirement: 'recommended', kind: 'text' },
  { path: 'patient.familyNameKana', requirement: 'recommended', kind: 'kana' },
  { path: 'patient.givenNameKana', requirement: 'recommended', kind: 'kana' },
  { path: 'patient.sex', requirement: 'required', kind: 'code' },
  { path: 'patient.dateOfBirth', requirement: 'required', kind: 'date' },
  { path: 'patient.occupation', requirement: 'recommended', kind: 'text' },
  { path: 'patient.location.postalCode', requirement: 'recommended', kind: 'postal' },
  { path: 'patient.location.prefectureCode', requirement: 'required', kind: 'prefecture' },
  { path: 'patient.location.city', requirement: 'required', kind: 'text' },
  { path: 'patient.location.street', requirement: 'required', kind: 'text' },
  { path: 'patient.phone', requirement: 'required', kind: 'phone' },
  {
    path: 'patient.phoneConfirmation',
    requirement: 'conditional',
    kind: 'phone',
    resolve: ({ report }) => {
      const p = report.patient?.phone;
      return p !== undefined && parsePhoneJP(p).smsCapable ? 'required' : 'optional';
    },
  },
  {
    path: 'patient.address.postalCode',
    requirement: 'conditional',
    kind: 'postal',
    resolve: addressResolver('recommended'),
  },
  ...(['prefectureCode', 'city', 'street'] as const).map((k): FieldDef => ({
    path: `patient.address.${k}`,
    requirement: 'conditional',
    kind: k === 'prefectureCode' ? 'prefecture' : 'text',
    resolve: addressResolver('required'),
  })),
  { path: 'patient.addressSameAsLocation', requirement: 'optional', kind: 'boolean' },
  {
    path: 'patient.addressPhone',
    requirement: 'conditional',
    kind: 'phone',
    resolve: ({ report }) =>
      report.patient?.addressPhoneSameAsLocation === true ? 'optional' : 'recommended',
  },
  { path: 'patient.addressPhoneSameAsLocation', requirement: 'optional', kind: 'boolean' },
  ...(['name', 'phone', 'address'] as const).map((k): FieldDef => ({
    path: `patient.guardian.${k}`,
    requirement: 'conditional',
    kind: k === 'phone' ? 'phone' : 'text',
    notApplicableSeverity: 'warning',
    resolve: (ctx) => {
      const minor = minorAtDiagnosis(ctx);
      if (minor === undefined) return 'optional';
      if (!minor) return 'notApplicable';
      return k === 'address' ? 'recommended' : 'required';
    },
  })),

  { path: 'diagnosis.diagnosisDate', requirement: 'required', kind: 'date' },
  { path: 'diagnosis.specimenCollectionDate', requirement: 'required', kind: 'date' },
  {
    path: 'diagnosis.onsetDate',
    requirement: 'conditional',
    kind: 'date',
    notApplicableSeverity: 'error',
    resolve: ({ report }) => {
      const c = report.patient?.category;
      if (c === undefined) return 'optional';
      return ONSET_CATEGORIES.includes(c) ? 'recommended' : 'notApplicable';
    },
  },
  {
    path: 'diagnosis.deathDate',
    requirement: 'conditional',
    kind: 'date',
    notApplicableSeverity: 'error',
    resolve: ({ report }) => {
      if (report.patient?.category === undefined) return 'optional';
      return isDeathCategory(report) ? 'required' : 'notApplicable';
    },
  },
  { path: 'diagnosis.firstVisitDate', requirement: 'recommended', kind: 'date' },
  { path: 'diagnosis.estimatedInfectionDate', requirement: 'recommended', kind: 'date' },
  { path: 'diagnosis.symptoms', requirement: 'recommended', kind: 'codes' },
  {
    path: 'diagnosis.symptomOther',
    requirement: 'conditional',
    kind: 'text',
    resolve: ({ report }) => (report.diagnosis?.symptoms?.includes('other') ? 'recommended' : 'optional'),
  },
  { path: 'diagnosis.spo2', requirement: 'optional', kind: 'number' },
  {
    path: 'diagnosis.methods',
    requirement: 'conditional',
    kind: 'list',
    resolve: ({ report }) => (report.patient?.category === 'suspected' ? 'optional' : 'recommended'),
  },
  { path: 'diagnosis.methods.method', requirement: 'required', kind: 'code' },
  { path: 'diagnosis.methods.specimen', requirement: 'recommended', kind: 'code' },
  {
    path: 'diagnosis.methods.specimenOther',
    requirement: 'conditional',
    kind: 'text',
    resolve: ({ report }, i) =>
      i !== undefined && report.diagnosis?.methods?.[i]?.specimen === 'other' ? 'recommended' : 'optional',
  },
  { path: 'diagnosis.methods.collectionDate', requirement: 'recommended', kind: 'date' },
  { path: 'diagnosis.methods.result', requirement: 'recommended', kind: 'code' },

  { path: 'infection.routeCertainty', requirement: 'recommended', kind: 'code' },
  { path: 'infection.route', requirement: 'recommended', kind: 'code' },
  {
    path: 'infection.routeDetail',
    requirement: 'conditional',
    kind: 'text',
    resolve: ({ report }) => (report.infection?.route !== undefined ? 'recommended' : 'optional'),
  },
  { path: 'infection.regionCertainty', requirement: 'recommended', kind: 'code' },
  { path: 'infection.area', requirement: 'recommended', kind: 'code' },
  {
    path: 'infection.prefectureCode',
    requirement: 'conditional',
    kind: 'prefecture',
    resolve: ({ report }) => (domestic(report) ? 'recommended' : 'optional'),
  },
  {
    path: 'infection.city',
    requirement: 'conditional',
    kind: 'text',
    resolve: ({ report }) => (domestic(report) ? 'recommended' : 'optional'),
  },
  {
    path: 'infection.countries',
    requirement: 'conditional',
    kind: 'text',
    resolve: ({ report }) => (abroad(report) ? 'recommended' : 'optional'),
  },
  { path: 'infection.regionDetail', requirement: 'optional', kind: 'text' },
  {
    path: 'infection.departureDate',
    requirement: 'conditional',
    kind: 'date',
    resolve: ({ report }) =>
      abroad(report) && report.infection?.residentAbroad !== true ? 'recommended' : 'optional',
  },
  {
    path: 'infection.entryDate',
    requirement: 'conditional',
    kind: 'date',
    resolve: ({ report }) => (abroad(report) ? 'recommended' : 'optional'),
  },
  { path: 'infection.residentAbroad', requirement: 'optional', kind: 'boolean' },

  { path: 'vaccination.doseCount', requirement: 'recommended', kind: 'number' },
  {
    path: 'vaccination.latestDate',
    requirement: 'conditional',
    kind: 'date',
    notApplicableSeverity: 'error',
    resolve: ({ report }) =>
      report.vaccination?.doseCount === 0 ? 'notApplicable' : dosesGiven(report) ? 'recommended' : 'optional',
  },
  {
    path: 'vaccination.latestVaccine',
    requirement: 'conditional',
    kind: 'code',
    notApplicableSeverity: 'error',
    resolve: ({ report }) =>
      report.vaccination?.doseCount === 0 ? 'notApplicable' : dosesGiven(report) ? 'recommended' : 'optional',
  },
  {
    path: 'vaccination.latestVaccineOther',
    requirement: 'conditional',
    kind: 'text',
    resolve: ({ report }) => (report.vaccination?.latestVaccine === 'other' ? 'recommended' : 'optional'),
  },
  { path: 'vaccination.doses', requirement: 'optional', kind: 'list' },
  { path: 'vaccination.doses.dose', requirement: 'required', kind: 'number' },
  { path: 'vaccination.doses.given', requirement: 'optional', kind: 'code' },
  { path: 'vaccination.doses.vaccine', requirement: 'optional', kind: 'code' },
  { path: 'vaccination.doses.vaccineOther', requirement: 'optional', kind: 'text' },
  { path: 'vaccination.doses.date', requirement: 'optional', kind: 'date' },
  { path: 'vaccination.doses.dateUnknown', requirement: 'optional', kind: 'boolean' },

  { path: 'riskFactors.presence', requirement: 'recommended', kind: 'code' },
  {
    path: 'riskFactors.items',
    requirement: 'conditional',
    kind: 'codes',
    resolve: ({ report }) => (report.riskFactors?.presence === 'yes' ? 'required' : 'optional'),
  },
  {
    path: 'riskFactors.other',
    requirement: 'conditional',
    kind: 'text',
    resolve: ({ report }) => (report.riskFactors?.items?.includes('other') ? 'required' : 'optional'),
  },

  { path: 'clinical.severity', requirement: 'recommended', kind: 'code' },
  { path: 'clinical.hospitalizationNeeded', requirement: 'recommended', kind: 'code' },
  {
    path: 'clinical.hospitalized',
    requirement: 'conditional',
    kind: 'code',
    resolve: ({ report }) => (report.clinical?.admissionDate !== undefined ? 'required' : 'recommended'),
  },
  {
    path: 'clinical.admissionDate',
    requirement: 'conditional',
    kind: 'date',
    notApplicableSeverity: 'error',
    resolve: ({ report }) => {
      const h = report.clinical?.hospitalized;
      return h === 'yes' ? 'required' : h === 'no' ? 'notApplicable' : 'optional';
    },
  },
  {
    path: 'clinical.inpatientInstitution',
    requirement: 'conditional',
    kind: 'text',
    resolve: ({ report }) => (report.clinical?.hospitalized === 'yes' ? 'recommended' : 'optional'),
  },
  { path: 'clinical.antiviralNeeded', requirement: 'recommended', kind: 'code' },
  { path: 'clinical.oxygenNeeded', requirement: 'recommended', kind: 'code' },
  { path: 'clinical.telemedicine', requirement: 'optional', kind: 'code' },
  { path: 'clinical.supplementary', requirement: 'optional', kind: 'text' },

  { path: 'healthCenters.notified', requirement: 'required', kind: 'facility' },
  { path: 'healthCenters.responsible', requirement: 'recommended', kind: 'facility' },
];

/** Every field of the report with its requirement kind, in form order. */
export const FIELDS: readonly FieldMeta[] = DEFS.map(({ resolve: _r, ...meta }) => ({
  ...meta,
  labelKey: `fields:${meta.path}`,
}));

/** Every field path (index-free), in form order. */
export const FIELD_PATHS: readonly string[] = FIELDS.map((f) => f.path);

const BY_PATH = new Map<string, FieldDef>(DEFS.map((d) => [d.path, d]));
const META_BY_PATH = new Map<string, FieldMeta>(FIELDS.map((f) => [f.path, f]));
const HAS_INDEX = /\.\d+(?:\.|$)/;

/** A path without array indexes: `diagnosis.methods.0.collectionDate` → `diagnosis.methods.collectionDate`. */
export function fieldKeyOf(path: string): string {
  return HAS_INDEX.test(path) ? path.replace(/\.\d+(?=\.|$)/g, '') : path;
}

/** The metadata of a field (index-free or indexed path), or `undefined`. */
export function fieldMeta(path: string): FieldMeta | undefined {
  return META_BY_PATH.get(fieldKeyOf(path));
}

/** The lists whose entries have their own fields. */
const LIST_PATHS = ['diagnosis.methods', 'vaccination.doses'] as const;

const LIST_OF: readonly (string | undefined)[] = DEFS.map((def) =>
  LIST_PATHS.find((l) => def.path.length > l.length && def.path.startsWith(l) && def.path[l.length] === '.'),
);

/** One field of one report, with how it is asked for and its current value. */
export interface FieldState {
  /** Dotted path with indexes for list entries. */
  readonly path: string;
  readonly meta: FieldMeta;
  readonly requirement: Requirement;
  readonly value: unknown;
}

/**
 * Every field of a report (each list entry's fields included) with its requirement and value, in form
 * order: what a UI needs to mark 必須 / the yellow frame in one pass. Never throws.
 */
export function fieldStates(report: OccurrenceReport, options: { adultAge?: number } = {}): FieldState[] {
  const out: FieldState[] = [];
  forEachField(report, options, (path, meta, requirement, value) =>
    out.push({ path, meta, requirement, value }),
  );
  return out;
}

/** Per field definition, computed once: its metadata and the path segments to its value (or its list's). */
const DEF_META: readonly FieldMeta[] = DEFS.map((def) => META_BY_PATH.get(def.path)!);
const DEF_SEGMENTS: readonly (readonly string[])[] = DEFS.map((def, d) =>
  (LIST_OF[d] ?? def.path).split('.'),
);
const DEF_LEAF: readonly string[] = DEFS.map((def, d) => {
  const list = LIST_OF[d];
  return list === undefined ? '' : def.path.slice(list.length + 1);
});

/**
 * {@link fieldStates} without building its objects: `visit` gets each field in form order (the required rule
 * runs this for every validation). `skipOptional` leaves out the fields that are optional in every report.
 */
export function forEachField(
  report: OccurrenceReport,
  options: { adultAge?: number; skipOptional?: boolean },
  visit: (path: string, meta: FieldMeta, requirement: Requirement, value: unknown) => void,
): void {
  const ctx: Ctx = { report: report ?? {}, adultAge: options.adultAge };
  for (let d = 0; d < DEFS.length; d++) {
    const def = DEFS[d]!;
    if (options.skipOptional && def.requirement === 'optional') continue;
    const list = LIST_OF[d];
    if (list === undefined) {
      visit(def.path, DEF_META[d]!, requirementOf(def, ctx), valueAt(ctx.report, DEF_SEGMENTS[d]!));
      continue;
    }
    const entries = valueAt(ctx.report, DEF_SEGMENTS[d]!);
    if (!Array.isArray(entries)) continue;
    const leaf = DEF_LEAF[d]!;
    for (let i = 0; i < entries.length; i++) {
      const entry: unknown = entries[i];
      const value =
        entry !== null && typeof entry === 'object' && Object.prototype.hasOwnProperty.call(entry, leaf)
          ? (entry as Record<string, unknown>)[leaf]
          : undefined;
      visit(`${list}.${i}.${leaf}`, DEF_META[d]!, requirementOf(def, ctx, i), value);
    }
  }
}

function requirementOf(def: FieldDef, ctx: Ctx, index?: number): Requirement {
  if (def.requirement !== 'conditional') return def.requirement;
  try {
    return def.resolve!(ctx, index);
  } catch {
    return 'optional';
  }
}

/**
 * How a field is asked for in this report: 'required' (必須), 'recommended' (yellow frame), 'optional',
 * or 'notApplicable' (should be left empty, e.g. the onset date of an asymptomatic carrier). Unknown paths
 * give 'optional'. Never throws.
 *
 * @example fieldRequirement('patient.guardian.name', { patient: { dateOfBirth: '2010-01-01' }, diagnosis: { diagnosisDate: '2022-09-27' } }) // 'required'
 * @example fieldRequirement('diagnosis.onsetDate', { patient: { category: 'asymptomatic' } }) // 'notApplicable'
 */
export function fieldRequirement(
  path: string,
  report: OccurrenceReport,
  options: { adultAge?: number } = {},
): Requirement {
  const def = BY_PATH.get(fieldKeyOf(path));
  if (!def) return 'optional';
  if (def.requirement !== 'conditional') return def.requirement;
  const idx = HAS_INDEX.test(path) ? /\.(\d+)\./.exec(path) : null;
  try {
    return def.resolve!(
      { report: report ?? {}, adultAge: options.adultAge },
      idx ? Number(idx[1]) : undefined,
    );
  } catch {
    return 'optional';
  }
}

/**
 * The value at a dotted path (numeric segments index arrays), or `undefined`. Hot paths pass the path's
 * segments, split once, instead of the string.
 */
const SEGMENTS = new Map<string, readonly string[]>();
export function valueAt(root: unknown, path: string | readonly string[]): unknown {
  let segs = typeof path === 'string' ? SEGMENTS.get(path) : path;
  if (segs === undefined) {
    const text = path as string;
    segs = text.split('.');
    if (SEGMENTS.size < 2048 && text.length <= 128) SEGMENTS.set(text, segs);
  }
  let cur: unknown = root;
  for (let i = 0; i < segs.length; i++) {
    if (cur === null || typeof cur !== 'object') return undefined;
    const seg = segs[i]!;
    cur = Object.prototype.hasOwnProperty.call(cur, seg) ? (cur as Record<string, unknown>)[seg] : undefined;
  }
  return cur;
}

/** True when a value counts as filled in: not undefined/null, not blank text, not an empty list. */
export function isFilled(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}
