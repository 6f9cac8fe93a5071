/** The record's header line (HER-SYS ID, 患者名, 性別, 年齢, 住所, 現在のステータス), as the manual shows it. */
import { html, type TemplateResult } from 'lit';
import { PREFECTURES, SEXES, labelOf } from 'hersys-sdk/schema';
import type { Patient } from '../api.js';
import { STATUS_LABELS, labelFrom, t, type Locale } from '../i18n.js';

export function ageOn(dateOfBirth: string | undefined, today: Date = new Date()): number | undefined {
  const m = dateOfBirth ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateOfBirth) : null;
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  let age = today.getFullYear() - y;
  if (today.getMonth() + 1 < mo || (today.getMonth() + 1 === mo && today.getDate() < d)) age -= 1;
  return age >= 0 ? age : undefined;
}

export function patientName(p: Pick<Patient, 'familyName' | 'givenName'>): string {
  return [p.familyName, p.givenName].filter(Boolean).join(' ');
}

export function renderPatientHeader(locale: Locale, p: Patient): TemplateResult {
  const l = locale;
  const age = ageOn(p.dateOfBirth);
  const pref = p.prefectureCode ? (labelOf(PREFECTURES, p.prefectureCode, l) ?? '') : '';
  const address = [pref, p.city, p.street].filter(Boolean).join(' ') || '-';
  return html`<dl class="patient-header" data-testid="patient-header">
    <div>
      <dt>${t(l, 'patient.herSysId')}</dt>
      <dd data-testid="her-sys-id">${p.herSysId}</dd>
    </div>
    <div>
      <dt>${t(l, 'patient.name')}</dt>
      <dd><a href=${`/patients/${p.herSysId}`}>${patientName(p) || '-'}</a></dd>
    </div>
    <div>
      <dt>${t(l, 'patient.sex')}</dt>
      <dd>${labelOf(SEXES, p.sex, l) ?? '-'}</dd>
    </div>
    <div>
      <dt>${t(l, 'patient.age')}</dt>
      <dd>${age === undefined ? '-' : t(l, 'patient.ageValue', { n: age })}</dd>
    </div>
    <div>
      <dt>${t(l, 'patient.address')}</dt>
      <dd>${address}</dd>
    </div>
    <div>
      <dt>${t(l, 'patient.status')}</dt>
      <dd>${labelFrom(STATUS_LABELS, p.status, l)}</dd>
    </div>
  </dl>`;
}
