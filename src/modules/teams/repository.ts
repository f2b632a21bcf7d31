import { sql, type Expression } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import { inSubtree } from '../../platform/db/ltree.js';
import {
  likePattern,
  listPage,
  numberPattern,
  orderBySort,
  type SortOf,
} from '../../platform/lists/index.js';
import { pathOf } from '../regions/index.js';
import { MEDIATING_CODES, type TeamKind } from './kinds.js';

/** Whose teams a caller sees: their county, villages inside `path`. */
export type TeamScope = { countyCode: string; path: string };

function selectTeams(db: DbOrTx, s: TeamScope) {
  return db
    .selectFrom('team as t')
    .innerJoin('region as v', 'v.code', 't.village_code')
    .where('t.county_code', '=', s.countyCode)
    .where(inSubtree('t.village_path', s.path))
    .select([
      't.county_code',
      't.id',
      't.village_code',
      'v.name as village_name',
      't.kind',
      't.code',
      't.name',
      't.duty',
      (eb) =>
        eb
          .selectFrom('team_member as m')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('m.county_code', '=', 't.county_code')
          .whereRef('m.team_id', '=', 't.id')
          .where('m.active', '=', true)
          .as('members'),
    ]);
}

/** The columns the team list sorts by (the whitelist of its `sort` query). */
export const TEAM_SORT_KEYS = ['id', 'village', 'kind', 'code', 'name', 'members'] as const;
export type TeamSortKey = (typeof TEAM_SORT_KEYS)[number];
const SORT_COLUMNS: Record<TeamSortKey, Expression<unknown>> = {
  id: sql`t.id`,
  village: sql`v.name`,
  kind: sql`t.kind`,
  code: sql`t.code`,
  name: sql`t.name`,
  members: sql`(SELECT count(*) FROM team_member m WHERE m.county_code = t.county_code AND m.team_id = t.id AND m.active)`,
};

export type TeamFilter = {
  kind?: TeamKind;
  /** part of the team's number (its id) */
  number?: string;
  /** words in the team's name or duty, the village's name or an active member's name (never a phone) */
  q?: string;
  sort?: SortOf<TeamSortKey>;
};

/**
 * The teams of the villages inside the scope that match the filter, by village, kind and id by
 * default: the page, its total and the export are built from this one query.
 */
export function filteredTeams(db: DbOrTx, s: TeamScope, f: TeamFilter) {
  let q = selectTeams(db, s);
  if (f.kind) q = q.where('t.kind', '=', f.kind);
  if (f.number) q = q.where(sql<string>`t.id::text`, 'like', numberPattern(f.number));
  if (f.q) {
    const like = likePattern(f.q);
    q = q.where((eb) =>
      eb.or([
        eb('t.name', 'ilike', like),
        eb('t.duty', 'ilike', like),
        eb('v.name', 'ilike', like),
        eb.exists(
          eb
            .selectFrom('team_member as tm')
            .select(sql`1`.as('one'))
            .whereRef('tm.county_code', '=', 't.county_code')
            .whereRef('tm.team_id', '=', 't.id')
            .where('tm.active', '=', true)
            .where('tm.name', 'ilike', like),
        ),
      ]),
    );
  }
  if (f.sort) return orderBySort(q, f.sort, SORT_COLUMNS, sql`t.id`);
  return q.orderBy('t.village_code').orderBy('t.kind').orderBy('t.id');
}

export function listTeams(db: DbOrTx, s: TeamScope, f: TeamFilter & { limit: number; offset: number }) {
  const q = filteredTeams(db, s, f);
  return listPage(q, q, f.limit, f.offset);
}

export async function findTeam(db: DbOrTx, s: TeamScope, id: number) {
  return selectTeams(db, s).where('t.id', '=', id).executeTakeFirst();
}

/** Active members of the teams inside the scope, optionally of some teams or team codes. */
export async function members(
  db: DbOrTx,
  s: TeamScope,
  f: { teamId?: number; villageCode?: string; codes?: readonly string[] },
) {
  let q = db
    .selectFrom('team_member as m')
    .innerJoin('team as t', (j) =>
      j.onRef('t.county_code', '=', 'm.county_code').onRef('t.id', '=', 'm.team_id'),
    )
    .where('m.county_code', '=', s.countyCode)
    .where(inSubtree('t.village_path', s.path))
    .where('m.active', '=', true)
    .select([
      'm.id',
      'm.team_id',
      't.name as team_name',
      't.code as team_code',
      'm.resident_id',
      'm.name',
      'm.title',
      'm.affiliation',
    ]);
  if (f.teamId !== undefined) q = q.where('m.team_id', '=', f.teamId);
  if (f.villageCode !== undefined) q = q.where('t.village_code', '=', f.villageCode);
  if (f.codes) q = q.where('t.code', 'in', f.codes);
  return q.orderBy('t.kind').orderBy('t.id').orderBy('m.id').execute();
}

export const MEDIATION_TEAMS = MEDIATING_CODES;

/** A resident of the village (its grids), or undefined. */
export async function villageResident(db: DbOrTx, countyCode: string, villageCode: string, id: number) {
  return db
    .selectFrom('resident')
    .select(['id', 'name'])
    .where('county_code', '=', countyCode)
    .where('id', '=', id)
    .where(inSubtree('grid_path', pathOf(villageCode)))
    .executeTakeFirst();
}
