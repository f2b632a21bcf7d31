import { sql, type RawBuilder } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { inScope, type Actor } from '../accounts/index.js';
import type { RuleInput } from './schemas.js';
import './errors.js'; // registers this module's codes (ADR 0005)

/** Where a rule is evaluated: the county, the launcher's subtree, and the day ages are counted on. */
export type RuleScope = { countyCode: string; path: string; asOf: string };
export type TargetRow = {
  household_id: number;
  resident_id: number | null;
  grid_code: string;
  grid_path: string;
};

/**
 * The ltree paths of the regions a rule names, each an existing township, village or grid of the
 * county inside the caller's scope — otherwise 400 and nothing is made (another county's code too).
 */
export async function regionPaths(db: DbOrTx, actor: Actor, codes: string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const rows = await db
    .selectFrom('region')
    .select(['code', sql<string>`path::text`.as('path')])
    .where('code', 'in', [...new Set(codes)])
    .where(sql<boolean>`path <@ ${actor.scopePath}::ltree`)
    .execute();
  if (rows.length !== new Set(codes).size || rows.some((r) => !inScope(actor, r.path)))
    throw new AppError('CAMPAIGN_REGION_INVALID');
  return rows.map((r) => r.path);
}

/**
 * The target list of a rule, as one SELECT over the household archive (never loaded into the
 * application): residents present in the archive, aged by `asOf`, with any of the care tags; or
 * households with a present member and the tags on the household or a present member. Always
 * inside the launcher's subtree, and inside the named regions when there are any.
 */
export function targetsOf(rule: RuleInput, s: RuleScope, paths: string[]): RawBuilder<TargetRow> {
  const tags = rule.careTags;
  const within = paths.length ? sql`AND x.grid_path <@ ${paths}::ltree[]` : sql``;
  if (rule.subject === 'resident') {
    const min =
      rule.minAge === undefined
        ? sql``
        : sql`AND x.birth_date <= ${s.asOf}::date - make_interval(years => ${rule.minAge}::int)`;
    const max =
      rule.maxAge === undefined
        ? sql``
        : sql`AND x.birth_date > ${s.asOf}::date - make_interval(years => ${rule.maxAge + 1}::int)`;
    const tagged = tags.length ? sql`AND x.care_tags && ${tags}::text[]` : sql``;
    return sql<TargetRow>`SELECT x.household_id, x.id AS resident_id, x.grid_code, x.grid_path
      FROM resident x
      WHERE x.county_code = ${s.countyCode} AND x.grid_path <@ ${s.path}::ltree AND x.status = 'present'
        ${min} ${max} ${tagged} ${within}`;
  }
  // IN (…) rather than correlated EXISTS: the planner hashes the members once (an OR of EXISTS
  // subqueries was evaluated per household: seconds on a county's archive)
  const present = sql`SELECT p.household_id FROM resident p WHERE p.county_code = ${s.countyCode} AND p.status = 'present'`;
  const tagged = tags.length
    ? sql`AND (x.care_tags && ${tags}::text[] OR x.id IN (${present} AND p.care_tags && ${tags}::text[]))`
    : sql``;
  return sql<TargetRow>`SELECT x.id AS household_id, NULL::bigint AS resident_id, x.grid_code, x.grid_path
    FROM household x
    WHERE x.county_code = ${s.countyCode} AND x.grid_path <@ ${s.path}::ltree
      AND x.id IN (${present})
      ${tagged} ${within}`;
}

/** The rule's target count before launching, by child region of the launcher's node (rule preview). */
export async function previewTargets(db: DbOrTx, rule: RuleInput, s: RuleScope, paths: string[]) {
  const { rows } = await sql<{ code: string; name: string; targets: number }>`
    WITH t AS (${targetsOf(rule, s, paths)})
    SELECT r.code, r.name, count(t.*)::int AS targets
    FROM region r JOIN t ON t.grid_path <@ r.path
    WHERE r.path ~ ${`${s.path}.*{1}`}::lquery
    GROUP BY r.code, r.name ORDER BY r.code`.execute(db);
  return { targets: rows.reduce((n, r) => n + r.targets, 0), byRegion: rows };
}
