import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import { inSubtree } from '../../platform/db/ltree.js';
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

export async function listTeams(
  db: DbOrTx,
  s: TeamScope,
  f: { kind?: TeamKind; limit: number; offset: number },
) {
  let q = selectTeams(db, s);
  if (f.kind) q = q.where('t.kind', '=', f.kind);
  const [items, total] = await Promise.all([
    q.orderBy('t.village_code').orderBy('t.kind').orderBy('t.id').limit(f.limit).offset(f.offset).execute(),
    q
      .clearSelect()
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
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
