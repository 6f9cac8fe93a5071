/**
 * A code list entry: a stable machine code (stored in reports, never renamed) with its labels.
 * Labels are data, not UI prose: the paper form's own wording in Japanese, and an English gloss.
 */
export interface CodeEntry<C extends string = string> {
  readonly code: C;
  readonly ja: string;
  readonly en: string;
}

/** Builds the tuple of codes of a list, for `z.enum`. */
export function codesOf<const E extends readonly CodeEntry[]>(
  list: E,
): [E[number]['code'], ...E[number]['code'][]] {
  return list.map((entry) => entry.code) as [E[number]['code'], ...E[number]['code'][]];
}

/** Finds the label of a code in a list, in the given locale; `undefined` for an unknown code. */
export function labelOf(
  list: readonly CodeEntry[],
  code: string | undefined,
  locale: 'ja' | 'en' = 'ja',
): string | undefined {
  if (code === undefined) return undefined;
  const entry = list.find((e) => e.code === code);
  return entry?.[locale];
}
