/**
 * ISO date → `2022/09/27`, as the form shows a date it has read and the confirmation screen lists it;
 * anything else is returned as it is ('' for nothing).
 */
export function slashDate(iso: string | undefined): string {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  return m ? `${m[1]}/${m[2]}/${m[3]}` : (iso ?? '');
}
