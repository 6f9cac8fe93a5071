/**
 * 発生届の提出前に使用: the ID管理 registration of the manual (p.19–22) with `<hersys-id-form>`: the person's
 * fields → 確認 → 登録 (`POST /api/patients` issues the HER-SYS ID; the whole ID管理 section — emergency
 * contact, privacy flags, free text — is then saved to the record) → 完了 → the person's record opens. While the
 * user types, possible duplicates come from `POST /api/patients/duplicates`; choosing one opens that record.
 */
import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import 'hersys-sdk/define/patient';
import type { Person } from 'hersys-sdk/schema';
import { api, type PatientRecord } from '../api.js';
import { t, type Locale } from '../i18n.js';
import { records } from '../records.js';
import { navigate } from '../router.js';
import { todayInTokyo } from '../sdk.js';
import { pageStyles } from '../styles.js';

/** The fields of the patient row the search reads (the rest lives in the record's ID管理 section). */
function patientRow(p: Person): PatientRecord {
  const row: PatientRecord = {
    familyName: p.familyName ?? p.givenName,
    givenName: p.familyName ? p.givenName : undefined,
    familyNameKana: p.familyNameKana,
    givenNameKana: p.givenNameKana,
    dateOfBirth: p.dateOfBirth,
    nationality: p.nationality,
    postalCode: p.postalCode,
    prefectureCode: p.prefectureCode,
    city: p.city,
    street: p.street,
    phone: p.phone,
    passportNumber: p.passportNumber,
    localId: p.localId,
    responsibleHealthCenterCode: p.responsibleHealthCenter?.code,
  };
  for (const k of Object.keys(row) as (keyof PatientRecord)[]) if (!row[k]) delete row[k];
  return row;
}

@customElement('clinic-pre-register-page')
export class ClinicPreRegisterPage extends LitElement {
  static override styles = [pageStyles];

  @property({ attribute: false }) locale: Locale = 'ja';

  /** Set when the person was registered but their full ID管理 section could not be saved. */
  #identityError = '';

  #register = async (person: Person): Promise<{ herSysId: string }> => {
    const created = await api.createPatient(patientRow(person));
    this.#identityError = '';
    try {
      const { record } = await records.load(created.herSysId);
      await records.save(created.herSysId)('identity', { ...record.person, ...person }, record.version);
    } catch (error) {
      // The HER-SYS ID is issued: never fail 登録 (a retry would register the person twice); the record
      // opens with what could not be saved, so the user can enter it there.
      this.#identityError = t(this.locale, 'pre.identityNotSaved', {
        message: error instanceof Error ? error.message : String(error),
      });
    }
    return { herSysId: created.herSysId };
  };

  override render() {
    const l = this.locale;
    return html`
      <h1>${t(l, 'pre.heading')}</h1>
      <p>${t(l, 'pre.intro')}</p>
      <hersys-id-form
        .locale=${l}
        .today=${todayInTokyo()}
        .register=${this.#register}
        .checkDuplicates=${records.checkDuplicates()}
        @hersys-registered=${(e: CustomEvent<{ herSysId: string }>) =>
          navigate(`/patients/${encodeURIComponent(e.detail.herSysId)}`, {
            flash: this.#identityError || t(l, 'pre.done', { id: e.detail.herSysId }),
          })}
        @hersys-link-existing=${(e: CustomEvent<{ herSysId: string }>) =>
          navigate(`/patients/${encodeURIComponent(e.detail.herSysId)}`)}
      ></hersys-id-form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'clinic-pre-register-page': ClinicPreRegisterPage;
  }
}
