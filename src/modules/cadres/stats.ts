import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import type { Scope } from './repository.js';
import { COLLEGE } from './schemas.js';

export type Rate = { n: number; of: number; percent: number | null };

/** n / of as a percentage to one decimal, the way the organisation department reports it. */
export const rate = (n: number, of: number): Rate => ({
  n,
  of,
  percent: of === 0 ? null : Math.round((n * 1000) / of) / 10,
});

type Totals = {
  members: number;
  age_sum: number;
  college: number;
  village_secretaries: number;
  village_one: number;
  community_secretaries: number;
  community_one: number;
  reserve: number;
  reserve_trained: number;
  first_secretaries: number;
  mentor_pairs: number;
};

/**
 * The organisation department's figures for a scope on a date (J16), in one statement:
 * - two-committee members: cadres of a village or community holding a post; their average age
 *   (the year of `on` minus the birth year) and the share with college education (大专及以上);
 * - 一肩挑: of the villages (and, apart, the communities) that have a secretary, those whose
 *   secretary also chairs the committee;
 * - reserve cadres and how many of them have training; first secretaries in post on `on`
 *   (started on or before, not ended before); mentor pairs running on `on`.
 */
export async function cadreStats(db: DbOrTx, scope: Scope, on: string) {
  const year = Number(on.slice(0, 4));
  const r = await sql<Totals>`
    WITH c AS (
      SELECT c.*, r.kind AS region_kind, r.level AS region_level
      FROM cadre c JOIN region r ON r.code = c.region_code
      WHERE c.county_code = ${scope.countyCode} AND c.region_path <@ ${scope.path}::ltree
    ),
    committee AS (SELECT * FROM c WHERE region_level = 'village' AND cardinality(posts) > 0),
    secretaries AS (
      SELECT region_kind, region_code, bool_or('director' = ANY (posts)) AS one
      FROM committee WHERE 'secretary' = ANY (posts)
      GROUP BY region_kind, region_code
    )
    SELECT
      (SELECT count(*)::int FROM committee) AS members,
      (SELECT coalesce(sum(${year} - birth_year), 0)::int FROM committee) AS age_sum,
      (SELECT count(*)::int FROM committee WHERE education = ANY (${[...COLLEGE]}::text[])) AS college,
      (SELECT count(*)::int FROM secretaries WHERE region_kind = 'village') AS village_secretaries,
      (SELECT count(*)::int FROM secretaries WHERE region_kind = 'village' AND one) AS village_one,
      (SELECT count(*)::int FROM secretaries WHERE region_kind = 'community') AS community_secretaries,
      (SELECT count(*)::int FROM secretaries WHERE region_kind = 'community' AND one) AS community_one,
      (SELECT count(*)::int FROM c WHERE reserve) AS reserve,
      (SELECT count(*)::int FROM c WHERE reserve AND EXISTS (
         SELECT 1 FROM cadre_training t WHERE t.county_code = c.county_code AND t.cadre_id = c.id)) AS reserve_trained,
      (SELECT count(*)::int FROM first_secretary p
        WHERE p.county_code = ${scope.countyCode} AND p.village_path <@ ${scope.path}::ltree
          AND p.started_on <= ${on}::date AND (p.ended_on IS NULL OR p.ended_on >= ${on}::date)) AS first_secretaries,
      (SELECT count(*)::int FROM cadre_mentor p JOIN c ON c.id = p.mentee_id
        WHERE p.county_code = ${scope.countyCode}
          AND p.started_on <= ${on}::date AND (p.ended_on IS NULL OR p.ended_on >= ${on}::date)) AS mentor_pairs
  `.execute(db);
  const t = r.rows[0]!;
  return {
    on,
    committeeMembers: t.members,
    averageAge: t.members === 0 ? null : Math.round((t.age_sum * 10) / t.members) / 10,
    college: rate(t.college, t.members),
    oneShoulderVillages: rate(t.village_one, t.village_secretaries),
    oneShoulderCommunities: rate(t.community_one, t.community_secretaries),
    reserveCadres: t.reserve,
    reserveTrained: t.reserve_trained,
    firstSecretaries: t.first_secretaries,
    mentorPairs: t.mentor_pairs,
  };
}
