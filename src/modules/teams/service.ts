import type { DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { inScope, type Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { pathOf } from '../regions/index.js';
import type { TeamDeps } from './context.js';
import { MEDIATING_CODES } from './kinds.js';
import * as repo from './repository.js';
import './errors.js'; // registers this module's codes (ADR 0005)

/**
 * Teams belong to villages: a grid worker (scoped to a grid) sees the teams of their grid's village.
 * Everyone else sees those inside their scope.
 */
export function teamViewer(actor: Actor): Actor {
  if (actor.scopeCode.length <= 12) return actor;
  const village = actor.scopeCode.slice(0, 12);
  return { ...actor, scopeCode: village, scopePath: pathOf(village) };
}

const scopeOf = (actor: Actor) => ({ countyCode: actor.countyCode, path: teamViewer(actor).scopePath });

/**
 * The query other modules use to choose people from the 5+5+N teams: the active members of a
 * village's teams, for mediation (the mediating teams: 纠纷调解会, 姐妹调解团, 法律顾问, 法治副书记,
 * 乡贤参事会) or for a meeting (every team). Scoped: only villages inside `scope`.
 */
export async function teamMembersFor(
  db: DbOrTx,
  scope: { countyCode: string; scopePath: string },
  villageCode: string,
  purpose: 'mediation' | 'meeting',
) {
  const rows = await repo.members(
    db,
    { countyCode: scope.countyCode, path: scope.scopePath },
    { villageCode, codes: purpose === 'mediation' ? MEDIATING_CODES : undefined },
  );
  return rows.map((m) => ({
    id: m.id,
    teamId: Number(m.team_id),
    teamName: m.team_name,
    residentId: m.resident_id === null ? null : Number(m.resident_id),
    name: m.name,
    title: m.title,
    affiliation: m.affiliation,
  }));
}

/** A village's own local group (the "N"); the five councils and five roles exist already. */
export async function createGroup(
  deps: TeamDeps,
  actor: Actor,
  input: { villageCode: string; code: string; name: string; duty?: string },
  requestId: string,
) {
  const village = await deps.db
    .selectFrom('region')
    .select(['code', 'level'])
    .where('code', '=', input.villageCode)
    .executeTakeFirst();
  if (!village || village.level !== 'village') throw new AppError('TEAM_NOT_VILLAGE');
  if (!inScope(actor, pathOf(village.code)) || village.code.slice(0, 6) !== actor.countyCode)
    throw new AppError('NOT_FOUND');
  try {
    return await deps.db.transaction().execute(async (tx) => {
      const row = await tx
        .insertInto('team')
        .values({
          county_code: actor.countyCode,
          village_code: village.code,
          village_path: pathOf(village.code),
          kind: 'group',
          code: input.code,
          name: input.name,
          duty: input.duty ?? '',
          created_at: deps.now(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(tx, {
        actor,
        countyCode: actor.countyCode,
        action: 'team.create',
        entityType: 'team',
        entityId: row.id,
        after: { villageCode: village.code, code: input.code },
        requestId,
      });
      return { id: row.id };
    });
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw new AppError('TEAM_CODE_TAKEN');
    throw err;
  }
}

/** A member joins a team: a resident of the village's archive, or an outside person by name. */
export async function addMember(
  deps: TeamDeps,
  actor: Actor,
  teamId: number,
  input: { residentId?: number; name?: string; title?: string; affiliation?: string },
  requestId: string,
) {
  const team = await repo.findTeam(deps.db, scopeOf(actor), teamId);
  if (!team) throw new AppError('NOT_FOUND');
  let name = input.name ?? '';
  if (input.residentId !== undefined) {
    const r = await repo.villageResident(deps.db, actor.countyCode, team.village_code, input.residentId);
    if (!r) throw new AppError('TEAM_MEMBER_RESIDENT');
    name = r.name;
  }
  try {
    return await deps.db.transaction().execute(async (tx) => {
      const row = await tx
        .insertInto('team_member')
        .values({
          county_code: actor.countyCode,
          team_id: teamId,
          resident_id: input.residentId ?? null,
          name,
          title: input.title ?? '',
          affiliation: input.affiliation ?? '',
          created_at: deps.now(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(tx, {
        actor,
        countyCode: actor.countyCode,
        action: 'team.add_member',
        entityType: 'team',
        entityId: teamId,
        after: { memberId: row.id, residentId: input.residentId ?? null },
        requestId,
      });
      return { id: row.id };
    });
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw new AppError('TEAM_MEMBER_TWICE');
    throw err;
  }
}

/** A member leaves (kept in the table as inactive, so past mediations still name them). */
export async function removeMember(
  deps: TeamDeps,
  actor: Actor,
  teamId: number,
  memberId: number,
  requestId: string,
) {
  const team = await repo.findTeam(deps.db, scopeOf(actor), teamId);
  if (!team) throw new AppError('NOT_FOUND');
  return deps.db.transaction().execute(async (tx) => {
    const done = await tx
      .updateTable('team_member')
      .set({ active: false })
      .where('county_code', '=', actor.countyCode)
      .where('team_id', '=', teamId)
      .where('id', '=', memberId)
      .where('active', '=', true)
      .returning('id')
      .executeTakeFirst();
    if (!done) throw new AppError('NOT_FOUND');
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'team.remove_member',
      entityType: 'team',
      entityId: teamId,
      after: { memberId },
      requestId,
    });
  });
}
