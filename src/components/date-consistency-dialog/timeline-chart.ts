/**
 * The drawn timeline of `<hersys-date-consistency-dialog>`. Loaded when the dialog is first opened (the
 * dialog's update waits for it), as it is drawn only then. It imports no code (only types): lit's `svg`
 * comes from the dialog, so a bundler keeps lit in the page's chunk rather than splitting it out into one
 * shared with this module, which would cost more gzip than this module saves.
 */
import type { SVGTemplateResult, svg as litSvg } from 'lit';

/** One row of the chart: a date field in the timeline's (ascending) order. */
export interface ChartRow {
  label: string;
  /** ISO date, absent when the field is empty. */
  date?: string;
  flagged: boolean;
}

const DAY = 86_400_000;
/** Gaps longer than this are drawn short, with a break mark (birth dates decades before the rest). */
const BREAK_DAYS = 60;

const PLOT_W = 228;
const ROW_H = 26;
const TOP = 14;

/**
 * Positions of the distinct dates on the x axis. Long gaps are compressed to a fixed share of the axis,
 * so the days around the diagnosis stay readable next to a birth date decades earlier.
 */
export function axisPositions(
  dates: readonly string[],
  x0 = 140,
  x1 = x0 + PLOT_W,
): { x: Map<string, number>; breaks: number[]; afterBreaks: string[] } {
  const distinct = [...new Set(dates)].sort();
  const x = new Map<string, number>();
  if (distinct.length === 0) return { x, breaks: [], afterBreaks: [] };
  if (distinct.length === 1) {
    x.set(distinct[0]!, (x0 + x1) / 2);
    return { x, breaks: [], afterBreaks: [] };
  }
  const gaps = distinct.slice(1).map((d, i) => (Date.parse(d) - Date.parse(distinct[i]!)) / DAY);
  const normal = gaps.filter((g) => g <= BREAK_DAYS).reduce((a, b) => a + b, 0);
  const brokenUnits = Math.max(normal * 0.3, 1);
  const units = gaps.map((g) => (g > BREAK_DAYS ? brokenUnits : Math.max(g, normal * 0.04, 0.5)));
  const total = units.reduce((a, b) => a + b, 0);
  const scale = (x1 - x0) / total;
  const breaks: number[] = [];
  const afterBreaks: string[] = [];
  let pos = x0;
  x.set(distinct[0]!, pos);
  distinct.slice(1).forEach((d, i) => {
    const next = pos + units[i]! * scale;
    if (gaps[i]! > BREAK_DAYS) {
      breaks.push((pos + next) / 2);
      afterBreaks.push(d);
    }
    pos = next;
    x.set(d, pos);
  });
  return { x, breaks, afterBreaks };
}

function short(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}/${m}/${d}`;
}

/**
 * A small drawn timeline: one row per date field in the expected (ascending) order, each date a point
 * on one shared time axis, joined in that order, so a date out of order shows as a line going back.
 * Flagged dates are red with a ×. Decorative only: the caller marks it `aria-hidden`; the list
 * beside it carries the meaning. Its styles come with it (a static `<style>`, which applies in the dialog's
 * shadow root), so they load with the chart too.
 */
export function timelineChart(
  svg: typeof litSvg,
  rows: readonly ChartRow[],
  emptyText: string,
): SVGTemplateResult {
  // The label column fits the longest label (English ones are long): CJK glyphs ~11px, others ~6.6px at 11px (bold +10%).
  const textWidth = (t: string) =>
    [...t].reduce((w, c) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(c) ? 11 : 6.6), 0);
  const LABEL_W = Math.ceil(
    Math.max(60, ...rows.map((r) => textWidth(r.label) * (r.flagged ? 1.1 : 1) + (r.flagged ? 16 : 0))),
  );
  const PLOT_X0 = LABEL_W + 12;
  const PLOT_X1 = PLOT_X0 + PLOT_W;
  const WIDTH = PLOT_X1 + 16;
  const dated = rows.filter((r) => r.date);
  const { x, breaks, afterBreaks } = axisPositions(
    dated.map((r) => r.date!),
    PLOT_X0,
    PLOT_X1,
  );
  const height = TOP + rows.length * ROW_H + (afterBreaksCount(rows) ? 44 : 30);
  const axisY = TOP + rows.length * ROW_H + 4;
  const y = (i: number) => TOP + i * ROW_H + ROW_H / 2;
  const points = rows
    .map((r, i) => (r.date ? `${x.get(r.date)!.toFixed(1)},${y(i)}` : ''))
    .filter(Boolean)
    .join(' ');
  const sortedDates = dated.map((r) => r.date!).sort();
  const first = sortedDates[0];
  const last = sortedDates[sortedDates.length - 1];
  return svg`
    <svg viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="presentation" focusable="false">
      <style>
        svg {
          max-inline-size: 100%;
          block-size: auto;
          font: 11px var(--_font);
        }
        svg .grid {
          stroke: var(--_line);
          stroke-dasharray: 2 3;
        }
        svg .axis {
          stroke: var(--_muted);
          stroke-width: 1.5;
        }
        svg .break {
          stroke: var(--_muted);
          stroke-width: 1.5;
          fill: none;
        }
        svg .path {
          fill: none;
          stroke: var(--_primary);
          stroke-width: 1.5;
          opacity: 0.6;
        }
        svg .point {
          fill: var(--_primary);
        }
        svg .point.flagged circle {
          fill: var(--_danger);
        }
        svg .point.flagged path {
          stroke: #fff;
          stroke-width: 2;
        }
        svg .label {
          fill: var(--_text);
        }
        svg .label.flagged {
          fill: var(--_danger);
          font-weight: 700;
        }
        svg .empty,
        svg .tick {
          fill: var(--_muted);
        }
      </style>
      ${rows.map(
        (_, i) =>
          svg`<line class="grid" x1="${PLOT_X0 - 6}" x2="${PLOT_X1 + 6}" y1="${y(i)}" y2="${y(i)}"></line>`,
      )}
      <polyline class="path" points="${points}"></polyline>
      ${rows.map((r, i) => {
        const label = svg`<text class="label ${r.flagged ? 'flagged' : ''}" x="${LABEL_W}" y="${y(i) + 4}" text-anchor="end">${r.flagged ? '× ' : ''}${r.label}</text>`;
        if (!r.date) {
          return svg`${label}<text class="empty" x="${PLOT_X0}" y="${y(i) + 4}">${emptyText}</text>`;
        }
        const cx = x.get(r.date)!;
        const cy = y(i);
        return r.flagged
          ? svg`${label}<g class="point flagged" data-field-date="${r.date}">
              <circle cx="${cx}" cy="${cy}" r="8"></circle>
              <path d="M${cx - 4} ${cy - 4}L${cx + 4} ${cy + 4}M${cx + 4} ${cy - 4}L${cx - 4} ${cy + 4}"></path>
            </g>`
          : svg`${label}<circle class="point" cx="${cx}" cy="${cy}" r="5" data-field-date="${r.date}"></circle>`;
      })}
      <line class="axis" x1="${PLOT_X0 - 6}" x2="${PLOT_X1 + 6}" y1="${axisY}" y2="${axisY}"></line>
      ${breaks.map(
        (bx) =>
          svg`<path class="break" d="M${bx - 6} ${axisY + 5}l4 -10M${bx + 2} ${axisY + 5}l4 -10"></path>`,
      )}
      ${first ? svg`<text class="tick" x="${x.get(first)}" y="${axisY + 18}" text-anchor="start">${short(first)}</text>` : ''}
      ${afterBreaks
        .filter((d) => d !== last)
        .map(
          (d) =>
            svg`<text class="tick" x="${x.get(d)}" y="${axisY + 32}" text-anchor="middle">${short(d)}</text>`,
        )}
      ${last && last !== first ? svg`<text class="tick" x="${x.get(last)}" y="${axisY + 18}" text-anchor="end">${short(last)}</text>` : ''}
    </svg>
  `;
}

/** Whether the axis of these rows has a break (decides the room kept under it for the extra tick). */
function afterBreaksCount(rows: readonly ChartRow[]): number {
  return axisPositions(rows.filter((r) => r.date).map((r) => r.date!)).afterBreaks.length;
}
