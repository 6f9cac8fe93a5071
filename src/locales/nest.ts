/**
 * Turns `{ 'date.D1.future': 'msg' }` into `{ date: { D1: { future: 'msg' } } }`, so flat, greppable
 * message tables work with i18next's default key separator ('.').
 */
export type Nested = { [key: string]: string | Nested };

export function nest(flat: Readonly<Record<string, string>>): Nested {
  const out: Nested = {};
  for (const [key, value] of Object.entries(flat)) {
    const segs = key.split('.');
    let cur = out;
    for (let i = 0; i < segs.length - 1; i++) {
      const s = segs[i]!;
      const next = cur[s];
      if (typeof next === 'string')
        throw new Error(`locale key ${key} is below a message key ${segs.slice(0, i + 1).join('.')}`);
      cur = (cur[s] ??= {}) as Nested;
    }
    const last = segs[segs.length - 1]!;
    if (typeof cur[last] === 'object') throw new Error(`locale key ${key} is also a group`);
    cur[last] = value;
  }
  return out;
}
