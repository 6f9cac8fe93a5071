import { css, html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ConfirmedWarning, Issue } from '../../schema/index.js';
import { HersysDialogBase } from '../internal/dialog-base.js';
import { emit } from '../internal/emit.js';
import '../flow-events.js';

type ChartModule = typeof import('./timeline-chart.js'); // eslint-disable-line @typescript-eslint/consistent-type-imports -- the type of a module loaded by import()

/** The chart's module once loaded (./timeline-chart.ts: drawn only in the open dialog). */
let chart: ChartModule | undefined;
let chartLoading: Promise<ChartModule> | undefined;

/** Loads the chart once; a failed load is tried again next time. */
function loadChart(): Promise<ChartModule> {
  chartLoading ??= import('./timeline-chart.js').then(
    (m) => (chart = m),
    (error: unknown) => {
      chartLoading = undefined;
      throw error;
    },
  );
  return chartLoading;
}

/** One entry of the timeline, as `checkDateConsistency` returns it (ascending order). */
export interface DateTimelineEntry {
  /** dateOfBirth, onsetDate, specimenCollectionDate, diagnosisDate, admissionDate, deathDate or reportDate. */
  readonly field: string;
  /** Dotted path of the field in the report. */
  readonly path: string;
  /** ISO date; absent when the field is empty (入力なし). */
  readonly date?: string;
  /** Out of order with the other dates (×). */
  readonly flagged: boolean;
}

/** What the dialog shows: the result of `checkDateConsistency(report, { today })`. */
export interface DateConsistencyView {
  readonly timeline: readonly DateTimelineEntry[];
  /** The warnings behind the × marks; each becomes a confirmed warning on 続ける. */
  readonly issues: readonly Issue[];
}

/** `2022-06-24` → `2022/6/24`, as the manual prints dates in this dialog. */
export function slashDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}/${m}/${d}`;
}

/**
 * 日付の整合性確認: the report's dates in ascending order, × on those out of order with the others, exactly
 * as the schema's `checkDateConsistency` returns them, with a small drawn timeline beside the list. An
 * optional reason may be typed. 続ける records every flagged warning as a confirmed warning (never silently:
 * the flow writes them into the report's `confirmedWarnings`); 修正する goes back to the first flagged date.
 *
 * @summary The manual's 日付の整合性確認 dialog (step ⑤).
 * @tagname hersys-date-consistency-dialog
 *
 * @fires hersys-continue - 続ける was chosen. `detail: { source: 'date-consistency', confirmedWarnings, reason? }`:
 *   one `{ code, path, confirmedAt, reason }` per issue.
 * @fires hersys-request-close - Cancelable, before closing: `detail: { source: 'continue' | 'fix' | 'escape' }`;
 *   `preventDefault()` keeps the dialog open.
 * @fires hersys-fix - 修正する was chosen or Escape pressed. `detail: { source: 'date-consistency', path }` (first × date).
 *
 * @csspart dialog - The native `<dialog>`.
 * @csspart timeline - The list of dates (the accessible content).
 * @csspart chart - The drawn timeline (decorative, `aria-hidden`).
 * @csspart reason - The reason textarea.
 * @csspart continue - The 続ける button.
 * @csspart fix - The 修正する button.
 *
 * @cssprop --hersys-color-danger - Colour of the × marks and flagged points.
 * @cssprop --hersys-dialog-backdrop - Backdrop behind the modal.
 * @cssprop --hersys-dialog-header-background - Title bar background.
 * @cssprop --hersys-dialog-header-color - Title bar text colour.
 */
export class HersysDateConsistencyDialog extends HersysDialogBase {
  static override styles = [
    ...HersysDialogBase.styles,
    css`
      dialog {
        max-inline-size: min(56rem, calc(100vw - 2rem));
      }
      .layout {
        display: flex;
        flex-wrap: wrap;
        gap: calc(var(--_gap) * 2);
        align-items: flex-start;
      }
      h3 {
        margin: 0 0 var(--_gap);
        font-size: 0.9375em;
      }
      ol {
        margin: 0;
        padding: 0;
        list-style: none;
        min-inline-size: 17rem;
      }
      li {
        display: grid;
        grid-template-columns: 1.5em 9.5em auto;
        gap: 0.25em;
        align-items: baseline;
        padding: 0.3em 0;
        border-block-end: 1px solid var(--_line);
      }
      li:last-child {
        border-block-end: 0;
      }
      .mark {
        color: var(--_danger);
        font-weight: 700;
      }
      li.flagged .name {
        color: var(--_danger);
        font-weight: 700;
      }
      .note {
        grid-column: 2 / -1;
        color: var(--_muted);
        font-size: 0.8125em;
      }
      .empty {
        color: var(--_muted);
      }
      figure {
        margin: 0;
      }
      .reason {
        display: grid;
        gap: 0.25em;
        margin-block-start: calc(var(--_gap) * 1.5);
      }
      .reason label {
        font-weight: 600;
      }
      .reason .hint {
        color: var(--_muted);
        font-size: 0.8125em;
      }
      textarea {
        box-sizing: border-box;
        inline-size: 100%;
        min-block-size: 3.5em;
        padding: 0.4em;
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        font: inherit;
        resize: vertical;
      }
      .visually-hidden {
        position: absolute;
        inline-size: 1px;
        block-size: 1px;
        overflow: hidden;
        clip-path: inset(50%);
        white-space: nowrap;
      }
    `,
  ];

  /** The result of `checkDateConsistency` to show (its `timeline` and its `issues`). */
  @property({ attribute: false }) result?: DateConsistencyView;

  /** Clock for `confirmedAt` (tests and demos can fix it). */
  @property({ attribute: false }) now: () => Date = () => new Date();

  /** The reason typed by the user (also settable by the host, e.g. to pre-fill). */
  @state() reason = '';

  /**
   * ReactiveElement awaits what this returns before updating: the update that opens the dialog first
   * waits for the chart's module, so `show()` resolves with the chart drawn. A failed load opens the
   * dialog without the (decorative) chart; the list carries the meaning.
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    if (!this.open || chart) return super.scheduleUpdate();
    return loadChart()
      .catch((error: unknown) =>
        console.warn('hersys-date-consistency-dialog: the chart could not be loaded', error),
      )
      .then(() => super.scheduleUpdate());
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A new result is a new question (possibly another patient after 連続登録): never carry a reason over.
    super.willUpdate(changed);
    if (changed.has('result')) this.reason = '';
  }

  protected override renderContent(): TemplateResult {
    const t = this.localize.t;
    const timeline = this.result?.timeline ?? [];
    const dated = timeline.filter((e) => e.date);
    const sorted = dated.map((e) => e.date!).sort();
    const oldest = dated.find((e) => e.date === sorted[0]);
    const newest = [...dated].reverse().find((e) => e.date === sorted[sorted.length - 1]);
    // The confirmation screen's names of these dates (the same short names in both places).
    const label = (field: string) => t(`flow.summary.${field}`, { defaultValue: field });
    return html`
      <h2 class="header" id="title">${t('dialogs.dateConsistency.title')}</h2>
      <div class="body">
        <p class="message" id="message">${t('dialogs.dateConsistency.message')}</p>
        <div class="layout">
          <div>
            <h3 id="timeline-title">${t('dialogs.dateConsistency.timeline')}</h3>
            <ol part="timeline" aria-labelledby="timeline-title">
              ${timeline.map(
                (e) =>
                  html`<li class=${e.flagged ? 'flagged' : ''} data-field=${e.field} data-path=${e.path}>
                    <span class="mark" aria-hidden="true">${e.flagged ? '×' : ''}</span>
                    <span class="name"
                      ><span class="label">${label(e.field)}</span>${
                        e.flagged
                          ? html`<span class="visually-hidden"
                              >: ${t('dialogs.dateConsistency.flagged')}</span
                            >`
                          : nothing
                      }</span
                    >
                    <span class="date ${e.date ? '' : 'empty'}"
                      >(${e.date ? slashDate(e.date) : t('dialogs.dateConsistency.empty')})</span
                    >
                    ${
                      e === oldest && dated.length > 1
                        ? html`<span class="note">${t('dialogs.dateConsistency.oldest')}</span>`
                        : nothing
                    }
                    ${
                      e === newest && dated.length > 1
                        ? html`<span class="note">${t('dialogs.dateConsistency.newest')}</span>`
                        : nothing
                    }
                  </li>`,
              )}
            </ol>
          </div>
          <figure part="chart" aria-hidden="true">
            ${
              chart
                ? chart.timelineChart(
                    svg,
                    timeline.map((e) => ({ label: label(e.field), date: e.date, flagged: e.flagged })),
                    t('dialogs.dateConsistency.empty'),
                  )
                : nothing
            }
          </figure>
        </div>
        <div class="reason">
          <label for="reason">${t('dialogs.dateConsistency.reason')}</label>
          <textarea
            id="reason"
            part="reason"
            maxlength="200"
            aria-describedby="reason-hint"
            .value=${this.reason}
            @input=${(e: Event) => (this.reason = (e.target as HTMLTextAreaElement).value)}
          ></textarea>
          <span class="hint" id="reason-hint">${t('dialogs.dateConsistency.reasonHint')}</span>
        </div>
      </div>
      <div class="actions">
        <button part="continue" class="primary" @click=${() => this.#continue()}>
          ${t('dialogs.continue')}
        </button>
        <button part="fix" class="secondary" autofocus @click=${() => this.#fix()}>
          ${t('dialogs.fix')}
        </button>
      </div>
    `;
  }

  /** The confirmed warnings 続ける would record now (one per issue of {@link result}). */
  confirmedWarnings(): ConfirmedWarning[] {
    const confirmedAt = this.now().toISOString();
    const reason = this.reason.trim().slice(0, 200);
    const seen = new Set<string>();
    const out: ConfirmedWarning[] = [];
    const warnings = (this.result?.issues ?? []).filter((i) => i.severity !== 'error');
    const flagged = new Set((this.result?.timeline ?? []).filter((e) => e.flagged).map((e) => e.path));
    // The warnings behind the × marks; when none is tied to a flagged path, every warning shown is confirmed.
    const behindMarks = warnings.filter((i) => flagged.has(i.path));
    for (const issue of behindMarks.length ? behindMarks : warnings) {
      const id = `${issue.code}\u0000${issue.path}`;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push(
        reason
          ? { code: issue.code, path: issue.path, confirmedAt, reason }
          : { code: issue.code, path: issue.path, confirmedAt },
      );
    }
    return out;
  }

  protected override onEscape(): void {
    void this.#fix(true);
  }

  async #continue(): Promise<void> {
    if (!this.requestClose('continue')) return;
    const confirmedWarnings = this.confirmedWarnings();
    const reason = this.reason.trim() || undefined;
    await this.hide('continue');
    emit(this, 'hersys-continue', {
      source: 'date-consistency',
      confirmedWarnings,
      ...(reason ? { reason } : {}),
    });
  }

  async #fix(asked = false): Promise<void> {
    if (!asked && !this.requestClose('fix')) return;
    const first = this.result?.timeline.find((e) => e.flagged)?.path ?? this.result?.issues[0]?.path ?? '';
    await this.hide('fix');
    emit(this, 'hersys-fix', { source: 'date-consistency', path: first });
  }
}
