import type { Issue } from '../issues.js';
import { PREFECTURES } from '../codes/index.js';
import { valueAt } from '../fields.js';
import { checkKana } from '../kana.js';
import { parsePhoneJP } from '../phone.js';
import { normalizePostalCode } from '../postal.js';
import { issue, type RuleContext } from './context.js';

export const KANA_PATHS = ['patient.familyNameKana', 'patient.givenNameKana'] as const;
export const PHONE_PATHS = [
  'reporter.institutionPhone',
  'reporter.outOfHoursPhone',
  'patient.phone',
  'patient.phoneConfirmation',
  'patient.addressPhone',
  'patient.guardian.phone',
] as const;
export const POSTAL_PATHS = ['patient.location.postalCode', 'patient.address.postalCode'] as const;
export const PREFECTURE_PATHS = [
  'patient.location.prefectureCode',
  'patient.address.prefectureCode',
  'infection.prefectureCode',
] as const;

const PREFECTURE_CODES = new Set<string>(PREFECTURES.map((p) => p.code));

const str = (ctx: RuleContext, path: string): string | undefined => {
  const v = valueAt(ctx.report, path);
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
};

/**
 * Contact data: furigana (`kana.invalid`), every phone (`phone.invalid`), the patient phone's SMS
 * reachability (`phone.notMobile`, a warning), the typed-twice confirmation of a mobile number
 * (`phone.confirmationRequired`, `phone.confirmationMismatch`: errors; the Tottori incident, TC-26),
 * postal codes (`postal.invalid`) and prefecture codes (`prefecture.invalid`).
 */
export function contactRule(ctx: RuleContext): Issue[] {
  const out: Issue[] = [];
  for (const path of KANA_PATHS) {
    const v = str(ctx, path);
    if (v !== undefined && checkKana(v)) out.push(issue(path, 'kana.invalid', 'error'));
  }
  for (const path of PHONE_PATHS) {
    const v = str(ctx, path);
    if (v !== undefined && !parsePhoneJP(v).ok) out.push(issue(path, 'phone.invalid', 'error', { value: v }));
  }
  const phone = str(ctx, 'patient.phone');
  const confirmation = str(ctx, 'patient.phoneConfirmation');
  const p = phone === undefined ? undefined : parsePhoneJP(phone);
  if (p?.ok && !p.smsCapable)
    out.push(issue('patient.phone', 'phone.notMobile', 'warning', { kind: p.kind }));
  if (p?.ok && p.smsCapable && confirmation === undefined)
    out.push(issue('patient.phoneConfirmation', 'phone.confirmationRequired', 'error'));
  if (p?.ok && confirmation !== undefined) {
    const c = parsePhoneJP(confirmation);
    if (c.ok && c.digits !== p.digits)
      out.push(issue('patient.phoneConfirmation', 'phone.confirmationMismatch', 'error'));
  }
  for (const path of POSTAL_PATHS) {
    const v = str(ctx, path);
    if (v !== undefined && !normalizePostalCode(v).ok)
      out.push(issue(path, 'postal.invalid', 'error', { value: v }));
  }
  for (const path of PREFECTURE_PATHS) {
    const v = str(ctx, path);
    if (v !== undefined && !PREFECTURE_CODES.has(v))
      out.push(issue(path, 'prefecture.invalid', 'error', { value: v }));
  }
  return out;
}
