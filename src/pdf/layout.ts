/**
 * A small, pure layout engine for the printed form: text wrapping (Japanese line breaking with basic
 * kinsoku), inline option lists whose chosen entries are circled, table rows of cells, and pagination
 * that moves or splits rows so nothing is ever drawn outside its box or cut off.
 *
 * Everything here works in PDF points with the origin at the top-left of the page and y growing
 * downwards; `render.ts` flips y when it draws. No pdf-lib, no font parsing: text is measured through a
 * {@link Measurer}, so the layout can be computed (and tested) without a PDF.
 */

/** Measures text in points. */
export interface Measurer {
  widthOf(text: string, size: number): number;
}

/** A rectangle, top-left origin, y down, in points. */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A run of text on one line. `y` is the top of the em box; the baseline is at `y + size * ASCENT`. */
export interface TextOp {
  readonly kind: 'text';
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly size: number;
  /** Measured width. */
  readonly width: number;
  /** The box the text belongs to (its table cell, or the page's header area). */
  readonly box: Rect;
  /** The report path the value comes from, e.g. `patient.name`; absent for the form's own labels. */
  readonly field?: string;
}

/** A straight line. */
export interface LineOp {
  readonly kind: 'line';
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly width: number;
}

/** A rectangle outline (cell border), optionally filled with a gray level (0 black … 1 white). */
export interface RectOp {
  readonly kind: 'rect';
  readonly rect: Rect;
  readonly lineWidth: number;
  readonly fill?: number;
}

/** The circle drawn around a chosen option (a rounded "pill" as a hand would draw it). */
export interface MarkOp {
  readonly kind: 'mark';
  readonly rect: Rect;
  readonly box: Rect;
  readonly field?: string;
}

export type DrawOp = TextOp | LineOp | RectOp | MarkOp;

/** One laid-out page. */
export interface PageLayout {
  readonly width: number;
  readonly height: number;
  /** The area inside the margins. */
  readonly content: Rect;
  readonly ops: DrawOp[];
}

/** Where the baseline sits below the top of the em box (the ideographic em box of CJK fonts: 0.88 em). */
export const ASCENT = 0.88;
/** Padding of a chosen option's circle around its text. */
export const MARK_PAD_X = 2.6;
export const MARK_PAD_Y = 1.2;
/** Items followed by a gap below this (in em) stay on one line with the next item when wrapping. */
export const GLUE = 0.3;
/** Line height of option lists (room for the circles). */
export const FLOW_LEADING = 1.42;

/** The vertical extent an op occupies (text: its em box; marks: their rect). */
export function extentOf(op: DrawOp): { top: number; bottom: number } | undefined {
  if (op.kind === 'text') return { top: op.y, bottom: op.y + op.size };
  if (op.kind === 'mark') return { top: op.rect.y, bottom: op.rect.y + op.rect.height };
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// Text cleaning and wrapping

/**
 * Makes user text printable: CR/LF and the Unicode line/paragraph separators become '\n', tabs become a
 * space, and other control characters (which no font draws) are removed.
 */
export function cleanText(text: string): string {
  return (
    text
      .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
      .replace(/\t/g, ' ')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, '')
  );
}

/** Characters that may not start a line (closing brackets, small kana, punctuation). */
const NO_START = new Set(
  Array.from(
    '、。，．,.)）]］｝}〕〉》」』】〙〗〟’”｠»ゝゞーァィゥェォッャュョヮヵヶぁぃぅぇぉっゃゅょゎゕゖㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ々〻‐゠–〜～？！?!‼⁇⁈⁉・：；:;/／%％',
  ),
);
/** Characters that may not end a line (opening brackets). */
const NO_END = new Set(Array.from('(（[［｛{〔〈《「『【〘〖〝‘“｟«'));

/** Variation selectors and joiners stay with the character before them (an IVS 異体字 is one unit). */
const MODIFIERS = '[\\u{FE00}-\\u{FE0F}\\u{E0100}-\\u{E01EF}\\u{200C}\\u{200D}]*';
const CHAR_RE = new RegExp(`[\\s\\S]${MODIFIERS}`, 'gu');

/** The characters of a string, each with its variation selectors. */
export function charsOf(text: string): string[] {
  return text.match(CHAR_RE) ?? [];
}

/** Splits text into break units: a Latin word or number stays whole, every other character is a unit. */
function unitsOf(paragraph: string): string[] {
  const units: string[] = [];
  const re = new RegExp(`[A-Za-z0-9\\u00c0-\\u024f@#&_+\\-.,'’:;/%=~*^$€£¥]+|\\s|[\\s\\S]${MODIFIERS}`, 'gu');
  for (const m of paragraph.matchAll(re)) units.push(m[0]);
  return units;
}

/**
 * Wraps text to lines no wider than `maxWidth` at `size`. Paragraphs ('\n') start new lines. Japanese
 * breaks between any two characters except before closing punctuation and after opening brackets;
 * Latin words break at spaces, and a word wider than a whole line is cut by characters. Spaces at the
 * end of a line are dropped. Always returns at least one line ('' for empty text).
 */
export function wrapText(
  text: string,
  maxWidth: number,
  size: number,
  m: Measurer,
  firstLineWidth = maxWidth,
): string[] {
  const lines: string[] = [];
  const paragraphs = cleanText(text).split('\n');
  for (const paragraph of paragraphs) {
    let units = unitsOf(paragraph);
    let line: string[] = [];
    let lineWidth = 0;
    const limit = (): number => (lines.length === 0 ? firstLineWidth : maxWidth);
    const flush = (): void => {
      while (line.length > 0 && /^\s$/.test(line[line.length - 1]!)) line.pop();
      lines.push(line.join(''));
      line = [];
      lineWidth = 0;
    };
    while (units.length > 0) {
      const unit = units[0]!;
      const w = m.widthOf(unit, size);
      if (lineWidth + w <= limit() + 1e-6) {
        if (!(line.length === 0 && /^\s$/.test(unit) && lines.length > 0)) {
          line.push(unit);
          lineWidth += w;
        }
        units = units.slice(1);
        continue;
      }
      if (line.length === 0) {
        // A single unit wider than the line: cut it by characters (at least one per line).
        const chars = charsOf(unit);
        let take = 0;
        let acc = 0;
        while (take < chars.length && acc + m.widthOf(chars[take]!, size) <= limit() + 1e-6) {
          acc += m.widthOf(chars[take]!, size);
          take++;
        }
        take = Math.max(1, take);
        line.push(chars.slice(0, take).join(''));
        units = [chars.slice(take).join(''), ...units.slice(1)].filter((u) => u !== '');
        flush();
        continue;
      }
      // Kinsoku: do not start the next line with closing punctuation, nor end this one with an opening
      // bracket; carry the line's last unit over instead (never emptying the line).
      const last = line[line.length - 1]!;
      if (
        line.length > 1 &&
        !/^\s$/.test(last) &&
        (NO_START.has(Array.from(unit)[0]!) || NO_END.has(Array.from(last).pop()!))
      ) {
        line.pop();
        units = [last, ...units];
      }
      flush();
    }
    if (line.length > 0 || lines.length === 0 || paragraph === '') flush();
  }
  return lines.length > 0 ? lines : [''];
}

// ---------------------------------------------------------------------------------------------------
// Frames: the content of one cell, written top to bottom

/** One entry of an inline option list. */
export interface FlowItem {
  readonly text: string;
  /** Chosen: drawn with a circle around it. */
  readonly selected?: boolean;
  /** Plain text (a bracket, a value, a separator) rather than an option. */
  readonly plain?: boolean;
  readonly field?: string;
  /** Space after the item, in em; default 0.7 (enough room for circles). Below {@link GLUE} the item wraps together with the next. */
  readonly gap?: number;
  /** Start this item on a new line. */
  readonly newLine?: boolean;
  /** Keep on the same line as the next item when wrapping (e.g. 「有」「無」「）」 of one bracket). */
  readonly keep?: boolean;
}

export interface TextStyle {
  readonly size: number;
  /** Extra left indent inside the frame. */
  readonly indent?: number;
  /** Indent of continuation lines relative to the first. */
  readonly hanging?: number;
  readonly align?: 'left' | 'right' | 'center';
  readonly field?: string;
  /** Line height as a factor of size (default 1.3). */
  readonly leading?: number;
  /** Shrink the size (down to this minimum) so that a one-line text fits without wrapping. */
  readonly shrinkTo?: number;
}

/**
 * The content of one cell. Ops are recorded relative to the frame's own top (y = 0) and the page x; the
 * row places them. `y` is the writing cursor.
 */
export class Frame {
  readonly ops: DrawOp[] = [];
  y: number;

  constructor(
    readonly m: Measurer,
    /** Left edge of the content (cell x + padding). */
    readonly x: number,
    /** Content width (cell width − 2 × padding). */
    readonly width: number,
    top = 0,
  ) {
    this.y = top;
  }

  /** Vertical space. */
  space(h: number): this {
    this.y += h;
    return this;
  }

  /** Wrapped text; returns the lines written. */
  text(text: string, style: TextStyle): string[] {
    if (style.shrinkTo !== undefined && !text.includes('\n')) {
      const avail = this.width - (style.indent ?? 0);
      const w = this.m.widthOf(text, style.size);
      if (w > avail)
        style = {
          ...style,
          size: Math.max(style.shrinkTo, (style.size * avail) / w - 0.01),
          shrinkTo: undefined,
        };
    }
    const indent = style.indent ?? 0;
    const hanging = style.hanging ?? 0;
    const leading = style.leading ?? 1.3;
    const first = this.width - indent;
    const rest = first - hanging;
    const lines = wrapText(text, Math.max(rest, style.size), style.size, this.m, Math.max(first, style.size));
    lines.forEach((line, i) => {
      const w = this.m.widthOf(line, style.size);
      const lineIndent = indent + (i === 0 ? 0 : hanging);
      const avail = this.width - lineIndent;
      let x = this.x + lineIndent;
      if (style.align === 'right') x = this.x + this.width - w;
      else if (style.align === 'center') x = this.x + lineIndent + Math.max(0, (avail - w) / 2);
      if (line !== '')
        this.push({ kind: 'text', text: line, x, y: this.y, size: style.size, width: w, field: style.field });
      this.y += style.size * leading;
    });
    return lines;
  }

  /** A label and a value on one line when they fit, the value wrapping under the label otherwise. */
  labelValue(
    label: string,
    value: string,
    labelSize: number,
    valueSize: number,
    field?: string,
    labelWidth?: number,
  ): void {
    const lw = labelWidth ?? this.m.widthOf(label, labelSize) + labelSize * 0.8;
    const top = this.y;
    // Align the baselines of the smaller label and the value.
    const labelTop = top + Math.max(0, (valueSize - labelSize) * ASCENT);
    this.push({
      kind: 'text',
      text: label,
      x: this.x,
      y: labelTop,
      size: labelSize,
      width: this.m.widthOf(label, labelSize),
    });
    const sub = new Frame(this.m, this.x + lw, Math.max(this.width - lw, valueSize * 2), top);
    if (value !== '') sub.text(value, { size: valueSize, field });
    else sub.y += valueSize * 1.3;
    for (const op of sub.ops) this.ops.push(op);
    this.y = Math.max(sub.y, labelTop + labelSize * 1.3);
  }

  /**
   * An inline list of options: items flow left to right and wrap; chosen items are circled. An item too
   * long for a line is wrapped by characters, each piece circled.
   */
  flow(
    items: readonly FlowItem[],
    style: { size: number; indent?: number; leading?: number; hanging?: number },
  ): void {
    const size = style.size;
    const leading = style.leading ?? FLOW_LEADING;
    const left = this.x + (style.indent ?? 0);
    const contLeft = left + (style.hanging ?? 0);
    const right = this.x + this.width;
    const padX = MARK_PAD_X + 0.4;
    let x = left;
    let lineStart = true;
    const newLine = (): void => {
      this.y += size * leading;
      x = contLeft;
      lineStart = true;
    };
    const widthOf = (it: FlowItem): number =>
      this.m.widthOf(cleanText(it.text).replace(/\n/g, ' '), size) + (it.selected ? padX * 2 : 0);
    items.forEach((item, index) => {
      if (item.newLine && !lineStart) newLine();
      const text = cleanText(item.text).replace(/\n/g, ' ');
      const pad = item.selected ? padX : 0;
      const w = this.m.widthOf(text, size);
      // Items joined with gap 0 (an option and its bracketed value, a closing bracket) move to the next
      // line together when the group fits there.
      let group = w + pad * 2;
      for (
        let j = index;
        j < items.length - 1 && (items[j]!.keep || (items[j]!.gap ?? 0.7) < GLUE) && !items[j + 1]!.newLine;
        j++
      ) {
        group += widthOf(items[j + 1]!);
      }
      if (!lineStart && x + group > right && group <= right - contLeft) newLine();
      else if (!lineStart && x + pad + w + pad > right) newLine();
      if (x + pad + w + pad <= right + 1e-6) {
        this.drawItem(text, x + pad, w, size, leading, item);
        x += pad * 2 + w + size * (item.gap ?? 0.7);
        lineStart = false;
        return;
      }
      // Longer than a line: wrap by characters from the current position.
      const firstWidth = right - x - pad * 2;
      const pieces = wrapText(text, right - contLeft - pad * 2, size, this.m, Math.max(firstWidth, size));
      pieces.forEach((piece, i) => {
        if (i > 0) newLine();
        const pw = this.m.widthOf(piece, size);
        this.drawItem(piece, x + pad, pw, size, leading, item);
        x += pad * 2 + pw;
      });
      x += size * (item.gap ?? 0.7);
      lineStart = false;
    });
    this.y += size * leading;
  }

  /**
   * A line of columns at fixed offsets (a small table inside a cell): each column is an option list laid out
   * in its own width; the cursor moves below the tallest.
   */
  tabs(
    cols: readonly { offset: number; width: number; items: readonly FlowItem[] }[],
    style: { size: number; leading?: number },
  ): void {
    const top = this.y;
    let bottom = top;
    for (const col of cols) {
      const sub = new Frame(this.m, this.x + col.offset, Math.min(col.width, this.width - col.offset), top);
      sub.flow(col.items, { size: style.size, leading: style.leading });
      for (const op of sub.ops) this.ops.push(op);
      bottom = Math.max(bottom, sub.y);
    }
    this.y = bottom;
  }

  private drawItem(text: string, x: number, w: number, size: number, leading: number, item: FlowItem): void {
    if (text === '') return;
    // Centre the em box in the line, leaving room above and below for the circle.
    this.push({
      kind: 'text',
      text,
      x,
      y: this.y + (size * (leading - 1)) / 2,
      size,
      width: w,
      field: item.field,
    });
    if (item.selected) {
      const op = this.ops[this.ops.length - 1] as TextOp;
      this.push({
        kind: 'mark',
        rect: {
          x: x - MARK_PAD_X,
          y: op.y - MARK_PAD_Y,
          width: w + MARK_PAD_X * 2,
          height: size + MARK_PAD_Y * 2,
        },
        field: item.field,
      });
    }
  }

  /** Records an op; the cell box is filled in when the row is placed. */
  push(op: Omit<TextOp, 'box'> | Omit<MarkOp, 'box'> | LineOp | RectOp): void {
    this.ops.push({ ...op, box: ZERO } as DrawOp);
  }
}

const ZERO: Rect = { x: 0, y: 0, width: 0, height: 0 };

// ---------------------------------------------------------------------------------------------------
// Rows and pagination

/** A cell of a table row: its horizontal extent and its content. */
export interface Cell {
  readonly x: number;
  readonly width: number;
  readonly frame: Frame;
  /** Gray fill (label cells). */
  readonly fill?: number;
}

/** A table row. */
export interface Row {
  readonly cells: readonly Cell[];
  /** The row's height is at least this. */
  readonly minHeight?: number;
  /** Printed above the rest of the row when it continues on another page (e.g. 「19 その他…」). */
  readonly title: string;
  /** Draw cell borders (false for free text such as the footnotes). */
  readonly border?: boolean;
  /** Space below the row (for unbordered rows). */
  readonly marginBottom?: number;
}

/** The least content (pt, about two lines) a split row carries over to the next page. */
export const MIN_TAIL = 22;

/** Cell padding. */
export const PAD = { x: 4, top: 3.5, bottom: 3.5 } as const;

export function rowHeight(row: Row): number {
  let h = 0;
  for (const cell of row.cells) {
    h = Math.max(h, cell.frame.y);
    for (const op of cell.frame.ops) {
      const e = extentOf(op);
      if (e) h = Math.max(h, e.bottom);
    }
  }
  return Math.max(row.minHeight ?? 0, h + PAD.bottom);
}

/** The page geometry the paginator fills. */
export interface PageFrame {
  readonly width: number;
  readonly height: number;
  readonly content: Rect;
}

/** Hooks the paginator calls to draw page furniture. */
export interface PaginateHooks {
  /** Draws the header of a continuation page into `ops`; returns the y where rows start. */
  continuationHeader(ops: DrawOp[], page: PageFrame): number;
  /** The label drawn above a continued row, e.g. 「19 その他（続き）」. */
  continuedTitle(title: string): string;
  /** The note at the bottom of a row that continues, e.g. 「（次ページに続く）」. */
  continuesNote: string;
  /** Measurer for the hooks' own text. */
  m: Measurer;
}

/**
 * Places rows on pages. A row that does not fit the rest of the page moves to the next page if it fits
 * there; a row taller than that (a very long free text) is split between two lines of text, the rest
 * continuing on the next page under the row's title plus 「（続き）」. Returns the pages' op lists.
 */
export function paginate(
  rows: readonly Row[],
  page: PageFrame,
  firstPage: { ops: DrawOp[]; y: number; bottom?: number },
  hooks: PaginateHooks,
): DrawOp[][] {
  const pages: DrawOp[][] = [firstPage.ops];
  let ops = firstPage.ops;
  let y = firstPage.y;
  let tableTop: number | undefined;
  const contentBottom = page.content.y + page.content.height;
  // The first page may end higher (its footnotes sit at the foot of the page, as on the paper form).
  let bottom = firstPage.bottom ?? contentBottom;
  const left = page.content.x;
  const right = page.content.x + page.content.width;

  const closeTable = (): void => {
    if (tableTop !== undefined && y > tableTop) {
      ops.push({
        kind: 'rect',
        rect: { x: left, y: tableTop, width: right - left, height: y - tableTop },
        lineWidth: 1,
      });
    }
    tableTop = undefined;
  };
  const newPage = (): void => {
    closeTable();
    ops = [];
    pages.push(ops);
    bottom = contentBottom;
    y = hooks.continuationHeader(ops, page);
  };

  const fresh0Top = hooks.continuationHeader([], page);
  const queue: Row[] = [...rows];
  while (queue.length > 0) {
    const row = queue.shift()!;
    const h = rowHeight(row);
    const fresh = contentBottom - fresh0Top;
    if (y + h > bottom + 1e-6) {
      // Move the row when it fits a fresh page and is not a long text that should simply continue.
      const worthSplitting = h > fresh || (h > 140 && bottom - y > 80);
      if (!worthSplitting) {
        newPage();
      } else {
        const noteH = 10;
        // Leave at least a few lines for the next page (never a lone label), except on a page that
        // holds nothing else yet, where the row must be split wherever it can.
        const atTop = y <= fresh0Top + 1e-6;
        const split = splitRow(row, bottom - y - noteH, atTop ? 0 : MIN_TAIL);
        if (!split) {
          newPage();
          queue.unshift(row);
          continue;
        }
        if (!split.tail) {
          // Only the row's empty space was too tall: its content fits.
          placeRow(split.head, bottom - y);
          continue;
        }
        placeRow(split.head, rowHeight(split.head) + noteH);
        const noteSize = 7;
        const note = hooks.continuesNote;
        const nw = hooks.m.widthOf(note, noteSize);
        const box = { x: left, y: y - noteH, width: right - left, height: noteH };
        ops.push({
          kind: 'text',
          text: note,
          x: right - PAD.x - nw,
          y: y - noteH + 1,
          size: noteSize,
          width: nw,
          box,
        });
        newPage();
        queue.unshift(split.title!, split.tail);
        continue;
      }
    }
    placeRow(row, h);
  }
  closeTable();
  return pages;

  function placeRow(row: Row, h: number): void {
    const border = row.border ?? true;
    if (border && tableTop === undefined) tableTop = y;
    if (!border) closeTable();
    for (const cell of row.cells) {
      const box: Rect = { x: cell.x, y, width: cell.width, height: h };
      if (border) ops.push({ kind: 'rect', rect: box, lineWidth: 0.5, fill: cell.fill });
      for (const op of cell.frame.ops) ops.push(translate(op, y, box));
    }
    y += h + (row.marginBottom ?? 0);
  }

  function splitRow(
    row: Row,
    avail: number,
    minTail: number,
  ): { head: Row; title?: Row; tail?: Row } | undefined {
    // The lowest y at which no text line or circle of any cell is cut, leaving at least `minTail` of
    // content below it.
    const all = row.cells.flatMap((c) => c.frame.ops.map(extentOf).filter((e) => e !== undefined));
    const maxBottom = Math.max(0, ...all.map((e) => e.bottom));
    const candidates = all
      .map((e) => e.bottom)
      .filter((b) => b + PAD.bottom <= avail && (maxBottom - b >= minTail || maxBottom - b < 1e-6));
    candidates.sort((a, b) => b - a);
    const at = candidates.find((c) => all.every((e) => e.bottom <= c + 1e-6 || e.top >= c - 1e-6));
    if (at === undefined || at < 12) return undefined;
    const head: Row = {
      ...row,
      minHeight: 0,
      cells: row.cells.map((c) => ({ ...c, frame: subFrame(c.frame, (e) => e.bottom <= at + 1e-6, 0) })),
    };
    const rest = all.filter((e) => e.top >= at - 1e-6);
    if (rest.length === 0) return { head };
    const restTop = Math.min(...rest.map((e) => e.top));
    const shift = restTop - PAD.top;
    const tail: Row = {
      ...row,
      minHeight: 0,
      cells: row.cells.map((c) => ({ ...c, frame: subFrame(c.frame, (e) => e.top >= at - 1e-6, shift) })),
    };
    const titleFrame = new Frame(hooks.m, left + PAD.x, right - left - PAD.x * 2, PAD.top);
    titleFrame.text(hooks.continuedTitle(row.title), { size: 7.5 });
    const title: Row = {
      title: row.title,
      cells: [{ x: left, width: right - left, frame: titleFrame, fill: 0.93 }],
    };
    return { head, title, tail };
  }
}

function subFrame(f: Frame, keep: (e: { top: number; bottom: number }) => boolean, shift: number): Frame {
  const out = new Frame(f.m, f.x, f.width, 0);
  for (const op of f.ops) {
    const e = extentOf(op);
    if (!e || !keep(e)) continue;
    out.ops.push(translate(op, -shift, undefined));
  }
  out.y = 0;
  return out;
}

function translate(op: DrawOp, dy: number, box: Rect | undefined): DrawOp {
  switch (op.kind) {
    case 'text':
      return { ...op, y: op.y + dy, box: box ?? op.box };
    case 'mark':
      return { ...op, rect: { ...op.rect, y: op.rect.y + dy }, box: box ?? op.box };
    case 'line':
      return { ...op, y1: op.y1 + dy, y2: op.y2 + dy };
    case 'rect':
      return { ...op, rect: { ...op.rect, y: op.rect.y + dy } };
  }
}
