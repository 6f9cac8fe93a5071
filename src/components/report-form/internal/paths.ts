/** Dotted-path helpers over the report object (`patient.location.city`, `diagnosis.methods.0.result`). */

type Obj = Record<string, unknown>;

/** The value at `path`, or `undefined`. */
export function getAt(root: unknown, path: string): unknown {
  let cur: unknown = root;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Obj)[key];
  }
  return cur;
}

/** Whether a value counts as "not entered" (removed from the report rather than stored). */
export function isBlank(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    value === '' ||
    (Array.isArray(value) && value.length === 0) ||
    (typeof value === 'object' && !Array.isArray(value) && Object.keys(value as Obj).length === 0)
  );
}

/**
 * A copy of `root` with `value` at `path` (copy-on-write along the path, so the previous value object
 * is never mutated). Blank values remove the key, and objects left empty are removed too, so the report
 * never carries `{}` or `''` for what was not entered.
 */
export function setAt<T>(root: T, path: string, value: unknown): T {
  const keys = path.split('.');
  const write = (node: unknown, i: number): unknown => {
    const key = keys[i]!;
    const index = /^\d+$/.test(key) ? Number(key) : undefined;
    const base: Obj | unknown[] = Array.isArray(node)
      ? [...node]
      : node !== null && typeof node === 'object'
        ? { ...(node as Obj) }
        : index !== undefined
          ? []
          : {};
    const next = i === keys.length - 1 ? value : write((base as Obj)[key], i + 1);
    if (Array.isArray(base) && index !== undefined) {
      base[index] = next;
    } else if (isBlank(next)) {
      delete (base as Obj)[key];
    } else {
      (base as Obj)[key] = next;
    }
    return base;
  };
  return write(root, 0) as T;
}

/** The element id of the control for `path`. */
export function controlId(path: string): string {
  return `f_${path.replace(/\./g, '_')}`;
}
