/** The compact postal data format written by scripts/build-postal-data.ts. */
export interface PostalShard {
  /** "prefCode|city" of every municipality in the shard. */
  c: string[];
  /** Last five digits of a code → "cityIndex:town" entries separated by ";". */
  e: Record<string, string>;
}
