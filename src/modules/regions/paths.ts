/** Code lengths of each level: province, city, county, township, village, grid. */
export const CODE_LENGTHS = [2, 4, 6, 9, 12, 15] as const;

/**
 * The ltree path of a region: the codes of its ancestors and itself, from the
 * province down ("21.2112.211221.211221100"). Codes nest by prefix, so the path
 * follows from the code alone.
 */
export function pathOf(code: string): string {
  const parts = CODE_LENGTHS.filter((n) => n <= code.length).map((n) => code.slice(0, n));
  if (parts[parts.length - 1] !== code) throw new Error(`not a region code: ${code}`);
  return parts.join('.');
}

export function parentCodeOf(code: string): string | null {
  const i = CODE_LENGTHS.indexOf(code.length as (typeof CODE_LENGTHS)[number]);
  if (i < 0) throw new Error(`not a region code: ${code}`);
  return i === 0 ? null : code.slice(0, CODE_LENGTHS[i - 1]);
}

export function countyCodeOf(code: string): string | null {
  return code.length >= 6 ? code.slice(0, 6) : null;
}
