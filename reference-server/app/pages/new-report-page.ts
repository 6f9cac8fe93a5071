/**
 * 新たに発生届を提出 (and 追加登録 / コピーして追加登録): the SDK's `<hersys-report-flow>` wired to the API.
 *
 * - `submit` posts to `POST /api/reports` with an `Idempotency-Key`. The key is generated once per
 *   attempt chain: it is kept while the outcome of the last attempt is unknown (network failure, 5xx), so
 *   a retried 報告 can never file twice, and dropped as soon as the server gave a definite answer.
 * - 完了 lists the mailed recipients from the response; 登録完了 opens the filed report; 連続登録 and
 *   連続登録(引継ぎ) stay in the flow (the component handles them).
 * - `?herSysId=` (追加登録, 発生届を提出 from the record) starts from `GET /api/patients/:id/report-prefill`
 *   (the record, 自動反映); `?from=<reportId>` (コピーして追加登録) from `GET /api/reports/:id/copy`. Both
 *   file the report to that person.
 */
import 'hersys-sdk/define';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
// Lit sets object-valued properties again on every render (e.g. a language switch); `guard` sets the
// flow's value only when the starting report changes, so a re-render never resets what was typed.
import { guard } from 'lit/directives/guard.js';
import type { Issue, OccurrenceReport } from 'hersys-sdk/schema';
import { api, ApiError, newIdempotencyKey, type Me } from '../api.js';
import { errorMessage, renderError } from '../errors.js';
import { t, type Locale } from '../i18n.js';
import { navigate } from '../router.js';
import {
  draftStoreFor,
  doctorStoreFor,
  searchHealthCenters,
  searchInstitutions,
  todayInTokyo,
} from '../sdk.js';
import { pageStyles } from '../styles.js';

/** What `<hersys-report-flow>` expects back from `submit`. */
interface SubmitResult {
  herSysId: string;
  reportId?: string;
  notified?: { name: string; role?: string; email?: string }[];
}

/** …or the server's findings when it refused the report (400). */
interface SubmitRejection {
  issues: Issue[];
}

@customElement('clinic-new-report-page')
export class ClinicNewReportPage extends LitElement {
  static override styles = [
    pageStyles,
    css`
      .target {
        margin: 0 0 1rem;
      }
    `,
  ];

  @property({ attribute: false }) locale: Locale = 'ja';
  @property({ attribute: false }) me?: Me;
  /** コピーして追加登録: the report to copy. */
  @property({ attribute: false }) copyFrom?: string;
  /** 追加登録: the person to add a report to. */
  @property({ attribute: false }) herSysId?: string;

  @state() private start?: OccurrenceReport;
  @state() private targetHerSysId?: string;
  @state() private targetName?: string;
  @state() private loadError?: unknown;
  @state() private ready = false;
  /** The Idempotency-Key of an attempt whose outcome is unknown, reused by the next attempt. */
  #pendingKey?: string;

  #preparedFor?: string;

  override willUpdate(): void {
    // A new report starts with the user's facility filled in, so wait for who the user is.
    if (!this.me) return;
    const source = `${this.copyFrom ?? ''}|${this.herSysId ?? ''}|${this.me.user.userId}`;
    if (source !== this.#preparedFor) {
      this.#preparedFor = source;
      void this.#prepare();
    }
  }

  async #prepare(): Promise<void> {
    this.ready = false;
    this.loadError = undefined;
    this.start = undefined;
    this.targetHerSysId = undefined;
    this.targetName = undefined;
    try {
      if (this.copyFrom) {
        const r = await api.copyReport(this.copyFrom);
        this.start = await this.#withDefaults(r.draft);
        this.targetHerSysId = r.herSysId;
      } else if (this.herSysId) {
        const r = await api.newReportFor(this.herSysId);
        this.start = await this.#withDefaults(r.draft);
        this.targetHerSysId = r.herSysId;
      } else {
        this.start = await this.#withDefaults({ schemaVersion: 2 });
      }
      if (this.targetHerSysId && this.start?.patient) {
        this.targetName = [this.start.patient.familyName, this.start.patient.givenName]
          .filter(Boolean)
          .join(' ');
      }
      this.ready = true;
    } catch (error) {
      this.loadError = error;
    }
  }

  /**
   * A report starts with 報告年月日 = today and, when it names no institution yet, the signed-in facility
   * as 従事する病院・診療所 (name, address, phone from the facility register), as HER-SYS does for a
   * medical-institution account. What the starting report already has is kept.
   */
  async #withDefaults(draft: OccurrenceReport): Promise<OccurrenceReport> {
    const report: OccurrenceReport = { ...draft, reportDate: draft.reportDate ?? todayInTokyo() };
    const user = this.me?.user;
    if (
      !draft.reporter?.institutionName &&
      user &&
      (user.facilityKind === 'outpatient' || user.facilityKind === 'inpatient')
    ) {
      const hits = await api.searchInstitutions(user.facilityCode).catch(() => []);
      const own = hits.find((h) => h.code === user.facilityCode);
      report.reporter = {
        ...draft.reporter,
        institutionName: own?.name ?? user.facilityName,
        institutionCode: user.facilityCode,
        ...(own?.address ? { institutionAddress: own.address } : {}),
        ...(own?.phone ? { institutionPhone: own.phone } : {}),
      };
    }
    return report;
  }

  /** The flow's submit function (an arrow, so `this` is bound when the component calls it). */
  submit = async (report: OccurrenceReport): Promise<SubmitResult | SubmitRejection> => {
    const key = (this.#pendingKey ??= newIdempotencyKey());
    const body = this.targetHerSysId ? { report, herSysId: this.targetHerSysId } : { report };
    try {
      const res = await api.createReport(body, key);
      this.#pendingKey = undefined;
      // After 追加登録, 連続登録 registers the next (new) person; a reload must not copy again either.
      if (this.targetHerSysId) {
        this.targetHerSysId = undefined;
        this.targetName = undefined;
        history.replaceState(null, '', '/reports/new');
      }
      return {
        herSysId: res.report.herSysId,
        reportId: res.report.id,
        notified: res.notified.map((n) => ({ name: n.name, role: n.role, email: n.email })),
      };
    } catch (error) {
      if (error instanceof ApiError && error.code === 'idempotency_key_reused') {
        // The server already holds an attempt under this key with other content (typed after a lost
        // answer): that attempt may have been filed. Keep the key, so no click can file a second report.
        throw new Error(t(this.locale, 'flow.maybeFiled'), { cause: error });
      }
      if (error instanceof ApiError && error.status !== 0 && error.status < 500) {
        // A definite answer: nothing was filed, the next attempt is a new request.
        this.#pendingKey = undefined;
        if (error.status === 400 && error.issues.length) return { issues: error.issues };
      }
      throw new Error(errorMessage(this.locale, error), { cause: error });
    }
  };

  /** One draft per starting point, so a copy's draft never replaces a new report's draft. */
  #draftKey(): string {
    if (this.copyFrom) return `report-copy-${this.copyFrom}`;
    if (this.herSysId) return `report-add-${this.herSysId}`;
    return 'report-new';
  }

  #onComplete(event: CustomEvent<{ herSysId: string; reportId?: string }>): void {
    const { reportId, herSysId } = event.detail;
    navigate(reportId ? `/reports/${reportId}` : `/patients/${herSysId}`, {
      flash: t(this.locale, 'flow.completeRegistered', { id: herSysId }),
    });
  }

  override render() {
    const l = this.locale;
    if (this.loadError) return renderError(l, this.loadError);
    if (!this.ready) return html`<p role="status">${t(l, 'app.loading')}</p>`;
    const heading = this.copyFrom
      ? 'report.copyHeading'
      : this.herSysId
        ? 'report.addHeading'
        : 'report.newHeading';
    const user = this.me?.user;
    return html`
      <h1 class=${heading === 'report.newHeading' ? 'visually-hidden' : ''}>${t(l, heading)}</h1>
      ${
        this.targetHerSysId
          ? html`<p class="target notice">
              ${t(l, 'report.forPatient', { name: this.targetName ?? '', id: this.targetHerSysId })}
            </p>`
          : nothing
      }
      ${
        customElements.get('hersys-report-flow')
          ? html`<hersys-report-flow
              .value=${guard([this.start], () => this.start)}
              .locale=${l}
              .today=${todayInTokyo()}
              .submit=${this.submit}
              .draftStore=${draftStoreFor(user?.userId)}
              draft-key=${this.#draftKey()}
              .doctorStore=${doctorStoreFor(user?.facilityCode)}
              .searchInstitutions=${searchInstitutions}
              .searchHealthCenters=${searchHealthCenters}
              @hersys-complete=${this.#onComplete}
            ></hersys-report-flow>`
          : html`<div class="alert" role="alert">${t(l, 'flow.noComponents')}</div>`
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'clinic-new-report-page': ClinicNewReportPage;
  }
}
