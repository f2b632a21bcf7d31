import { sql, type RawBuilder } from 'kysely';

/**
 * The visit interval of household `h` (in days) under its county's policy: the
 * shortest interval among its care tags that the policy lists, else the
 * policy's default row (''). One correlated lookup on a table of a few rows,
 * so it serves a single household and a whole county's UPDATE alike.
 */
export function intervalDays(h = 'h'): RawBuilder<number | null> {
  const county = sql.ref(`${h}.county_code`);
  const tags = sql.ref(`${h}.care_tags`);
  return sql<
    number | null
  >`(SELECT coalesce(min(p.interval_days) FILTER (WHERE p.care_tag <> ''), min(p.interval_days) FILTER (WHERE p.care_tag = ''))
    FROM visit_policy p WHERE p.county_code = ${county} AND (p.care_tag = '' OR p.care_tag = ANY(${tags})))`;
}

/** When `h` is next due, given its last visit (NULL when never visited: due now). */
export function dueAfter(
  lastVisit: RawBuilder<Date | null> | ReturnType<typeof sql.ref>,
  h = 'h',
): RawBuilder<Date | null> {
  return sql<Date | null>`${lastVisit} + make_interval(days => ${intervalDays(h)})`;
}

/** Default intervals of a new county (days). The reasoning is in seed.ts. */
export const DEFAULT_INTERVALS: Record<string, number> = {
  'elderly-alone': 7,
  'bereaved-parent': 14,
  disabled: 14,
  'left-behind-child': 14,
  poverty: 30,
  'minimum-living': 30,
  '': 90,
};
