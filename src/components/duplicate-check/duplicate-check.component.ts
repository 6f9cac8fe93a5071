import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { PREFECTURES, formatWareki, type DuplicateMatch, type Person } from '../../schema/index.js';
import type { Locale } from '../../locales/index.js';
import { LocalizeController } from '../internal/localize.js';
import { PATIENT_STRINGS } from '../../locales/packs/patient.js';
import { emit } from '../internal/emit.js';
import { tokens } from '../internal/tokens.styles.js';
import type { CheckDuplicates, DuplicateCandidate } from '../id-form/patient-events.js';

/** Whether a person has enough to compare (a name, a kana or a phone). */
function hasMatchableData(p: Person): boolean {
  return [p.familyName, p.givenName, p.familyNameKana, p.givenNameKana, p.phone, p.phone2].some(
    (v) => typeof v === 'string' && v.trim().length > 0,
  );
}

/**
 * Shows the registrations that may be the same person as the one being entered, each with the reasons it
 * matches (same kana after normalization, same date of birth, same phone, swapped name order, old/new
 * kanji forms, full/half width), and lets the user link to one or confirm a new person.
 *
 * Runs the host's check itself, debounced while the person is typed: set `person` and `checkDuplicates`.
 * Or set `candidates` directly (e.g. from a server response) and leave `checkDuplicates` unset.
 *
 * @tagname hersys-duplicate-check
 * @summary Duplicate-person candidates with match reasons.
 * @fires hersys-link-existing - The user chose an existing registration ({ herSysId, candidate, person }).
 * @fires hersys-confirm-new - The user confirmed the person is none of the candidates ({ person, rejected }).
 * @csspart panel - The panel around the candidates.
 * @csspart link - Each "この登録を使う" button.
 * @csspart confirm-new - The "別人として新規登録" button.
 */
export class HersysDuplicateCheck extends LitElement {
  static override styles = [
    tokens,
    css`
      :host {
        display: block;
      }
      :host([hidden]) {
        display: none;
      }
      .panel {
        border: 2px solid var(--_recommended);
        background: var(--_recommended-bg);
        border-radius: var(--_radius);
        padding: var(--_gap) calc(var(--_gap) * 1.5);
      }
      h3 {
        margin: 0 0 var(--_gap);
        font-size: 1rem;
      }
      table {
        border-collapse: collapse;
        inline-size: 100%;
      }
      th,
      td {
        text-align: start;
        padding: 4px 6px;
        border-block-end: 1px solid var(--_line);
        vertical-align: top;
      }
      ul.reasons {
        margin: 0;
        padding: 0;
        list-style: none;
        display: flex;
        flex-wrap: wrap;
        gap: 4px;
      }
      ul.reasons li {
        border: 1px solid var(--_warn);
        border-radius: 999px;
        padding: 0 8px;
        font-size: 0.8125rem;
        color: var(--_warn);
        background: var(--_bg);
      }
      button {
        min-block-size: var(--_control-h);
        padding: 0 var(--_gap);
        border: 1px solid var(--_primary);
        border-radius: var(--_radius);
        background: var(--_bg);
        color: var(--_primary);
        font: inherit;
        cursor: pointer;
      }
      button:focus-visible {
        outline: 3px solid var(--_focus);
        outline-offset: 2px;
      }
      .actions {
        margin-block-start: var(--_gap);
      }
      .status {
        margin: 0;
        color: var(--_muted);
        font-size: 0.875rem;
      }
      .error {
        color: var(--_danger);
      }
    `,
  ];

  /** UI language (`ja` | `en`); empty means the `lang` of the element or document. */
  @property() locale: Locale | '' = '';

  /** The person being entered. Changing it re-runs the check (debounced) when `checkDuplicates` is set. */
  @property({ attribute: false }) person: Person = {};

  /** The host's duplicate check: resolves to the candidates (already filtered and scored). */
  @property({ attribute: false }) checkDuplicates?: CheckDuplicates;

  /** Debounce of the check while typing, in ms. */
  @property({ type: Number }) delay = 400;

  /** The candidates shown (set by the check, or by the host directly). */
  @property({ attribute: false }) candidates: DuplicateMatch<DuplicateCandidate>[] = [];

  /** The user confirmed that the person is none of the current candidates. Reset when the candidates change. */
  @property({ type: Boolean, attribute: 'confirmed-new', reflect: true }) confirmedNew = false;

  @state() private status: 'idle' | 'checking' | 'done' | 'failed' = 'idle';
  @state() private errorMessage = '';

  private readonly localize = new LocalizeController(this, PATIENT_STRINGS);
  private timer: ReturnType<typeof setTimeout> | undefined;
  private seq = 0;
  private lastKey = '';
  private settled: Promise<void> = Promise.resolve();
  private resolveSettled: (() => void) | undefined;

  /** True while candidates are shown and the user has neither linked nor confirmed a new person. */
  get pending(): boolean {
    return this.candidates.length > 0 && !this.confirmedNew;
  }

  /** Resolves when no check is scheduled or running (tests and hosts that need the current result). */
  get checkComplete(): Promise<void> {
    return this.settled;
  }

  /** Runs the check now (skipping the debounce). */
  async checkNow(): Promise<void> {
    clearTimeout(this.timer);
    await this.run();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('person') && this.checkDuplicates) this.schedule();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  private schedule(): void {
    const key = JSON.stringify(this.person ?? {});
    if (key === this.lastKey) return;
    clearTimeout(this.timer);
    if (!this.resolveSettled) this.settled = new Promise((r) => (this.resolveSettled = r));
    this.timer = setTimeout(() => void this.run(), this.delay);
  }

  private async run(): Promise<void> {
    const person = structuredClone(this.person ?? {});
    const key = JSON.stringify(person);
    this.lastKey = key;
    const seq = ++this.seq;
    if (!this.checkDuplicates || !hasMatchableData(person)) {
      this.setMatches([]);
      this.status = 'idle';
      this.finish();
      return;
    }
    this.status = 'checking';
    try {
      const matches = await this.checkDuplicates(person);
      if (seq !== this.seq) return;
      this.setMatches(matches ?? []);
      this.status = 'done';
    } catch (err) {
      if (seq !== this.seq) return;
      this.status = 'failed';
      this.errorMessage = err instanceof Error ? err.message : String(err);
    }
    this.finish();
  }

  private finish(): void {
    const r = this.resolveSettled;
    this.resolveSettled = undefined;
    r?.();
  }

  private setMatches(next: DuplicateMatch<DuplicateCandidate>[]): void {
    const ids = (m: DuplicateMatch<DuplicateCandidate>[]) => m.map((x) => x.candidate.herSysId).join(',');
    if (ids(next) !== ids(this.candidates)) this.confirmedNew = false;
    this.candidates = next;
  }

  private link(m: DuplicateMatch<DuplicateCandidate>): void {
    emit(this, 'hersys-link-existing', {
      herSysId: m.candidate.herSysId,
      candidate: structuredClone(m.candidate),
      person: structuredClone(this.person ?? {}),
    });
  }

  private confirmNew(): void {
    this.confirmedNew = true;
    emit(this, 'hersys-confirm-new', {
      person: structuredClone(this.person ?? {}),
      rejected: this.candidates.map((m) => m.candidate.herSysId),
    });
  }

  /** Moves focus to the panel's first button (when 確認 is blocked by pending candidates). */
  override focus(): void {
    this.renderRoot.querySelector<HTMLElement>('button')?.focus();
  }

  protected override render(): TemplateResult {
    const t = this.localize.t;
    const locale = this.localize.locale;
    const live = html`<p class="status" role="status" aria-live="polite">
      ${
        this.status === 'checking'
          ? t('duplicates.checking')
          : this.status === 'failed'
            ? html`<span class="error">${t('duplicates.failed', { message: this.errorMessage })}</span>`
            : this.candidates.length > 0 && !this.confirmedNew
              ? t('duplicates.lead', { count: this.candidates.length })
              : this.confirmedNew
                ? t('duplicates.confirmedNew')
                : ''
      }
    </p>`;
    if (this.candidates.length === 0 || this.confirmedNew) return live;
    return html`<section class="panel" part="panel" aria-labelledby="title">
      <h3 id="title">${t('duplicates.title')}</h3>
      ${live}
      <table>
        <thead>
          <tr>
            <th scope="col">${t('duplicates.columns.herSysId')}</th>
            <th scope="col">${t('duplicates.columns.name')}</th>
            <th scope="col">${t('duplicates.columns.dob')}</th>
            <th scope="col">${t('duplicates.columns.address')}</th>
            <th scope="col">${t('duplicates.columns.reasons')}</th>
            <th scope="col">${t('record.actions')}</th>
          </tr>
        </thead>
        <tbody>
          ${this.candidates.map((m) => this.renderRow(m, locale))}
        </tbody>
      </table>
      <div class="actions">
        <button type="button" part="confirm-new" @click=${this.confirmNew}>
          ${t('duplicates.confirmNew')}
        </button>
      </div>
    </section>`;
  }

  private renderRow(m: DuplicateMatch<DuplicateCandidate>, locale: Locale): TemplateResult {
    const t = this.localize.t;
    const c = m.candidate;
    const name = [c.familyName, c.givenName].filter(Boolean).join(' ');
    const kana = [c.familyNameKana, c.givenNameKana].filter(Boolean).join(' ');
    const pref = PREFECTURES.find((p) => p.code === c.prefectureCode)?.[locale] ?? '';
    return html`<tr data-her-sys-id=${c.herSysId}>
      <td>${c.herSysId}</td>
      <td>${name}${kana ? html`<br /><small>${kana}</small>` : nothing}</td>
      <td>${c.dateOfBirth ? (locale === 'ja' ? formatWareki(c.dateOfBirth) : c.dateOfBirth) : '-'}</td>
      <td>${pref}${c.city ?? ''}</td>
      <td>
        <ul class="reasons" aria-label=${t('duplicates.score', { score: m.score })}>
          ${m.reasons.map((r) => html`<li data-reason=${r}>${t(`duplicates.reasons.${r}`)}</li>`)}
        </ul>
      </td>
      <td>
        <button
          type="button"
          part="link"
          aria-label=${`${t('duplicates.link')}: ${c.herSysId} ${name}`}
          @click=${() => this.link(m)}
        >
          ${t('duplicates.link')}
        </button>
      </td>
    </tr>`;
  }
}
