/**
 * Field-by-field comparison and merge of a stale edit (optimistic concurrency). When a save is rejected
 * because someone else saved first, the editor has three values of the section: `base` (what the user
 * started from), `mine` (the user's edit) and `theirs` (the server's current value). Objects are compared
 * key by key; arrays of rows (`{ id, … }`) row by row, keyed by id; other values (text, numbers, code
 * lists) as a whole. Pure functions: usable in the browser and on the server.
 */

/** One path where `mine` and `theirs` differ. */
export interface DiffEntry {
  /** Dotted path; a row of a list is written `[id]` (e.g. `entries[ab12].spo2` is never produced: rows are one unit). */
  readonly path: string;
  /** The value the user started from (`undefined` when not given or absent). */
  readonly base: unknown;
  readonly mine: unknown;
  readonly theirs: unknown;
  /** Both sides changed this path since `base` (a real conflict the user must decide). */
  readonly conflict: boolean;
  /** The side kept unless the user chooses: theirs when only they changed it, mine when only the user did. */
  readonly suggested: 'mine' | 'theirs';
}

/** A choice per path: keep the user's value or take the server's. */
export type MergeChoices = Readonly<Record<string, 'mine' | 'theirs'>>;

/** A deep copy of a JSON-like value (the record holds only JSON data). */
export function cloneJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isRowArray(v: unknown): v is { id: string }[] {
  return Array.isArray(v) && v.every((r) => isPlainObject(r) && typeof r.id === 'string');
}

/** Deep equality of JSON-like values; `undefined`, '' and missing keys count as the same (no value). */
export function sameValue(a: unknown, b: unknown): boolean {
  const empty = (v: unknown) => v === undefined || v === null || v === '';
  if (empty(a) && empty(b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!sameValue(a[k], b[k])) return false;
    return true;
  }
  return a === b;
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function rowsById(rows: unknown): Map<string, Record<string, unknown>> {
  const map = new Map<string, Record<string, unknown>>();
  if (isRowArray(rows)) for (const r of rows) map.set(r.id, r as Record<string, unknown>);
  return map;
}

function walk(base: unknown, mine: unknown, theirs: unknown, path: string, out: DiffEntry[]): void {
  if (sameValue(mine, theirs)) return;
  const objects = [mine, theirs].filter((v) => v !== undefined);
  if (objects.length > 0 && objects.every(isPlainObject) && (base === undefined || isPlainObject(base))) {
    const m = (mine ?? {}) as Record<string, unknown>;
    const t = (theirs ?? {}) as Record<string, unknown>;
    const b = (base ?? {}) as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(t), ...Object.keys(m)])];
    for (const k of keys) walk(b[k], m[k], t[k], join(path, k), out);
    return;
  }
  const arrays = [mine, theirs].filter((v) => v !== undefined);
  if (arrays.length > 0 && arrays.every(isRowArray) && (base === undefined || isRowArray(base))) {
    const m = rowsById(mine);
    const t = rowsById(theirs);
    const b = rowsById(base);
    const ids = [...new Set([...t.keys(), ...m.keys()])];
    for (const id of ids) {
      const key = `${path}[${id}]`;
      leaf(b.get(id), m.get(id), t.get(id), key, out);
    }
    return;
  }
  leaf(base, mine, theirs, path, out);
}

function leaf(base: unknown, mine: unknown, theirs: unknown, path: string, out: DiffEntry[]): void {
  if (sameValue(mine, theirs)) return;
  const mineChanged = !sameValue(base, mine);
  const theirsChanged = !sameValue(base, theirs);
  out.push({
    path,
    base,
    mine,
    theirs,
    conflict: mineChanged && theirsChanged,
    suggested: mineChanged && !theirsChanged ? 'mine' : 'theirs',
  });
}

/**
 * Every path where the user's edit and the server's value differ, with what each side holds and which
 * side changed it since `base`.
 *
 * @example diffSection({ a: 1 }, { a: 2 }, { a: 3 }) // [{ path: 'a', base: 1, mine: 2, theirs: 3, conflict: true, suggested: 'theirs' }]
 */
export function diffSection(base: unknown, mine: unknown, theirs: unknown): DiffEntry[] {
  const out: DiffEntry[] = [];
  walk(base, mine, theirs, '', out);
  return out;
}

function merge(
  mine: unknown,
  theirs: unknown,
  path: string,
  pick: (path: string) => 'mine' | 'theirs',
): unknown {
  if (sameValue(mine, theirs)) return cloneJson(theirs ?? mine);
  const objects = [mine, theirs].filter((v) => v !== undefined);
  if (objects.length > 0 && objects.every(isPlainObject)) {
    const m = (mine ?? {}) as Record<string, unknown>;
    const t = (theirs ?? {}) as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of [...new Set([...Object.keys(t), ...Object.keys(m)])]) {
      const v = merge(m[k], t[k], join(path, k), pick);
      if (v !== undefined) out[k] = v;
    }
    return out;
  }
  if (objects.length > 0 && objects.every(isRowArray)) {
    const m = rowsById(mine);
    const t = rowsById(theirs);
    const out: unknown[] = [];
    // Their order first (the server's list), then rows only the user added.
    for (const id of [...new Set([...t.keys(), ...m.keys()])]) {
      const mr = m.get(id);
      const tr = t.get(id);
      const row = sameValue(mr, tr) ? tr : pick(`${path}[${id}]`) === 'mine' ? mr : tr;
      if (row !== undefined) out.push(cloneJson(row));
    }
    return out;
  }
  return cloneJson(pick(path) === 'mine' ? mine : theirs);
}

/**
 * Merges the user's edit into the server's value: for every differing path the chosen side (default: the
 * entry's `suggested` side from {@link diffSection}). The result is what to save against the server's
 * current version.
 */
export function mergeSection<T>(base: unknown, mine: T, theirs: T, choices: MergeChoices = {}): T {
  const suggested = new Map(diffSection(base, mine, theirs).map((d) => [d.path, d.suggested] as const));
  const pick = (path: string) => choices[path] ?? suggested.get(path) ?? 'theirs';
  return merge(mine, theirs, '', pick) as T;
}
